package se.npprod.privacy.core.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static se.npprod.privacy.core.extract.Extracts.POLICY;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.policy.Policy;

/** The extract as plain text: the same content as the HTML, for people and mail readers without HTML. */
class ExtractTextTest {
  private static final String SV = ExtractDocument.text(Extracts.sample("sv"), POLICY);
  private static final String EN = ExtractDocument.text(Extracts.sample("en"), POLICY);

  @Test
  void saysWhatTheHtmlSaysWithoutMarkup() {
    assertThat(SV).startsWith("Registerutdrag från NP Produkter\n================================\n")
        .contains("Ärendenummer: " + Extracts.CASE, "25 november 2026 kl. 14.05", "Orderhistorik",
            "* Beställning 10234, 3 mars 2026", "  - 2 × Tvål à 49,00 SEK (art.nr TVL-1)", "  Summa: 1\u00a0397,00 SEK",
            "Faktura F-2026-001, 3 mars 2026", "  Köparens adress: Storgatan 1\n    123 45 Småstad",
            "Kontakt med kundtjänst, 1 april 2026", "  Ämne: Fel storlek", "Uppgift (note)", "  address:\n    street: Storgatan 1",
            "Inga uppgifter om dig.", "kunde inte hämtas", "högst 24 månader", "Integritetsskyddsmyndigheten (IMY)",
            "imy.se <https://www.imy.se>", "art. 20")
        .doesNotContain("<p>", "<dt>", "&lt;", "&amp;")
        .endsWith("Ärendenummer " + Extracts.CASE + ".\n");
  }

  @Test
  void keepsWhatACustomerWroteAsWritten() {
    assertThat(SV).contains("<script>alert(1)</script>");
  }

  @Test
  void statesEveryPurposeAndRecipientOfThePolicy() {
    String flat = SV.replaceAll("\\s+", " ");

    for (Policy.Purpose p : POLICY.purposes()) {
      assertThat(flat).contains(p.name().sv() + ": " + Words.basis(p.legalBasis(), true));
    }
    for (Policy.Recipient r : POLICY.recipients()) {
      assertThat(flat).contains(r.name().sv());
    }
  }

  @Test
  void wrapsLinesAtSeventySixColumnsButNeverCutsAWord() {
    String longWord = "https://npprod.se/" + "x".repeat(100);
    Extract extract = Extracts.extract("sv", List.of(Extracts.system("registry", List.of(
        Extracts.support("Se " + longWord + " och ring sedan kundtjänst igen om det inte fungerar som det ska.")))));

    String text = ExtractDocument.text(extract, POLICY);

    assertThat(Arrays.stream(text.split("\n")).filter(l -> l.length() > TextSink.WIDTH).toList())
        .allMatch(l -> l.strip().contains(longWord) && l.strip().split(" ").length <= 2);
    assertThat(Arrays.stream(SV.split("\n")).filter(l -> l.length() > TextSink.WIDTH)).isEmpty();
    assertThat(text).contains(longWord);
  }

  @Test
  void isWrittenInEnglishWhenTheRequestWas() {
    assertThat(EN).startsWith("Register extract from NP Produkter\n").contains("Order 10234, 3 March 2026",
        "Total: 1,397.00 SEK", "No data about you.", "could not be fetched", "at most 24 months",
        "Swedish Authority for Privacy Protection");
  }

  @Test
  void isTheSameForTheSameExtractAndPolicy() {
    assertThat(ExtractDocument.text(Extracts.sample("sv"), POLICY)).isEqualTo(SV);
  }
}
