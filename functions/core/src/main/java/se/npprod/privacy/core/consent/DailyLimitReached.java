package se.npprod.privacy.core.consent;

import java.time.Instant;

/** One visitor id has taken the policy's number of decisions for the day; nothing was written. */
public class DailyLimitReached extends RuntimeException {
  private final Instant resetsAt;

  public DailyLimitReached(Instant resetsAt) {
    super("the daily number of decisions for this visitor is reached");
    this.resetsAt = resetsAt;
  }

  /** When the next day starts, in the policy's time zone: the caller may try again then. */
  public Instant resetsAt() {
    return resetsAt;
  }
}
