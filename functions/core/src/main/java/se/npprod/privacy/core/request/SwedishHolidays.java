package se.npprod.privacy.core.request;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * The days on which a Swedish time limit does not end: Saturdays, Sundays, the public holidays of
 * lag (1989:253) om allmänna helgdagar, and midsommarafton, julafton and nyårsafton.
 *
 * <p>The three eves are not public holidays, but they are de facto days off, and lag (1930:173)
 * om beräkning av lagstadgad tid (2 §) moves a time limit that ends on one of them to the next
 * working day, as it does for a Saturday, a Sunday or a holiday. (GDPR's own periods are counted
 * by Regulation 1182/71, whose Art. 3(4) likewise moves a period's end off a public holiday, a
 * Saturday or a Sunday; it does not name the eves, so the eves are the Swedish rule, and a caller
 * that wants a margin alerts before the day.)
 *
 * <p>Computed, not listed, so that no year runs out. The days are those of the law as it stands
 * since 2005, when nationaldagen replaced annandag pingst; for earlier years annandag pingst is
 * kept instead. Older changes (before the 1953 reform of midsommardagen and alla helgons dag) are
 * not modelled: no request this system handles is that old.
 */
public final class SwedishHolidays {
  private static final int NATIONAL_DAY_SINCE = 2005;

  private SwedishHolidays() {}

  /** A Saturday, a Sunday, a public holiday or one of the eves treated like one. */
  public static boolean isNonWorkingDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY || holidayName(date).isPresent();
  }

  /**
   * The Swedish name of the public holiday, or of midsommarafton, julafton or nyårsafton, on that
   * date; empty on every other day, ordinary weekends included.
   */
  public static Optional<String> holidayName(LocalDate date) {
    return Optional.ofNullable(fixedDate(date)).or(() -> Optional.ofNullable(movable(date)));
  }

  /** The date itself when it is a working day, else the first working day after it. */
  public static LocalDate nextWorkingDay(LocalDate date) {
    LocalDate d = date;
    while (isNonWorkingDay(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  /**
   * Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), exact for every
   * Gregorian year.
   */
  static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }

  private static String fixedDate(LocalDate date) {
    int day = date.getDayOfMonth();
    switch (date.getMonth()) {
      case JANUARY:
        return day == 1 ? "nyårsdagen" : day == 6 ? "trettondedag jul" : null;
      case MAY:
        return day == 1 ? "första maj" : null;
      case JUNE:
        return day == 6 && date.getYear() >= NATIONAL_DAY_SINCE ? "nationaldagen" : null;
      case DECEMBER:
        return day == 24 ? "julafton" : day == 25 ? "juldagen" : day == 26 ? "annandag jul"
            : day == 31 ? "nyårsafton" : null;
      default:
        return null;
    }
  }

  private static String movable(LocalDate date) {
    int year = date.getYear();
    LocalDate easter = easterSunday(year);
    if (date.equals(easter.minusDays(2))) {
      return "långfredagen";
    }
    if (date.equals(easter)) {
      return "påskdagen";
    }
    if (date.equals(easter.plusDays(1))) {
      return "annandag påsk";
    }
    if (date.equals(easter.plusDays(39))) {
      return "Kristi himmelsfärdsdag";
    }
    if (date.equals(easter.plusDays(49))) {
      return "pingstdagen";
    }
    if (year < NATIONAL_DAY_SINCE && date.equals(easter.plusDays(50))) {
      return "annandag pingst";
    }
    LocalDate midsummerDay = saturdayFrom(LocalDate.of(year, Month.JUNE, 20));
    if (date.equals(midsummerDay)) {
      return "midsommardagen";
    }
    if (date.equals(midsummerDay.minusDays(1))) {
      return "midsommarafton";
    }
    if (date.equals(saturdayFrom(LocalDate.of(year, Month.OCTOBER, 31)))) {
      return "alla helgons dag";
    }
    return null;
  }

  /** The Saturday in the seven days that begin on {@code first}. */
  private static LocalDate saturdayFrom(LocalDate first) {
    return first.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
  }
}
