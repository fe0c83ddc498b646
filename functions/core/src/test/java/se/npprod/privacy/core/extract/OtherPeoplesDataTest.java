package se.npprod.privacy.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Art. 15(4): free text that names somebody else sends the extract to a person before it goes out. */
class OtherPeoplesDataTest {
  private static Optional<String> check(DataItem... extra) {
    List<DataItem> items = new java.util.ArrayList<>(Extracts.registry().items());
    items.addAll(List.of(extra));
    return ExtractDocument.otherPeoplesData(Extracts.extract("sv", List.of(Extracts.system("registry", items),
        Extracts.crm(), Extracts.empty("newsletter"), Extracts.unavailable("logistics"))));
  }

  private static DataItem note(String deliveryNote) {
    return new DataItem("orders", "order", Instant.parse("2026-02-02T10:00:00Z"), Extracts.fields(
        "orderId", "1002345678", "total", "10.00", "currency", "SEK", "deliveryNote", deliveryNote));
  }

  @Test
  void findsNothingInTheOwnAddressOwnPhoneOrderNumbersDatesAndAmounts() {
    assertThat(ExtractDocument.otherPeoplesData(Extracts.sample("sv"))).isEmpty();
    assertThat(check(note("Order 1002345678 den 2026-03-03 10:15, 1 299,00 kr, org.nr 556161-8017, postnr 123 45"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ring mig på 0701234567", "Nås på +46 70 123 45 67", "Tel 070-123 45 67",
      "+46 (0)70-123 45 67", "0046 70 123 45 67", "skriv till Anna.Andersson@Example.se"})
  void doesNotCountThePersonsOwnAddressOrPhoneInAnyFormat(String text) {
    assertThat(check(Extracts.support(text))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ring grannen på 070-765 43 21", "Kontakt: +46 70 765 43 21", "Växel 08-123 45 67",
      "Dansk nr +45 12 34 56 78", "Sambon har 0046 8 123 45 67", "Lämna till 073.111.22.33"})
  void findsAnotherPersonsPhoneNumberInASupportSummary(String text) {
    assertThat(check(Extracts.support(text))).contains("third-party-data");
  }

  @Test
  void findsAnotherPersonsAddressInADeliveryNote() {
    assertThat(check(note("Avisering till kalle.svensson@example.com, inte till mig"))).contains(ExtractDocument.THIRD_PARTY_DATA);
  }

  @Test
  void findsAnotherPersonsDataInAnyStringFieldHoweverNested() {
    DataItem crmNote = new DataItem("contact", "note", null, Extracts.fields("meta", Extracts.fields(
        "contacts", List.of(Extracts.fields("who", "Assistent", "reach", "assistent@firma.se")))));

    assertThat(check(crmNote)).contains("third-party-data");
  }

  @Test
  void findsAnotherPhoneInTheSubjectOfASupportContact() {
    DataItem contact = new DataItem("support", "supportContact", null, Extracts.fields(
        "caseId", "S-1", "subject", "Ring upp 0709 87 65 43", "summary", "Inget mer"));

    assertThat(check(contact)).isPresent();
  }

  @Test
  void answersWithTheReasonCodeNeverTheValueFound() {
    Optional<String> reason = check(Extracts.support("Maila kalle@example.com eller ring 070-765 43 21"));

    assertThat(reason).contains("third-party-data");
    assertThat(reason.get()).doesNotContain("kalle", "070");
  }

  @Test
  void doesNotTakeShortNumbersOrIdentifierFieldsForPhones() {
    DataItem invoice = new DataItem("invoices", "invoice", null, Extracts.fields(
        "invoiceNumber", "0012345678", "customerNumber", "0700000001", "invoiceDate", "2026-03-03"));

    assertThat(check(Extracts.support("Kod 070-123, porten 0123"), invoice)).isEmpty();
  }

  @Test
  void stillFindsAnAddressInAnIdentifierField() {
    DataItem odd = new DataItem("contact", "note", null, Extracts.fields("contactId", "kalle@example.com"));

    assertThat(check(odd)).isPresent();
  }

  @Test
  void countsEveryPhoneInThePersonsContactDetailsAsTheirOwn() {
    DataItem profile = new DataItem("contact", "profile", null, Extracts.fields(
        "name", "Anna", "phones", List.of("08-765 43 21", "+46 73 111 22 33")));

    assertThat(check(profile, Extracts.support("Ring 08-765 43 21 eller 073-111 22 33"))).isEmpty();
  }

  @Test
  void normalisesSwedishNumbersToOneForm() {
    assertThat(List.of("070-123 45 67", "+46 70 123 45 67", "+46 (0)70-123 45 67", "0046701234567", "0701234567")
        .stream().map(ThirdPartyData::normalisePhone).distinct()).containsExactly("46701234567");
    assertThat(ThirdPartyData.normalisePhone("08-123 45 67")).isEqualTo("4681234567");
    assertThat(ThirdPartyData.normalisePhone("+45 12 34 56 78")).isEqualTo("4512345678");
  }
}
