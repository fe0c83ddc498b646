package se.npprod.privacy.core.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static se.npprod.privacy.core.extract.Extracts.POLICY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.policy.Policy;

/** The register extract a person reads: their data, system by system, and the Art. 15 information. */
class ExtractHtmlTest {
  private static final String SV = ExtractDocument.html(Extracts.sample("sv"), POLICY);
  private static final String EN = ExtractDocument.html(Extracts.sample("en"), POLICY);

  /** One system's part of the page: from its heading to the next heading of the same or a higher level. */
  private static String system(String html, String systemId, boolean sv) {
    Policy.Text name = Extracts.name(systemId);
    String heading = "<h3>" + HtmlSink.escape(sv ? name.sv() : name.en()) + "</h3>";
    int start = html.indexOf(heading);
    assertThat(start).as(systemId).isNotNegative();
    int next = html.indexOf("<h3>", start + heading.length());
    int h2 = html.indexOf("<h2>", start);
    return html.substring(start, next < 0 || h2 >= 0 && h2 < next ? h2 : next);
  }

  private static String information(String html) {
    return html.substring(html.lastIndexOf("<h2>"));
  }

  @Test
  void isASwedishDocumentWithTheHeadingTheCaseNumberAndWhenItWasMade() {
    assertThat(SV).startsWith("<!DOCTYPE html>\n<html lang=\"sv\">")
        .contains("<h1>Registerutdrag från NP Produkter</h1>", Extracts.CASE, "25 november 2026 kl. 14.05",
            "20 november 2026 kl. 09.30", "Utdraget är kostnadsfritt", "artikel 15")
        .endsWith("</html>\n");
  }

  @Test
  void groupsEachSystemsDataUnderThePolicysSwedishCategoryNames() {
    String registry = system(SV, "registry", true);

    assertThat(registry).contains("<h4>Orderhistorik</h4>", "<h4>Fakturauppgifter</h4>", "<h4>Supportärenden</h4>",
        "<h4>" + HtmlSink.escape(POLICY.dataCategories().get(0).name().sv()) + "</h4>",
        "<h4>Kontouppgifter (favoriter, sparade kundvagnar)</h4>", "Sköts av oss, NP Produkter.");
    assertThat(registry.indexOf("Orderhistorik")).isLessThan(registry.indexOf("Fakturauppgifter"));
    assertThat(system(SV, "crm", true)).contains("<h4>IP-adress och användning av webbplatsen</h4>",
        "Sköts åt oss av ett personuppgiftsbiträde: IT-tjänster");
  }

  @Test
  void showsAnOrderAsItsLinesTotalAndDeliveryNoteNewestFirst() {
    String registry = system(SV, "registry", true);

    assertThat(registry).contains("Beställning 10234, 3 mars 2026", "<li>2 × Tvål à 49,00 SEK (art.nr TVL-1)</li>",
        "<li>1 × Handduk à 1\u00a0299,00 SEK (art.nr HND-2)</li>", "<dt>Summa</dt><dd>1\u00a0397,00 SEK</dd>",
        "<dt>Leveransbeskrivning</dt><dd>Lämna vid dörren", "Beställning 9876, 10 juni 2025",
        "<li>3 × Borste à 25,50 SEK (art.nr BRS-9)</li>", "2 uppgifter, de nyaste först.");
    assertThat(registry.indexOf("Beställning 10234")).isLessThan(registry.indexOf("Beställning 9876"));
  }

  @Test
  void showsAnInvoicesFieldsAndUntilWhenBookkeepingKeepsIt() {
    assertThat(system(SV, "registry", true)).contains("Faktura F-2026-001, 3 mars 2026",
        "<dt>Fakturanummer</dt><dd>F-2026-001</dd>", "<dt>Fakturadatum</dt><dd>3 mars 2026</dd>",
        "<dt>Belopp</dt><dd>1\u00a0397,00</dd>", "<dt>Moms</dt><dd>279,40</dd>",
        "<dt>Köparens namn</dt><dd>Anna Andersson</dd>", "<dd>Storgatan 1<br>\n123 45 Småstad</dd>",
        "<dt>Sparas enligt bokföringslagen till och med</dt><dd>31 december 2033</dd>");
  }

  @Test
  void showsASupportContactsDateSubjectAndSummary() {
    assertThat(system(SV, "registry", true)).contains("Kontakt med kundtjänst, 1 april 2026",
        "<dt>Ämne</dt><dd>Fel storlek</dd>", "<dt>Sammanfattning</dt><dd>Kunden vill byta handduken",
        "<dt>Ärende</dt><dd>S-77</dd>", "<dt>Kanal</dt><dd>email</dd>");
  }

  @Test
  void showsContactDetailsAndTheAccount() {
    assertThat(system(SV, "registry", true)).contains("<strong>Kontaktuppgifter</strong>",
        "<dt>Namn</dt><dd>Anna Andersson</dd>", "<dt>E-post</dt><dd>anna.andersson@example.se</dd>",
        "<dt>Telefon</dt><dd>070-123 45 67</dd>", "<dt>Kundnummer</dt><dd>K-1001, K-1002</dd>",
        "Konto A-9, 15 januari 2024", "<dt>Nytt konto</dt><dd>ja</dd>", "<dt>Nyhetsbrev</dt><dd>nej</dd>");
  }

