package se.npprod.privacy.core.erasure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.FollowUpRequests;
import se.npprod.privacy.core.request.RequestStore;

/**
 * The clock of a processor asked by mail to erase: reminded with a fresh link when
 * {@code requests.processorReminderBefore} remains of the erasure's target, and, still unconfirmed
 * when {@code requests.processorEscalationBefore} remains, the privacy team is told so that a person
 * can call the processor before the target passes.
 */
public final class FollowUpProcessors {
  private FollowUpProcessors() {}

  /**
   * The follow-ups of asking {@code system} now for an erasure due at {@code target}. A reminder
   * whose time has already passed is left out (it would follow the request within the hour); the
   * escalation never is, since the team must hear of a processor asked late.
   */
  static List<RequestStore.FollowUp> scheduled(Policy policy, String requestId, String system, Instant target,
      Instant now) {
    List<RequestStore.FollowUp> followUps = new ArrayList<>();
    Instant remind = target.minus(policy.requests().processorReminderBefore());
    if (remind.isAfter(now)) {
      followUps.add(new RequestStore.FollowUp(requestId, what(FollowUpRequests.PROCESSOR_REMIND, system), remind));
    }
    followUps.add(new RequestStore.FollowUp(requestId, what(FollowUpRequests.PROCESSOR_ESCALATE, system),
        target.minus(policy.requests().processorEscalationBefore())));
    return followUps;
  }

  private static String what(String kind, String system) {
    return kind + "#" + system;
  }
}
