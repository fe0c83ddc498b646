package se.npprod.privacy.core.policy;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The privacy page (integritet.html), in Swedish and English, written from the policy at build time:
 * what the page promises is what the functions enforce, from the same file, so the two can never
 * drift apart. Texts around the facts are fixed here; every fact comes from {@link Policy}.
 */
public final class PrivacyPage {

  /** The invoice fields bookkeeping keeps, in words; the build fails on a field with no words here. */
  private static final Map<String, String[]> INVOICE_FIELDS = Map.of(
      "invoiceNumber", new String[] {"fakturanummer", "invoice number"},
      "invoiceDate", new String[] {"fakturadatum", "invoice date"},
      "amount", new String[] {"belopp", "amount"},
      "vat", new String[] {"moms", "VAT"},
      "buyerName", new String[] {"köparens namn", "buyer's name"},
      "buyerAddress", new String[] {"köparens adress", "buyer's address"});

  private final Policy policy;
  private final StringBuilder html = new StringBuilder();

  private PrivacyPage(Policy policy) {
    this.policy = policy;
  }

  /** The whole page. */
  public static String of(Policy policy) {
    PrivacyPage page = new PrivacyPage(policy);
    page.write();
    return page.html.toString();
  }

  private void write() {
    Policy.Controller c = policy.controller();
    html.append("""
        <!DOCTYPE html>
        <html lang="sv">
        <head>
          <meta charset="utf-8">
          <!-- First, before any tag: Google Consent Mode v2 denies every signal until the visitor chooses. -->
          <script src="/consent-mode.js"></script>
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>NP Produkter – Integritet och dina rättigheter</title>
          <link rel="stylesheet" href="/site.css">
          <link rel="stylesheet" href="/vendor/cookieconsent/cookieconsent.css">
        </head>
        <body>
          <header>
            <strong>NP Produkter</strong>
            <nav><a href="/">Webbshop</a> · <a href="/integritet.html">Integritet</a></nav>
          </header>
          <main>
        """);
    html.append("<!-- Written from policy/npprod.yaml, version ").append(esc(policy.version()))
        .append(", when the project was built: edit the policy, not this page. -->\n");
    for (int lang = 0; lang < 2; lang++) {
      section(lang, c);
    }
    html.append("""
          </main>
          <footer>
            <button type="button" data-cc="show-preferencesModal">Cookieinställningar / Cookie settings</button>
            <a href="/">Till webbshoppen</a>
          </footer>
          <script src="/vendor/cookieconsent/cookieconsent.umd.js"></script>
          <script src="/banner.js"></script>
        </body>
        </html>
        """);
  }

