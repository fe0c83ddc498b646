package se.npprod.privacy.core.erasure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.FollowUpRequests;
import se.npprod.privacy.core.request.Outbox;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.request.VerificationToken;
import se.npprod.privacy.core.subject.EmailAddress;

/**
 * The clock of a processor asked by mail to erase: reminded with a fresh link when
 * {@code requests.processorReminderBefore} remains of the erasure's target, and, still unconfirmed
 * when {@code requests.processorEscalationBefore} remains, the privacy team is told (a mail in codes
 * and an audit event) so that a person can call the processor before the target passes. A task
 * confirmed, done or failed meanwhile only has its follow-ups cleared.
 *
 * <p>Each follow-up is deleted once done. A crash between its mail and that delete sends the mail
 * again at the next run: twice is better than never.
 */
public final class FollowUpProcessors implements FollowUpRequests.ProcessorFollowUps {
  private final Policy policy;
  private final RequestStore requests;
  private final ErasurePlans plans;
  private final ProcessorContacts contacts;
  private final VerificationLinks links;
  private final Outbox outbox;
  private final EmailAddress privacyTeam;
  private final ProcessorMails mails;

  /**
   * @param privacyTeam where escalations go; never the address the mail intake receives (the
   *     policy's contact address), or an escalation would come back in as a request
   */
  public FollowUpProcessors(Policy policy, RequestStore requests, ErasurePlans plans, ProcessorContacts contacts,
      VerificationLinks links, Outbox outbox, EmailAddress privacyTeam) {
    if (privacyTeam.value().equalsIgnoreCase(policy.controller().contactEmail())) {
      throw new IllegalArgumentException("the privacy team's address must not be the intake address in the policy"
          + " (controller.contactEmail): escalations would come back in as requests");
    }
    this.policy = policy;
    this.requests = requests;
    this.plans = plans;
    this.contacts = contacts;
    this.links = links;
    this.outbox = outbox;
    this.privacyTeam = privacyTeam;
    this.mails = new ProcessorMails(policy);
  }

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

  /** The erasure's target: the policy's deadline from the person's confirmation. */
  static Instant target(Policy policy, Optional<PrivacyRequest> request, Instant fallback) {
    return request.flatMap(PrivacyRequest::verifiedAt).orElse(fallback).plus(policy.retention().erasureDeadline());
  }

  @Override
  public Outcome run(RequestStore.FollowUp followUp, Instant now) {
    String kind = followUp.what().substring(0, followUp.what().indexOf('#'));
    String system = followUp.what().substring(kind.length() + 1);
    Optional<ErasurePlans.Plan> plan = plans.plan(followUp.requestId());
    boolean waits = plan.stream().flatMap(p -> p.tasks().stream())
        .anyMatch(t -> t.system().equals(system) && t.state() == ErasurePlans.TaskState.WAITING
            && t.acknowledgedBy() == null);
    Optional<PrivacyRequest> request = requests.request(followUp.requestId());
    if (!waits || request.isEmpty()) {
      requests.followUpDone(followUp);
      return Outcome.CLEARED;
    }
    Instant target = target(policy, request, now);
    Outcome outcome = switch (kind) {
      case FollowUpRequests.PROCESSOR_REMIND -> remind(followUp.requestId(), system, plan.get().identifiers(), target, now);
      case FollowUpRequests.PROCESSOR_ESCALATE -> escalate(followUp.requestId(), system, target, now);
      default -> Outcome.CLEARED;
    };
    if (outcome != Outcome.LATER) {
      requests.followUpDone(followUp);
    }
    return outcome;
  }

  private Outcome remind(String requestId, String systemId, Identifiers ids, Instant target, Instant now) {
    Optional<Policy.DataSystem> system = policy.systems().stream().filter(s -> s.id().equals(systemId)).findFirst();
    if (system.isEmpty()) {
      return Outcome.CLEARED; // no longer in the data map: nothing to remind of; the escalation still comes
    }
    Optional<EmailAddress> contact = contacts.contact(systemId);
    if (contact.isEmpty()) {
      return Outcome.LATER; // its contact was taken out of the secret: tried again next run
    }
    VerificationToken token = VerificationToken.generate();
    if (!plans.addProcessorToken(requestId, systemId, token.hash(), now.plus(RunErasureTask.PROCESSOR_LINK_VALID_FOR),
        new AuditEvent(requestId, now, "processor-reminded", Map.of("system", systemId)))) {
      return Outcome.CLEARED; // confirmed since the plan was read
    }
    outbox.send(mails.reminder(system.get(), contact.get(), requestId, ids, links.processor(token), target));
    return Outcome.REMINDED;
  }

  private Outcome escalate(String requestId, String systemId, Instant target, Instant now) {
    outbox.send(mails.escalation(privacyTeam, requestId, systemId, target));
    requests.audit(new AuditEvent(requestId, now, "processor-escalated",
        Map.of("system", systemId, "target", target.toString())));
    return Outcome.ESCALATED;
  }

  private static String what(String kind, String system) {
    return kind + "#" + system;
  }
}
