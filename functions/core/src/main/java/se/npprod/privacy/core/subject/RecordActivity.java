package se.npprod.privacy.core.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import se.npprod.privacy.core.policy.Policy;

/**
 * Records one activity from the shop's systems as the subject's data and moves the 24-month clock:
 * the subject's deadline is the last order or support contact plus {@code retention.afterLastActivity},
 * in the policy's time zone. A redelivered event (same id) changes nothing.
 *
 * <p>The tombstone of an erasure is a suppression marker: a marketing import for an erased person
 * is not recorded at all. What the person does themselves (an order, a support contact, an
 * account) is recorded as ever: they came back, and that is a new relationship with its own
 * 24 months. A person who objected to direct marketing keeps the mark whatever is imported.
 */
public final class RecordActivity {
  /** Concurrent events for one person are rare; a few rounds settle them. */
  private static final int ATTEMPTS = 5;

  /** When the activity's items expire: the subject's deadline, and an invoice's bookkeeping end. */
  public record Deadlines(Instant subjectExpiresAt, Optional<LocalDate> invoiceDeletableFrom,
      Optional<Instant> invoiceExpiresAt) {}

  private final Policy policy;
  private final SubjectKeys keys;
  private final SubjectRegistry registry;

  public RecordActivity(Policy policy, SubjectKeys keys, SubjectRegistry registry) {
    this.policy = policy;
    this.keys = keys;
    this.registry = registry;
  }

  /** @return the subject key and what became of the event */
  public Result record(Activity activity) {
    String subject = keys.of(activity.contact().email());
    if (!activity.byThePerson() && registry.erased(subject)) {
      return new Result(subject, Status.SUPPRESSED);
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Profile> current = registry.profile(subject);
      Profile updated = merge(subject, current, activity);
      Deadlines deadlines = deadlines(updated, activity);
      SubjectRegistry.Outcome outcome =
          registry.record(activity, updated, current.map(Profile::version).orElse(0L), deadlines);
      if (outcome != SubjectRegistry.Outcome.CONFLICT) {
        // Older items move with the deadline; done again on a redelivery, so a crash between the
        // record and this leaves nothing behind that TTL could take early.
        registry.keepUntil(subject, updated.expiresAt());
        return new Result(subject, outcome == SubjectRegistry.Outcome.WRITTEN ? Status.RECORDED : Status.DUPLICATE);
      }
    }
    throw new IllegalStateException("the subject's profile kept changing under " + ATTEMPTS + " attempts");
  }

  /** The subject key is for the registry's use; it is not to be logged for a suppressed event. */
  public record Result(String subject, Status status) {}

  /** Recorded; already recorded (the same event id); or not recorded, the person having been erased. */
  public enum Status { RECORDED, DUPLICATE, SUPPRESSED }

  Profile merge(String subject, Optional<Profile> current, Activity a) {
    Activity.Contact c = a.contact();
    TreeSet<String> numbers = new TreeSet<>(current.map(Profile::customerNumbers).orElse(Set.of()));
    if (c.customerNumber() != null) {
      numbers.add(c.customerNumber());
    }
    TreeSet<String> systems = new TreeSet<>(current.map(Profile::systems).orElse(Set.of()));
    systems.add(a.system());
    // The newest event's details win; an older event arriving late fills only what is missing.
    boolean newer = current.map(p -> !a.occurredAt().isBefore(p.contactUpdatedAt())).orElse(true);
    String name = pick(newer, c.name(), current.map(Profile::name).orElse(null));
    String phone = pick(newer, c.phone(), current.map(Profile::phone).orElse(null));
    Instant contactAt = newer ? a.occurredAt() : current.get().contactUpdatedAt();
    // An account event starts the clock for a person we have not seen, so nothing is held without a
    // deadline; after that only orders and support contacts move it (policy §5).
    Instant last = current.map(Profile::lastActivityAt).orElse(null);
    if (last == null || a.movesRetentionClock() && a.occurredAt().isAfter(last)) {
      last = a.occurredAt();
    }
    ZonedDateTime expires = last.atZone(policy.timezone()).plus(policy.retention().afterLastActivity());
    return new Profile(subject, c.email(), name, phone, numbers, systems, contactAt, last,
        expires.toLocalDate(), expires.toInstant(), current.map(Profile::version).orElse(0L) + 1);
  }

  private static String pick(boolean newer, String incoming, String existing) {
    if (incoming == null || incoming.isBlank()) {
      return existing;
    }
    return newer || existing == null ? incoming : existing;
  }

  Deadlines deadlines(Profile profile, Activity activity) {
    if (activity instanceof Activity.OrderPlaced order && order.invoice().isPresent()) {
      LocalDate from = Bookkeeping.deletableFrom(order.invoice().get().invoiceDate(), policy.retention().bookkeeping());
      return new Deadlines(profile.expiresAt(), Optional.of(from),
          Optional.of(from.atStartOfDay(policy.timezone()).toInstant()));
    }
    return new Deadlines(profile.expiresAt(), Optional.empty(), Optional.empty());
  }
}
