package se.npprod.privacy.core.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.npprod.privacy.core.extract.Extracts.POLICY;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mail that sends the extract's links, and the short answer when we hold nothing. */
class ExtractSummaryTest {
  private static final String HTML_LINK = "https://privacy.npprod.se/extract/abc?token=x1&lang=sv";
  private static final String JSON_LINK = "https://privacy.npprod.se/extract/abc.json?token=x1";
  private static final LocalDate VALID = LocalDate.of(2026, 12, 2);

  private static String flat(String text) {
    return text.replaceAll("\\s+", " ");
  }

  private static Extract nothing(String language) {
    return Extracts.extract(language, List.of(Extracts.empty("registry"), Extracts.empty("crm"),
        Extracts.empty("newsletter"), Extracts.empty("logistics")));
  }

  @Test
  void countsWhatEachSystemHoldsByKindAndCategory() {
    String text = flat(ExtractDocument.summary(Extracts.sample("sv"), POLICY, HTML_LINK, JSON_LINK, VALID));

    assertThat(text).startsWith("Hej! Ditt registerutdrag från NP Produkter är klart.").contains(
        Extracts.name("registry").sv() + " – kontaktuppgifter, 2 beställningar, 1 konto, 1 supportärende, 1 faktura",
        "Kundsystemet (CRM) – 1 uppgift i kategorin ”Namn och kontaktuppgifter (namn, telefon, e-post)”, 1 uppgift i"
            + " kategorin ”IP-adress och användning av webbplatsen”",
        "Nyhetsbrevstjänsten – inga uppgifter om dig",
        "Logistikpartnern (leveranser) – kunde inte hämtas", "vi skickar dem till dig separat");
  }

  @Test
  void countsManyOrdersInvoicesAndSupportCasesInThePlural() {
    List<DataItem> items = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      items.add(new DataItem("orders", "order", null, Extracts.fields("orderId", "O" + i)));
    }
    for (int i = 0; i < 3; i++) {
      items.add(new DataItem("invoices", "invoice", null, Extracts.fields("invoiceNumber", "F" + i)));
    }
    items.add(Extracts.support("a"));
    items.add(Extracts.support("b"));
    Extract extract = Extracts.extract("sv", List.of(Extracts.system("registry", items)));