  private void section(int lang, Policy.Controller c) {
    boolean sv = lang == 0;
    Policy.Retention r = policy.retention();
    Policy.ConsentPolicy consent = policy.consent();
    html.append(sv ? "<section lang=\"sv\">\n" : "<hr>\n<section lang=\"en\">\n");
    html.append(sv ? "<h1>Integritet och dina rättigheter</h1>\n" : "<h2>Privacy and your rights</h2>\n");
    p(sv ? esc(c.name()) + " (org.nr " + esc(c.orgNumber()) + ") är personuppgiftsansvarig för de uppgifter vi"
            + " behandlar om dig. Kontakta oss på " + mail(c.contactEmail()) + "."
        : esc(c.name()) + " (company reg. no. " + esc(c.orgNumber()) + ") is the controller of the personal data we"
            + " process about you. Contact us at " + mail(c.contactEmail()) + ".");

    h(sv, "Vilka uppgifter vi behandlar", "What data we process");
    list(policy.dataCategories(), e -> esc(text(e.name(), sv)));

    h(sv, "Varför, och med vilken rättslig grund", "Why, and on which legal basis");
    list(policy.purposes(), p -> esc(text(p.name(), sv)) + ": " + PolicyWords.basis(p.legalBasis(), sv));

    h(sv, "Vem vi delar uppgifter med", "Who we share data with");
    list(policy.recipients(), x -> esc(text(x.name(), sv)) + " (" + PolicyWords.role(x.role(), sv) + ")");

    h(sv, "Hur länge vi sparar uppgifter", "How long we keep data");
    String after = months(r.afterLastActivity(), sv);
    p(sv ? "Dina personuppgifter sparas i högst " + after + " från den dag du senast var aktiv hos oss, till"
            + " exempel genom en beställning eller en kontakt med kundtjänst. Ber du oss radera dina uppgifter"
            + " gör vi det inom " + hours(r.erasureDeadline(), sv) + ". Vi besvarar varje begäran inom "
            + months(r.answerDeadline(), sv) + "."
        : "We keep your personal data at most " + after + " after the day you were last active with us, for"
            + " example an order or a contact with customer service. If you ask us to erase your data we do so"
            + " within " + hours(r.erasureDeadline(), sv) + ". We answer every request within "
            + months(r.answerDeadline(), sv) + ".");
    Policy.Bookkeeping b = r.bookkeeping();
    String fiscal = b.fiscalYearEnd().getDayOfMonth() + "/" + b.fiscalYearEnd().getMonthValue();
    String fields = invoiceFields(b, lang);
    p(sv ? "Fakturauppgifter (" + fields + ") kan vi inte radera i förtid: bokföringslagen"
            + " kräver att de sparas till och med det " + b.years() + ":e året efter utgången av det kalenderår då"
            + " räkenskapsåret (som slutar " + fiscal + ") avslutades. Under den tiden används de bara för"
            + " bokföringen."
        : "Invoice data (" + fields + ") cannot be erased early: the Swedish Bookkeeping Act"
            + " requires us to keep it through the " + ordinal(b.years()) + " year after the end of the calendar"
            + " year in which the fiscal year (ending " + fiscal + ") ended. Until then it is used for"
            + " bookkeeping only.");

    h(sv, "Cookies", "Cookies");
    p(sv ? "Vi sätter bara nödvändiga cookies utan ditt samtycke. Övriga cookies sätts först när du har godkänt"
            + " dem, och du kan ändra eller återkalla ditt val när som helst via"
            + " <button type=\"button\" data-cc=\"show-preferencesModal\">Cookieinställningar</button>."
            + " Vi frågar igen efter " + months(consent.reconsentAfter(), sv) + "."
        : "We set only necessary cookies without your consent. Other cookies are set only after you accept"
            + " them, and you can change or withdraw your choice at any time through"
            + " <button type=\"button\" data-cc=\"show-preferencesModal\" lang=\"en\">Cookie settings</button>."
            + " We ask again after " + months(consent.reconsentAfter(), sv) + ".");
    Map<String, String> titles = consent.banner().texts().get(sv ? "sv" : "en").categoryTitles();
    Map<String, String> headers = consent.banner().texts().get(sv ? "sv" : "en").cookieTableHeaders();
    html.append("<table>\n<caption>").append(sv ? "Cookies på webbplatsen" : "Cookies on the website")
        .append("</caption>\n<tr><th scope=\"col\">").append(sv ? "Kategori" : "Category").append("</th><th scope=\"col\">")
        .append(esc(headers.get("name"))).append("</th><th scope=\"col\">").append(esc(headers.get("provider")))
        .append("</th><th scope=\"col\">").append(esc(headers.get("lifetime"))).append("</th></tr>\n");
    for (Policy.CookieCategory category : consent.banner().categories()) {
      for (Policy.Cookie cookie : category.cookies()) {
        html.append("<tr><td>").append(esc(titles.get(category.id()))).append("</td><td>").append(esc(cookie.name()))
            .append("</td><td>").append(esc(cookie.provider())).append("</td><td>").append(esc(cookie.lifetime()))
            .append("</td></tr>\n");
      }
    }
    html.append("</table>\n");

    h(sv, "Bevis om ditt cookieval", "Proof of your cookie choice");
    String proof = months(consent.proofRetention(), sv);
    p(sv ? "Varje val du gör i cookierutan sparas hos oss som bevis på samtycke: vad du valde för varje"
            + " kategori, hur (vilken knapp, eller signalen Global Privacy Control), när, vilken version av rutan"
            + " och av denna policy du såg, språket, sidans adress och början av din IP-adress (aldrig hela)."
            + " Beviset sparas i " + proof + " och raderas sedan. Vi sparar det för att kunna visa att vi har"
            + " ditt samtycke, som dataskyddsförordningen kräver (art. 7.1, med rättslig förpliktelse enligt"
            + " art. 6.1 c som grund)."
        : "Every choice you make in the cookie banner is kept as proof of consent: what you chose for each"
            + " category, how (which button, or the Global Privacy Control signal), when, which version of the"
            + " banner and of this policy you saw, the language, the page's address and the start of your IP"
            + " address (never all of it). The proof is kept for " + proof + " and then erased. We keep it to be"
            + " able to show that we have your consent, as the GDPR requires (Art. 7(1), on the legal basis"
            + " of a legal obligation, Art. 6(1)(c)).");

    h(sv, "Dina rättigheter", "Your rights");
    p(sv ? "Du har rätt att få ett registerutdrag (en kopia av dina uppgifter), att få felaktiga uppgifter rättade"
            + " eller kompletterade, att få uppgifter raderade, att begränsa behandlingen, att invända mot"
            + " profilering och direktmarknadsföring och att få ut uppgifter du lämnat i ett maskinläsbart"
            + " format. Skriv till " + mail(c.contactEmail()) + ". Du har också rätt att klaga hos"
            + " Integritetsskyddsmyndigheten (IMY), imy.se."
        : "You have the right to a copy of your data, to have wrong data rectified or completed, to have data"
            + " erased, to restrict processing, to object to profiling and direct marketing, and to receive the"
            + " data you gave us in a machine-readable format. Write to " + mail(c.contactEmail()) + ". You may"
            + " also complain to the Swedish Authority for Privacy Protection (Integritetsskyddsmyndigheten,"
            + " IMY), imy.se.");
    requestForm(sv);
    html.append("</section>\n");
  }

