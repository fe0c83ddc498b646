package se.npprod.privacy.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move forward by calendar periods (in Europe/Stockholm, as the rules count). */
public final class MutableClock extends Clock {
  private Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  public void set(Instant instant) {
    now = instant;
  }

  public void advance(java.time.Duration duration) {
    now = now.plus(duration);
  }

  public void advance(Period period) {
    now = now.atZone(ZoneId.of("Europe/Stockholm")).plus(period).toInstant();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