    assertThat(flat(ExtractDocument.summary(extract, POLICY, HTML_LINK, JSON_LINK, VALID)))
        .contains("– 12 beställningar, 2 supportärenden, 3 fakturor");
    assertThat(flat(ExtractDocument.summary(Extracts.extract("en", extract.systems()), POLICY, HTML_LINK, JSON_LINK, VALID)))
        .contains("– 12 orders, 2 support cases, 3 invoices");
  }

  @Test
  void countsPlacesOnMailingLists() {
    List<DataItem> items = List.of(new DataItem("contact", "marketingImport", null, Extracts.fields("list", "elmia-2026")),
        new DataItem("contact", "marketingImport", null, Extracts.fields("list", "mässa-2027")));
    Extract extract = Extracts.extract("sv", List.of(Extracts.system("registry", items)));

    assertThat(flat(ExtractDocument.summary(extract, POLICY, HTML_LINK, JSON_LINK, VALID)))
        .contains("– 2 platser på utskickslistor");
    assertThat(flat(ExtractDocument.summary(Extracts.extract("en", extract.systems()), POLICY, HTML_LINK, JSON_LINK, VALID)))
        .contains("– 2 places on mailing lists");
  }

  @Test
  void givesBothLinksUntilWhenTheyWorkAndThatTheyArePersonal() {
    String text = flat(ExtractDocument.summary(Extracts.sample("sv"), POLICY, HTML_LINK, JSON_LINK, VALID));

    assertThat(text).contains(HTML_LINK, JSON_LINK, "till och med 2 december 2026", "ingen inloggning",
        "vidarebefordra inte det här meddelandet", "kontrollerar vi den en gång till", "art. 20");
  }

  @Test
  void givesTheArticle15InformationInShortWithAPointerToTheDocument() {
    String text = flat(ExtractDocument.summary(Extracts.sample("sv"), POLICY, HTML_LINK, JSON_LINK, VALID));

    assertThat(text).contains("”Om vår behandling av dina uppgifter”", "Ändamål: ", "Rättslig grund: ",
        "Mottagare: ", "högst 24 månader", "bokföringslagen", "rättelse, radering (inom 24 timmar), begränsning",
        "invändning", "Integritetsskyddsmyndigheten (IMY)", "Källa: ", "Profilering: analys av hur du använder",
        "Ärendenummer: " + Extracts.CASE, "info@npprod.se", "Med vänliga hälsningar NP Produkter");
    POLICY.recipients().forEach(r -> assertThat(text).contains(r.name().sv()));
  }

  @Test
  void writesTheSameMailAsHtmlWithLinksThatCanBeClicked() {
    String html = ExtractDocument.summaryHtml(Extracts.sample("sv"), POLICY, HTML_LINK, JSON_LINK, VALID);

    assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"sv\">")
        .contains("<a href=\"" + HtmlSink.escape(HTML_LINK) + "\">", "<a href=\"" + JSON_LINK + "\">",
            "<a href=\"mailto:info@npprod.se\">", "<a href=\"https://www.imy.se\">imy.se</a>",
            "2 beställningar", "till och med 2 december 2026", "Integritetsskyddsmyndigheten (IMY)",
            "style=\"")
        .doesNotContain("<script", "<style", "&amp;amp;");
  }

  @Test
  void saysInShortThatWeHoldNothingNamingTheSystemsAskedWhenNoSystemHoldsAnything() {
    String text = flat(ExtractDocument.summary(nothing("sv"), POLICY, null, null, null));

    assertThat(text).contains("Vi har inga personuppgifter om dig i något av dem", Extracts.name("registry").sv(),
        "Kundsystemet (CRM)", "Nyhetsbrevstjänsten", "Logistikpartnern (leveranser)", "Det enda vi har är själva ärendet",
        "36 månader", "högst 24 månader", "Integritetsskyddsmyndigheten (IMY)", "Ärendenummer: " + Extracts.CASE,
        "https://npprod.se/integritetspolicy")
        .doesNotContain("Hämta utdraget", "Länkarna", "Det här har vi om dig", "null");
    assertThat(ExtractDocument.subject(nothing("sv"), POLICY))
        .isEqualTo("Svar på din begäran om registerutdrag (" + Extracts.CASE + ")");
    assertThat(ExtractDocument.summaryHtml(nothing("sv"), POLICY, null, null, null))
        .contains("Vi har inga personuppgifter om dig").doesNotContain("href=\"null\"");
  }

  @Test
  void saysInEnglishThatWeHoldNothingWhenTheRequestWasInEnglish() {
    String text = flat(ExtractDocument.summary(nothing("en"), POLICY, null, null, null));

    assertThat(text).startsWith("Hello,").contains("We hold no personal data about you in any of them",
        "The customer relationship system (CRM)", "Swedish Authority for Privacy Protection", "at most 24 months",
        "Case number: " + Extracts.CASE);
    assertThat(ExtractDocument.subject(nothing("en"), POLICY)).startsWith("Answer to your request for a register extract");
  }

  @Test
  void neverSaysWeHoldNothingWhenASystemCouldNotBeAsked() {
    Extract partly = Extracts.extract("sv", List.of(Extracts.empty("registry"), Extracts.unavailable("logistics")));

    String text = flat(ExtractDocument.summary(partly, POLICY, null, null, null));

    assertThat(text).contains("Logistikpartnern (leveranser) – kunde inte hämtas", "– inga uppgifter om dig")
        .doesNotContain("Vi har inga personuppgifter om dig i något av dem", "Hämta utdraget");
    assertThat(ExtractDocument.subject(partly, POLICY)).startsWith("Ditt registerutdrag från NP Produkter");
  }

  @Test
  void isWrittenInEnglishWhenTheRequestWas() {
    String text = flat(ExtractDocument.summary(Extracts.sample("en"), POLICY, HTML_LINK, JSON_LINK, VALID));

    assertThat(text).startsWith("Hello, Your register extract from NP Produkter is ready.").contains(
        "2 orders, 1 account, 1 support case, 1 invoice", "The newsletter service – no data about you",
        "could not be fetched", "through 2 December 2026", "do not forward this message", "we check it once more",
        "Swedish Authority for Privacy Protection", "Kind regards, NP Produkter")
        .doesNotContain("Hej", "beställningar");
    assertThat(ExtractDocument.subject(Extracts.sample("en"), POLICY))
        .isEqualTo("Your register extract from NP Produkter (" + Extracts.CASE + ")");
  }

  @Test
  void refusesToLeaveOutTheLinksOfAnExtractThatHoldsData() {
    assertThatThrownBy(() -> ExtractDocument.summary(Extracts.sample("sv"), POLICY, null, JSON_LINK, VALID))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExtractDocument.summaryHtml(Extracts.sample("sv"), POLICY, HTML_LINK, null, VALID))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isTheSameForTheSameExtractPolicyAndLinks() {
    assertThat(ExtractDocument.summary(Extracts.sample("sv"), POLICY, HTML_LINK, JSON_LINK, VALID))
        .isEqualTo(ExtractDocument.summary(Extracts.sample("sv"), POLICY, HTML_LINK, JSON_LINK, VALID));
  }
}