  /**
   * The request form: works without script (a plain form post answered with a page). The answer
   * is a mail with a confirmation link to the address given, so nothing happens for an address
   * its holder does not control.
   */
  private void requestForm(boolean sv) {
    String id = sv ? "req-sv" : "req-en";
    html.append("<form class=\"request-form\" method=\"post\" action=\"/requests\" lang=\"").append(sv ? "sv" : "en")
        .append("\">\n<input type=\"hidden\" name=\"language\" value=\"").append(sv ? "sv" : "en").append("\">\n");
    html.append("<p><label for=\"").append(id).append("-email\">").append(sv ? "Din e-postadress" : "Your email address")
        .append("</label><br><input id=\"").append(id).append("-email\" name=\"email\" type=\"email\" required"
            + " autocomplete=\"email\" maxlength=\"254\"></p>\n");
    html.append("<p><label for=\"").append(id).append("-type\">").append(sv ? "Vad vill du göra?" : "What would you like to do?")
        .append("</label><br><select id=\"").append(id).append("-type\" name=\"type\">\n");
    String[][] options = {
        {"access", "Få ett registerutdrag", "Get a copy of my data"},
        {"erasure", "Få mina uppgifter raderade", "Have my data erased"},
        {"rectification", "Rätta eller komplettera uppgifter", "Rectify or complete my data"},
        {"restriction", "Begränsa behandlingen", "Restrict processing"},
        {"objection", "Invända mot profilering och direktmarknadsföring", "Object to profiling and direct marketing"},
        {"other", "Något annat", "Something else"}};
    for (String[] o : options) {
      html.append("<option value=\"").append(o[0]).append("\">").append(esc(sv ? o[1] : o[2])).append("</option>\n");
    }
    html.append("</select></p>\n<p><label for=\"").append(id).append("-text\">")
        .append(sv ? "Berätta gärna mer (krävs för rättelse och övrigt)" : "Tell us more (needed for rectification and other requests)")
        .append("</label><br><textarea id=\"").append(id).append("-text\" name=\"text\" rows=\"4\" maxlength=\"4000\"></textarea></p>\n");
    html.append("<p>").append(sv
        ? "Vi skickar en länk till adressen. Först när du har öppnat länken och bekräftat börjar vi arbeta med din begäran."
        : "We send a link to the address. Only once you have opened the link and confirmed do we start working on your request.")
        .append("</p>\n<p><button type=\"submit\">").append(sv ? "Skicka begäran" : "Send request").append("</button></p>\n</form>\n");
  }

  static String invoiceFields(Policy.Bookkeeping bookkeeping, int lang) {
    return String.join(", ", bookkeeping.fields().stream().map(field -> {
      String[] words = INVOICE_FIELDS.get(field);
      if (words == null) {
        throw new IllegalStateException("retention.bookkeeping.fields: '" + field
            + "' has no words for the privacy page: add them to PrivacyPage.INVOICE_FIELDS");
      }
      return esc(words[lang]);
    }).toList());
  }

  private void h(boolean sv, String svText, String enText) {
    html.append(sv ? "<h2>" : "<h3>").append(sv ? svText : enText).append(sv ? "</h2>\n" : "</h3>\n");
  }

  private void p(String inner) {
    html.append("<p>").append(inner).append("</p>\n");
  }

  private <T> void list(List<T> items, Function<T, String> line) {
    html.append("<ul>\n");
    items.forEach(item -> html.append("  <li>").append(line.apply(item)).append("</li>\n"));
    html.append("</ul>\n");
  }

  private static String text(Policy.Text text, boolean sv) {
    return sv ? text.sv() : text.en();
  }

  private static String mail(String address) {
    return "<a href=\"mailto:" + esc(address) + "\">" + esc(address) + "</a>";
  }

  static String months(Period period, boolean sv) {
    return PolicyWords.months(period, sv);
  }

  static String hours(Duration duration, boolean sv) {
    return PolicyWords.hours(duration, sv);
  }

  private static String ordinal(int n) {
    return n + (n % 10 == 1 && n % 100 != 11 ? "st" : n % 10 == 2 && n % 100 != 12 ? "nd"
        : n % 10 == 3 && n % 100 != 13 ? "rd" : "th");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
