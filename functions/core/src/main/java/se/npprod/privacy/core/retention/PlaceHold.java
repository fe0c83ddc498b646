package se.npprod.privacy.core.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.SubjectKeys;

/**
 * The privacy team places a legal hold on a person (Art. 17(3)(e): a dispute, an authority's
 * order), or changes or ends one by giving another end date: while it lasts, the 24-month rule
 * passes the person by. The hold is kept by the person's subject key, so placing one reveals
 * nothing about whether we hold data on the address. From the moment it is placed nothing of the
 * person's expires (TTL, the backstop) before the day after it ends, and on that day the person is
 * listed for the retention scan again (never before their own deadline). An end date in the past
 * ends the hold: the person is due at the next run if their deadline has passed.
 */
public final class PlaceHold {
  /** How far ahead a hold may reach; longer needs a new decision, not a date far in the future. */
  public static final int MAX_YEARS = 10;

  public enum Outcome { PLACED, ENDED }

  public record Result(Outcome outcome, LocalDate until) {}

  private final Policy policy;
  private final SubjectKeys keys;
  private final RetentionStore store;
  private final Clock clock;

  public PlaceHold(Policy policy, SubjectKeys keys, RetentionStore store, Clock clock) {
    this.policy = policy;
    this.keys = keys;
    this.store = store;
    this.clock = clock;
  }

  /** @throws InvalidInput if the hold would reach more than {@link #MAX_YEARS} years ahead */
  public Result place(EmailAddress email, String reason, LocalDate until, String setBy) {
    Instant now = clock.instant();
    LocalDate today = now.atZone(policy.timezone()).toLocalDate();
    if (until.isAfter(today.plusYears(MAX_YEARS))) {
      throw new InvalidInput("invalid-hold", "The legal hold is not valid", List.of(new InvalidInput.FieldError("until",
          "at most " + MAX_YEARS + " years ahead; renew it when it ends")));
    }
    String subject = keys.of(email);
    store.placeHold(new Hold(subject, reason, setBy, now, until),
        until.plusDays(1).atStartOfDay(policy.timezone()).plus(policy.requests().keepClosedFor()).toInstant());
    LocalDate after = until.plusDays(1);
    LocalDate listOn = after.isBefore(today) ? today : after;
    store.defer(subject, listOn, listOn.plusDays(1).atStartOfDay(policy.timezone()).toInstant());
    boolean holds = !today.isAfter(until);
    store.note(today, now, holds ? "hold-placed" : "hold-ended",
        Map.of("subject", subject, "until", until.toString(), "by", setBy));
    return new Result(holds ? Outcome.PLACED : Outcome.ENDED, until);
  }
}
