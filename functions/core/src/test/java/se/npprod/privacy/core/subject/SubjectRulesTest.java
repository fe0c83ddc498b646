package se.npprod.privacy.core.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.testing.Policies;

class SubjectRulesTest {
  private static final Policy POLICY = Policies.seed();
  private static final SubjectKeys KEYS = new SubjectKeys("k".repeat(32).getBytes(StandardCharsets.UTF_8));

  @Test
  void anAddressIsComparedTrimmedAndInLowerCase() {
    assertThat(EmailAddress.parse("  Anna.Andersson@Example.SE ")).map(EmailAddress::value).contains("anna.andersson@example.se");
    assertThat(KEYS.of(EmailAddress.parse("ANNA@example.se").orElseThrow()))
        .isEqualTo(KEYS.of(EmailAddress.parse("anna@example.se").orElseThrow()));
    for (String bad : new String[] {"", "anna", "anna@", "@example.se", "a b@example.se", "anna@example", "a@@b.se",
        "anna..b@example.se", "<anna@example.se>", "x".repeat(65) + "@example.se"}) {
      assertThat(EmailAddress.parse(bad)).as(bad).isEmpty();
    }
    assertThat(EmailAddress.parse("anna@example.se").orElseThrow().toString()).doesNotContain("anna");
  }

  @Test
  void subjectKeysNeedTheSecretAndRevealNothingOfTheAddress() {
    String key = KEYS.of(EmailAddress.parse("anna@example.se").orElseThrow());
    SubjectKeys other = new SubjectKeys("z".repeat(32).getBytes(StandardCharsets.UTF_8));

    assertThat(key).matches("[0-9a-f]{64}");
    assertThat(other.of(EmailAddress.parse("anna@example.se").orElseThrow())).isNotEqualTo(key);
    assertThatThrownBy(() -> new SubjectKeys(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invoiceFieldsAreDeletableFromTheFirstOfJanuaryEightYearsAfterTheFiscalYearEnds() {
    Policy.Bookkeeping calendarYear = new Policy.Bookkeeping(7, MonthDay.of(12, 31), List.of("amount"));
    Policy.Bookkeeping brokenYear = new Policy.Bookkeeping(7, MonthDay.of(6, 30), List.of("amount"));

    assertThat(Bookkeeping.deletableFrom(LocalDate.of(2026, 1, 1), calendarYear)).isEqualTo(LocalDate.of(2034, 1, 1));
    assertThat(Bookkeeping.deletableFrom(LocalDate.of(2026, 12, 31), calendarYear)).isEqualTo(LocalDate.of(2034, 1, 1));
    assertThat(Bookkeeping.deletableFrom(LocalDate.of(2026, 6, 30), brokenYear)).isEqualTo(LocalDate.of(2034, 1, 1));
    assertThat(Bookkeeping.deletableFrom(LocalDate.of(2026, 7, 1), brokenYear)).isEqualTo(LocalDate.of(2035, 1, 1));
  }

  @Test
  void theDeadlineIsTwentyFourCalendarMonthsAfterTheLastOrderInStockholmTime() {
    RecordActivity record = new RecordActivity(POLICY, KEYS, null);
    // 23:30 UTC on 28 Feb 2026 is already 1 March in Stockholm.
    Activity order = order("2026-02-28T23:30:00Z");
    Profile first = record.merge("s", Optional.empty(), order);

    assertThat(first.deadline()).isEqualTo(LocalDate.of(2028, 3, 1));
    assertThat(record.merge("s", Optional.of(first), order("2026-01-10T10:00:00Z")).deadline())
        .as("an older order arriving late does not pull the deadline back").isEqualTo(LocalDate.of(2028, 3, 1));
    assertThat(record.merge("s", Optional.of(first), order("2026-12-24T10:00:00Z")).deadline())
        .isEqualTo(LocalDate.of(2028, 12, 24));
  }

  @Test
  void aLeapDayPlusTwentyFourMonthsIsTheTwentyEighthOfFebruary() {
    Profile p = new RecordActivity(POLICY, KEYS, null).merge("s", Optional.empty(), order("2028-02-29T12:00:00Z"));

    assertThat(p.deadline()).isEqualTo(LocalDate.of(2030, 2, 28));
  }

  @Test
  void theNewestEventsContactDetailsWinAndOlderOnesOnlyFillGaps() {
    RecordActivity record = new RecordActivity(POLICY, KEYS, null);
    Profile p = record.merge("s", Optional.empty(), support("2026-05-01T10:00:00Z", "Anna A", null));
    p = record.merge("s", Optional.of(p), support("2026-04-01T10:00:00Z", "Old Name", "+46 70 000 00 00"));

    assertThat(p.name()).isEqualTo("Anna A");
    assertThat(p.phone()).isEqualTo("+46 70 000 00 00");
    assertThat(p.systems()).isEqualTo(Set.of("support"));
  }

  @Test
  void everyProblemOfAnEventIsNamedByFieldNeverByValue() {
    assertThatThrownBy(() -> ActivityEvents.read("webshop", "Order Placed", "e1", Map.of(
        "customer", Map.of("email", "secret-person@@example.se"), "total", "much", "lines", List.of())))
        .isInstanceOfSatisfying(InvalidInput.class, e -> {
          assertThat(e.errors()).extracting(InvalidInput.FieldError::field)
              .contains("source", "placedAt", "orderId", "lines", "total", "currency", "customer.email");
          assertThat(e.errors().toString()).doesNotContain("secret-person");
        });
  }

  private static Activity order(String at) {
    return new Activity.OrderPlaced("e-" + at, "webshop", Instant.parse(at),
        new Activity.Contact(EmailAddress.parse("anna@example.se").orElseThrow(), "Anna", null, null), "o1",
        List.of(new Activity.OrderLine("sku", "name", 1, "1.00")), "1.00", "SEK", null, Optional.empty());
  }

  private static Activity support(String at, String name, String phone) {
    return new Activity.SupportContact("e-" + at, "support", Instant.parse(at),
        new Activity.Contact(EmailAddress.parse("anna@example.se").orElseThrow(), name, phone, null), "c1", "email",
        null, null);
  }
}