  @Test
  void showsAPlaceOnAMailingListWithTheConsentAndWhenItWasGiven() {
    DataItem imported = new DataItem("contact", "marketingImport", Instant.parse("2026-11-24T08:00:00Z"),
        Extracts.fields("list", "elmia-2026", "consent", true, "consentedAt", "2026-11-19T14:20:00Z"));

    String html = ExtractDocument.html(Extracts.extract("sv", List.of(Extracts.system("registry", List.of(imported)))), POLICY);

    assertThat(html).contains("Utskickslista elmia-2026, 24 november 2026",
        "<dt>Samtycke till marknadsföring</dt><dd>ja</dd>", "<dt>Samtycke lämnat</dt><dd>19 november 2026</dd>");
  }

  @Test
  void showsAnUnknownKindAsEveryFieldUnderItsOwnNameKeepingTheNesting() {
    String crm = system(SV, "crm", true);

    assertThat(crm).contains("Uppgift (note), 5 maj 2026", "<dt>text</dt><dd>Föredrar leverans på fredagar</dd>",
        "<dt>score</dt><dd>87</dd>", "<dt>ratio</dt><dd>0.25</dd>", "<dt>vip</dt><dd>ja</dd>",
        "<dt>tags</dt><dd>b2b, north</dd>", "<dt>address</dt><dd>\n<dl>\n<dt>street</dt><dd>Storgatan 1</dd>",
        "<dt>zip</dt><dd>12345</dd>", "Uppgift (segment)", "<li>path: /tvål; seconds: 40</li>");
  }

  @Test
  void leavesOutNoFieldALayoutDoesNotKnow() {
    DataItem order = new DataItem("orders", "order", Instant.parse("2026-01-01T10:00:00Z"), Extracts.fields(
        "orderId", "1", "lines", List.of(Extracts.fields("name", "Tvål", "quantity", 1, "unitPrice", "10.00",
            "discount", "2.00")), "total", "8.00", "currency", "SEK", "goodsMarking", "Projekt Ek", "paidWith", "kort"));

    String html = ExtractDocument.html(Extracts.extract("sv", List.of(Extracts.system("registry", List.of(order)))), POLICY);

    assertThat(html).contains("1 × Tvål à 10,00 SEK; discount: 2.00", "<dt>Godsmärke</dt><dd>Projekt Ek</dd>",
        "<dt>paidWith</dt><dd>kort</dd>");
  }

  @Test
  void saysPlainlyThatAnUnavailableSystemCouldNotBeFetchedNeverThatItHoldsNothing() {
    String logistics = system(SV, "logistics", true);

    assertThat(logistics).contains("kunde inte hämtas", "Det betyder inte att systemet saknar uppgifter om dig",
        "Vi skickar dem till dig separat", "senast 21 december 2026")
        .doesNotContain("Inga uppgifter om dig");
  }

  @Test
  void saysNoDataAboutYouForASystemThatAnsweredWithNothing() {
    assertThat(system(SV, "newsletter", true)).contains("<p>Inga uppgifter om dig.</p>").doesNotContain("kunde inte");
  }

  @Test
  void statesTheArticle15InformationFromThePolicyInSwedish() {
    String info = information(SV);

    for (Policy.Purpose p : POLICY.purposes()) {
      assertThat(info).contains(HtmlSink.escape(p.name().sv()) + ": " + Words.basis(p.legalBasis(), true));
    }
    for (Policy.Recipient r : POLICY.recipients()) {
      assertThat(info).contains(HtmlSink.escape(r.name().sv()) + " (" + Words.role(r.role(), true) + ")");
    }
    POLICY.dataCategories().forEach(c -> assertThat(info).contains(HtmlSink.escape(c.name().sv())));
    assertThat(info).contains("artikel 15.1 a–h", "högst 24 månader", "senaste beställning eller kontakt",
        "7:e året", "fakturanummer, fakturadatum, belopp, moms, köparens namn, köparens adress", "inom 24 timmar",
        "i 36 månader", "rättade eller kompletterade", "raderade", "begränsas", "invända",
        "Integritetsskyddsmyndigheten (IMY)", "<a href=\"https://www.imy.se\">imy.se</a>",
        "Uppgifterna kommer från dig", HtmlSink.escape(Extracts.name("crm").sv()),
        HtmlSink.escape(POLICY.purposes().stream().filter(p -> p.id().equals("profiling")).findFirst().orElseThrow()
            .name().sv()),
        "Så går det till", "art. 22", "invända mot profileringen", "JSON-fil", "art. 20",
        "<a href=\"mailto:info@npprod.se\">info@npprod.se</a>", "556161-8017");
  }

