package se.npprod.privacy.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SwedishHolidaysTest {

  @ParameterizedTest
  @CsvSource({
      "2024, 2024-03-31",
      "2025, 2025-04-20",
      "2026, 2026-04-05",
      "2027, 2027-03-28",
      "2038, 2038-04-25", // the latest date Easter can fall on
      "2285, 2285-03-22", // the earliest
      "2000, 2000-04-23",
      "2100, 2100-03-28",
  })
  void computesEasterSundayByTheGregorianRule(int year, LocalDate easter) {
    assertThat(SwedishHolidays.easterSunday(year)).isEqualTo(easter);
    assertThat(SwedishHolidays.holidayName(easter)).contains("påskdagen");
  }

  @Test
  void namesEveryDayOff2026AndNoOther() {
    Map<LocalDate, String> expected = new LinkedHashMap<>();
    expected.put(LocalDate.parse("2026-01-01"), "nyårsdagen");
    expected.put(LocalDate.parse("2026-01-06"), "trettondedag jul");
    expected.put(LocalDate.parse("2026-04-03"), "långfredagen");
    expected.put(LocalDate.parse("2026-04-05"), "påskdagen");
    expected.put(LocalDate.parse("2026-04-06"), "annandag påsk");
    expected.put(LocalDate.parse("2026-05-01"), "första maj");
    expected.put(LocalDate.parse("2026-05-14"), "Kristi himmelsfärdsdag");
    expected.put(LocalDate.parse("2026-05-24"), "pingstdagen");
    expected.put(LocalDate.parse("2026-06-06"), "nationaldagen");
    expected.put(LocalDate.parse("2026-06-19"), "midsommarafton");
    expected.put(LocalDate.parse("2026-06-20"), "midsommardagen");
    expected.put(LocalDate.parse("2026-10-31"), "alla helgons dag");
    expected.put(LocalDate.parse("2026-12-24"), "julafton");
    expected.put(LocalDate.parse("2026-12-25"), "juldagen");
    expected.put(LocalDate.parse("2026-12-26"), "annandag jul");
    expected.put(LocalDate.parse("2026-12-31"), "nyårsafton");

    Map<LocalDate, String> named = new LinkedHashMap<>();
    for (LocalDate d = LocalDate.parse("2026-01-01"); d.getYear() == 2026; d = d.plusDays(1)) {
      LocalDate day = d;
      SwedishHolidays.holidayName(day).ifPresent(name -> named.put(day, name));
    }

    assertThat(named).containsExactlyEntriesOf(expected);
  }

  @ParameterizedTest
  @CsvSource({
      // midsommardagen is the Saturday from 20 to 26 June, midsommarafton the day before
      "2025-06-21, midsommardagen",
      "2025-06-20, midsommarafton",
      "2027-06-26, midsommardagen",
      "2027-06-25, midsommarafton",
      "2029-06-23, midsommardagen",
      // alla helgons dag is the Saturday from 31 October to 6 November
      "2025-11-01, alla helgons dag",
      "2027-11-06, alla helgons dag",
      "2026-10-31, alla helgons dag",
      // Kristi himmelsfärdsdag is Easter + 39, pingstdagen Easter + 49
      "2025-05-29, Kristi himmelsfärdsdag",
      "2025-06-08, pingstdagen",
      "2026-05-14, Kristi himmelsfärdsdag",
  })
  void findsTheMovableDaysInOtherYears(LocalDate date, String name) {
    assertThat(SwedishHolidays.holidayName(date)).contains(name);
    assertThat(SwedishHolidays.isNonWorkingDay(date)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "2026-06-13", // an ordinary Saturday
      "2026-06-14", // an ordinary Sunday
      "2026-04-04", // påskafton: a Saturday, but not among the named days
  })
  void weekendsAreDaysOffWithoutAName(LocalDate date) {
    assertThat(SwedishHolidays.isNonWorkingDay(date)).isTrue();
    assertThat(SwedishHolidays.holidayName(date)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "2026-04-02", // skärtorsdagen is a working day
      "2026-04-07", // the Tuesday after Easter
      "2026-05-25", // annandag pingst has been a working day since 2005
      "2026-06-18", // the day before midsommarafton
      "2026-12-23",
      "2026-12-30",
      "2026-03-10",
  })
  void knowsTheWorkingDaysAroundTheHolidays(LocalDate date) {
    assertThat(SwedishHolidays.isNonWorkingDay(date)).isFalse();
    assertThat(SwedishHolidays.holidayName(date)).isEmpty();
  }

  @Test
  void keepsAnnandagPingstInsteadOfNationaldagenBefore2005() {
    assertThat(SwedishHolidays.holidayName(LocalDate.parse("2004-05-31"))).contains("annandag pingst");
    assertThat(SwedishHolidays.holidayName(LocalDate.parse("2003-06-06"))).isEmpty();
    assertThat(SwedishHolidays.isNonWorkingDay(LocalDate.parse("2003-06-06"))).isFalse();
    assertThat(SwedishHolidays.holidayName(LocalDate.parse("2005-06-06"))).contains("nationaldagen");
    assertThat(SwedishHolidays.isNonWorkingDay(LocalDate.parse("2005-05-16"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "2026-03-10, 2026-03-10", // a working day is its own next working day
      "2026-12-24, 2026-12-28", // julafton, juldagen, annandag jul, Sunday
      "2026-04-03, 2026-04-07", // långfredagen to the Tuesday after Easter
      "2026-06-19, 2026-06-22", // midsommarafton to Monday
      "2026-06-06, 2026-06-08", // nationaldagen on a Saturday
      "2026-12-31, 2027-01-04", // nyårsafton, nyårsdagen, the weekend
      "2027-01-06, 2027-01-07", // trettondedag jul on a Wednesday
      "2026-05-14, 2026-05-15", // Kristi himmelsfärdsdag; the Friday after works
  })
  void movesToTheNextWorkingDay(LocalDate date, LocalDate next) {
    assertThat(SwedishHolidays.nextWorkingDay(date)).isEqualTo(next);
  }
}
