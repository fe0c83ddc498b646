package se.npprod.privacy.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerDeadlineTest {
  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

  /** Noon in Stockholm on that date, well clear of any day boundary. */
  private static Instant receivedOn(String date) {
    return LocalDate.parse(date).atTime(12, 0).atZone(STOCKHOLM).toInstant();
  }

  @ParameterizedTest
  @CsvSource({
      "2026-05-10, 2026-06-10", // IMY's own example: 10 May, answer by 10 June
      "2025-01-31, 2025-02-28", // no 31 February: the month's last day
      "2024-01-31, 2024-02-29", // a leap year
      "2028-01-30, 2028-02-29",
      "2025-03-31, 2025-04-30",
      "2026-03-31, 2026-04-30",
      "2026-08-31, 2026-09-30",
  })
  void isTheSameDateNextMonthOrThatMonthsLastDay(String received, LocalDate due) {
    assertThat(AnswerDeadline.dueDate(receivedOn(received), STOCKHOLM)).isEqualTo(due);
  }

  @ParameterizedTest
  @CsvSource({
      "2026-01-31, 2026-03-02", // 28 February 2026 is a Saturday
      "2026-05-19, 2026-06-22", // midsommarafton, midsommardagen, Sunday
      "2026-03-06, 2026-04-07", // annandag påsk
      "2026-11-24, 2026-12-28", // julafton, juldagen, annandag jul, Sunday
      "2026-12-01, 2027-01-04", // nyårsdagen on a Friday, then the weekend
      "2026-04-14, 2026-05-15", // Kristi himmelsfärdsdag
      "2025-05-06, 2025-06-09", // nationaldagen on a Friday
      "2026-02-01, 2026-03-02", // a Sunday
  })
  void movesADueDateOffADayOffToTheNextWorkingDay(String received, LocalDate due) {
    assertThat(AnswerDeadline.dueDate(receivedOn(received), STOCKHOLM)).isEqualTo(due);
  }

  @Test
  void countsFromTheDateInStockholmNotInUtc() {
    Instant newYearsEveInUtc = Instant.parse("2027-12-31T23:30:00Z"); // 00:30 on 1 January here

    LocalDate due = AnswerDeadline.dueDate(newYearsEveInUtc, STOCKHOLM);

    assertThat(due).isEqualTo(LocalDate.parse("2028-02-01"));
    assertThat(AnswerDeadline.dueDate(newYearsEveInUtc, ZoneId.of("UTC")))
        .isEqualTo(LocalDate.parse("2028-01-31"));
    assertThat(AnswerDeadline.dueDate(Instant.parse("2027-12-31T22:59:59Z"), STOCKHOLM))
        .isEqualTo(LocalDate.parse("2028-01-31")); // 23:59:59 on 31 December here
  }

  @Test
  void countsFromTheLocalDateInSummerTimeToo() {
    Instant received = Instant.parse("2026-03-31T22:30:00Z"); // 00:30 CEST on 1 April

    assertThat(AnswerDeadline.dueDate(received, STOCKHOLM))
        .isEqualTo(LocalDate.parse("2026-05-04")); // 1 May, första maj, is a Friday
  }

  @Test
  void takesAnyPeriodTheSameWay() {
    Instant received = receivedOn("2026-01-31");

    assertThat(AnswerDeadline.dueDate(received, STOCKHOLM, Period.ofMonths(1)))
        .isEqualTo(AnswerDeadline.dueDate(received, STOCKHOLM));
    assertThat(AnswerDeadline.dueDate(received, STOCKHOLM, Period.ofMonths(2)))
        .isEqualTo(LocalDate.parse("2026-03-31"));
    assertThat(AnswerDeadline.dueDate(received, STOCKHOLM, Period.ofDays(1)))
        .isEqualTo(LocalDate.parse("2026-02-02")); // 1 February is a Sunday
  }

  @Test
  void refusesAPeriodThatIsNotPositive() {
    Instant received = receivedOn("2026-01-31");

    assertThatThrownBy(() -> AnswerDeadline.dueDate(received, STOCKHOLM, Period.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AnswerDeadline.dueDate(received, STOCKHOLM, Period.ofMonths(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
      "2026-01-31, 2026-04-30", // three months from receipt, not from the first due date
      "2025-11-30, 2026-03-02", // 28 February 2026 is a Saturday
      "2026-03-24, 2026-06-24",
      "2026-03-19, 2026-06-22", // midsommarafton
  })
  void extendsToThreeMonthsFromReceipt(String received, LocalDate due) {
    assertThat(AnswerDeadline.extendedDueDate(receivedOn(received), STOCKHOLM)).isEqualTo(due);
  }

  @Test
  void allowsAnExtensionNoticeUntilTheEndOfTheFirstDueDate() {
    Instant received = receivedOn("2026-05-19"); // due Monday 22 June 2026
    Instant lastMoment = Instant.parse("2026-06-22T21:59:59.999999999Z"); // 23:59:59.999999999 CEST

    assertThat(AnswerDeadline.extensionStillPossible(received, received, STOCKHOLM)).isTrue();
    assertThat(AnswerDeadline.extensionStillPossible(received, lastMoment, STOCKHOLM)).isTrue();
    assertThat(AnswerDeadline.extensionStillPossible(received, lastMoment.plusNanos(1), STOCKHOLM))
        .isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "2026-06-22, 2026-06-22T21:59:59.999999999Z", // summer time, UTC+2
      "2026-01-15, 2026-01-15T22:59:59.999999999Z", // winter time, UTC+1
      "2026-03-29, 2026-03-29T21:59:59.999999999Z", // the day the clocks go forward
      "2026-10-25, 2026-10-25T22:59:59.999999999Z", // the day they go back
  })
  void endsADeadlineAtTheLastInstantOfItsLocalDay(LocalDate date, Instant end) {
    assertThat(AnswerDeadline.endOfDay(date, STOCKHOLM)).isEqualTo(end);
  }

  @Test
  void endsTheDayRightInAZoneWhoseClocksSkipMidnight() {
    ZoneId santiago = ZoneId.of("America/Santiago"); // 2026-09-06 begins at 01:00 local

    Instant end = AnswerDeadline.endOfDay(LocalDate.parse("2026-09-05"), santiago);

    assertThat(end.atZone(santiago).toLocalDate()).isEqualTo(LocalDate.parse("2026-09-05"));
    assertThat(end.plusNanos(1).atZone(santiago).toLocalDate()).isEqualTo(LocalDate.parse("2026-09-06"));
  }
}