  @Test
  void namesTheCategoriesInTheExtractApartFromTheOthers() {
    String categories = information(SV);
    categories = categories.substring(categories.indexOf("Vilka slags uppgifter"), categories.indexOf("Vem vi lämnar ut"));

    assertThat(categories.indexOf("Orderhistorik")).isLessThan(categories.indexOf("Övriga kategorier"));
    assertThat(categories.indexOf("Övrig information vid köp")).isGreaterThan(categories.indexOf("Övriga kategorier"));
  }

  @Test
  void escapesWhatCustomersWroteSoNoScriptCanRun() {
    assertThat(SV).contains("handduken &lt;script&gt;alert(1)&lt;/script&gt;;").doesNotContain("<script");
  }

  @Test
  void escapesEveryStringFromTheSystemsWhereverItIsShown() {
    String evil = "\"><img src=x onerror=alert(1)>'";
    DataItem item = new DataItem(evil, evil, Instant.parse("2026-01-01T10:00:00Z"), Extracts.fields(
        evil, evil, "orderId", evil, "nested", Extracts.fields(evil, List.of(evil, Extracts.fields(evil, evil)))));
    DataItem order = new DataItem("orders", "order", null, Extracts.fields("orderId", evil, "lines",
        List.of(Extracts.fields("name", evil, "quantity", evil, "unitPrice", evil, evil, evil)), "total", evil,
        "currency", evil, "deliveryNote", evil));
    DataItem invoice = new DataItem("invoices", "invoice", null, Extracts.fields("invoiceNumber", evil, "amount", evil));
    DataItem support = new DataItem("support", "supportContact", null, Extracts.fields("subject", evil, "summary", evil));
    DataItem profile = new DataItem("contact", "profile", null, Extracts.fields("name", evil, "customerNumbers", List.of(evil)));
    SystemData system = new SystemData(evil, new Policy.Text(evil, evil), SystemData.Status.ANSWERED,
        List.of(item, order, invoice, support, profile));
    Extract extract = new Extract("r", evil, "sv", evil, Instant.EPOCH, null, Instant.EPOCH, List.of(system));

    for (String html : List.of(ExtractDocument.html(extract, POLICY),
        ExtractDocument.summaryHtml(extract, POLICY, "https://x.example/a", "https://x.example/b", null))) {
      assertThat(html).doesNotContain("<img", "onerror=alert(1)>").contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;");
    }
  }

  @Test
  void neverMakesALinkThatIsNotHttpOrMail() {
    String html = ExtractDocument.summaryHtml(Extracts.sample("sv"), POLICY, "javascript:alert(1)", "data:text/html,x", null);

    assertThat(html).doesNotContain("href=\"javascript", "href=\"data").contains("javascript:alert(1)");
  }

  @Test
  void isSelfContainedWithInlineStylesAndNothingToRunOrFetch() {
    assertThat(SV).contains("<style>", "Content-Security-Policy", "default-src 'none'")
        .doesNotContain("<script", "<link", "src=", "@import", "url(");
    List<String> hrefs = new ArrayList<>();
    var m = java.util.regex.Pattern.compile("href=\"([^\"]*)\"").matcher(SV);
    while (m.find()) {
      hrefs.add(m.group(1));
    }
    assertThat(hrefs).allMatch(h -> h.equals("https://www.imy.se") || h.equals("mailto:info@npprod.se"));
  }

  @Test
  void dropsControlCharactersThatHaveNoPlaceInHtml() {
    DataItem item = new DataItem("support", "supportContact", null, Extracts.fields("summary", "a\u0000b\u0007c\td"));

    String html = ExtractDocument.html(Extracts.extract("sv", List.of(Extracts.system("registry", List.of(item)))), POLICY);

    assertThat(html).contains("<dd>abc\td</dd>");
  }

  @Test
  void isWrittenInEnglishWhenTheRequestWas() {
    assertThat(EN).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
        .contains("<h1>Register extract from NP Produkter</h1>", "25 November 2026, 14:05", "<h4>Order history</h4>",
            "<li>1 × Handduk à 1,299.00 SEK (art. no. HND-2)</li>", "Invoice F-2026-001, 3 March 2026",
            "Contact with customer service, 1 April 2026", "31 December 2033", "could not be fetched",
            "<p>No data about you.</p>", "at most 24 months", "7th year", "Swedish Authority for Privacy Protection",
            "Integritetsskyddsmyndigheten", "Art. 20", "Art. 22")
        .doesNotContain("Beställning", "Orderhistorik", "kunde inte");
    for (Policy.Recipient r : POLICY.recipients()) {
      assertThat(information(EN)).contains(HtmlSink.escape(r.name().en()));
    }
  }

  @Test
  void isTheSameForTheSameExtractAndPolicy() {
    assertThat(ExtractDocument.html(Extracts.sample("sv"), POLICY)).isEqualTo(SV);
  }

  @Test
  void treatsAnyLanguageButEnglishAsSwedish() {
    assertThat(ExtractDocument.html(Extracts.sample(null), POLICY)).isEqualTo(SV);
    assertThat(ExtractDocument.html(Extracts.sample("de"), POLICY)).isEqualTo(SV);
  }
}
