package se.npprod.privacy.core.erasure;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.RequestStore;

/**
 * Port: an erasure's plan on its request: the identifiers gathered before anything went, one task
 * per system with its state, and the count of tasks done. Every state change is a conditional
 * write, so a message delivered twice, or two workers at once, change a task once.
 */
public interface ErasurePlans {
  enum TaskState { PENDING, WAITING, DONE, FAILED }

  /** A task; {@code acknowledgedBy} is set once a processor asked by mail has confirmed. */
  record Task(String requestId, String system, TaskState state, int attempts, String reason, String acknowledgedBy) {}

  /** A processor's confirmation link's stored half: which task it confirms. */
  record ProcessorToken(String requestId, String system) {}

  record Plan(Identifiers identifiers, List<Task> tasks, int done) {}

  /** Writes the plan (identifiers and a PENDING task per system) unless it exists; false if it did. */
  boolean create(String requestId, Identifiers identifiers, List<String> systems, AuditEvent event);

  Optional<Plan> plan(String requestId);

  /**
   * PENDING to WAITING: the processor has been asked by mail, its confirmation link's token (by
   * hash) is recorded and its follow-ups (reminder, escalation) are scheduled, all in one write;
   * false if the task was not PENDING (asked before), and then nothing is written.
   */
  boolean waiting(String requestId, String system, String tokenHash, Instant validUntil,
      List<RequestStore.FollowUp> followUps, AuditEvent event);

  /**
   * Another confirmation link for a task still WAITING and not confirmed (a reminder), recorded by
   * hash beside the first, so that either link confirms; false, and nothing written, once the task
   * no longer waits.
   */
  boolean addProcessorToken(String requestId, String system, String tokenHash, Instant validUntil, AuditEvent event);

  Optional<ProcessorToken> processorToken(String tokenHash);

  /** Records the processor's confirmation (who, when) on a WAITING task, once; false otherwise. */
  boolean acknowledge(String requestId, String system, String by, Instant at);

  /**
   * PENDING (or WAITING and acknowledged) to DONE, and the request's done-count up by one, in one
   * step; false otherwise.
   */
  boolean done(String requestId, String system, Map<String, Long> counts, AuditEvent event);

  /** PENDING to FAILED with the reason, for a person to handle; false if not PENDING. */
  boolean failed(String requestId, String system, String reason, AuditEvent event);

  /** One more attempt noted on a PENDING task (a system that did not answer). */
  void attempted(String requestId, String system, String reason, Instant at);

  /** Whether the person has been told the erasure is done (a crash may have come between). */
  boolean confirmationMailed(String requestId);

  void markConfirmationMailed(String requestId, Instant at);

  /**
   * Marks the person as being erased, beside where the tombstone will be, before anything goes: a
   * marketing import that arrives while the erasure runs must not bring them back either. The
   * tombstone replaces it.
   */
  void markErasing(String subject, String requestId, Instant at);

  /** Writes the tombstone: the subject key, the date, the systems, the request id; no personal data. */
  void tombstone(String subject, String requestId, List<String> systems, Instant at);

  /**
   * Records the corrected fields the privacy team confirmed for a rectification, with its audit
   * event, only while the request is a VERIFIED rectification (not yet planned): until then a
   * second confirmation replaces the first. They are personal data: kept in the request's
   * partition, and gone when the request goes.
   *
   * @return false when the request is not a VERIFIED rectification
   */
  boolean correct(String requestId, Map<String, String> fields, AuditEvent event);

  /** The corrected fields confirmed for a rectification, if any. */
  Optional<Map<String, String>> corrections(String requestId);

  /**
   * Notes that a system has been told a restriction is lifted (Art. 18(3)); false if it had been
   * before, so that no system is told twice by us.
   */
  boolean markLifted(String requestId, String system, Instant at);

  /** The systems already told that the request's restriction is lifted. */
  Set<String> lifted(String requestId);
}
