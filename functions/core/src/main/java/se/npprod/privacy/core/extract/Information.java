package se.npprod.privacy.core.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import se.npprod.privacy.core.policy.Policy;

/**
 * The information of Art. 15(1)(a)–(h) and Art. 20, in words, from the policy. The document, its
 * text version, its JSON and the mail all take their sentences from here, so they cannot drift
 * apart; every number in them (24 months, 7 years, 36 months) is the policy's.
 */
final class Information {
  static final String IMY_URL = "https://www.imy.se";
  static final String PROFILING = "profiling";

  private final Policy policy;
  private final boolean sv;

  Information(Policy policy, boolean sv) {
    this.policy = policy;
    this.sv = sv;
  }

  Sink.Link contact() {
    String email = policy.controller().contactEmail();
    return new Sink.Link(email, "mailto:" + email);
  }

  Sink.Link imy() {
    return new Sink.Link("imy.se", IMY_URL);
  }

  String heading() {
    return sv ? "Om vår behandling av dina uppgifter" : "About how we process your data";
  }

  String intro() {
    return sv ? "Här är den information som du har rätt till enligt artikel 15.1 a–h i dataskyddsförordningen (GDPR)."
        : "This is the information you are entitled to under Article 15(1)(a)–(h) of the General Data Protection"
            + " Regulation (GDPR).";
  }

  // (a)
  String purposesHeading() {
    return sv ? "Varför vi behandlar uppgifterna och med vilken rättslig grund" : "Why we process the data, and on which legal basis";
  }

  String purposesIntro() {
    return sv ? "Vi behandlar uppgifterna för dessa ändamål, med den rättsliga grund som står efter varje:"
        : "We process the data for these purposes, on the legal basis stated after each:";
  }

  List<String> purposes() {
    return policy.purposes().stream().map(p -> Words.text(p.name(), sv) + ": " + Words.basis(p.legalBasis(), sv)).toList();
  }

  // (b)
  String categoriesHeading() {
    return sv ? "Vilka slags uppgifter det gäller" : "Which kinds of data are concerned";
  }

  String heldCategoriesIntro() {
    return sv ? "Uppgifterna i det här utdraget hör till dessa kategorier:" : "The data in this extract falls into these categories:";
  }

  String otherCategoriesIntro(boolean anyHeld) {
    if (!anyHeld) {
      return sv ? "Kategorier av uppgifter som vi behandlar om våra kunder:" : "Categories of data we process about our customers:";
    }
    return sv ? "Övriga kategorier som vi behandlar om våra kunder:" : "Other categories we process about our customers:";
  }

  /** A category's name: the policy's, or the id a system gave when the policy does not know it. */
  String category(String id) {
    return policy.dataCategories().stream().filter(c -> c.id().equals(id)).findFirst()
        .map(c -> Words.text(c.name(), sv)).orElse(id == null ? (sv ? "Okänd kategori" : "Unknown category") : id);
  }

  // (c)
  String recipientsHeading() {
    return sv ? "Vem vi lämnar ut uppgifterna till" : "Who receives the data";
  }

  String recipientsIntro() {
    return sv ? "Vi lämnar bara ut uppgifter när det behövs för ändamålen ovan eller när lag kräver det. Mottagarna är:"
        : "We share data only where the purposes above need it or the law requires it. The recipients are:";
  }

  List<String> recipients() {
    return policy.recipients().stream().map(r -> recipient(r)).toList();
  }

  String recipient(Policy.Recipient r) {
    return Words.text(r.name(), sv) + " (" + Words.role(r.role(), sv) + ")";
  }

  String rolesExplained() {
    return sv ? "Ett personuppgiftsbiträde behandlar uppgifterna för vår räkning och enligt våra instruktioner. En"
            + " självständigt personuppgiftsansvarig bestämmer själv över sin behandling. Vem som sköter vilket system"
            + " står vid varje system ovan."
        : "A processor processes the data on our behalf and on our instructions. An independent controller decides"
            + " on its own processing. Who runs which system is stated with each system above.";
  }

  // (d)
  String storageHeading() {
    return sv ? "Hur länge vi sparar uppgifterna" : "How long we keep the data";
  }

  List<String> storage() {
    Policy.Retention r = policy.retention();
    List<String> out = new ArrayList<>();
    String after = Words.months(r.afterLastActivity(), sv);
    out.add(sv ? "Vi sparar dina personuppgifter i högst " + after + " från den dag du senast var aktiv hos oss, det"
            + " vill säga din senaste beställning eller kontakt med vår kundtjänst. Därefter raderas de."
        : "We keep your personal data for at most " + after + " from the day you were last active with us, that is,"
            + " your last order or contact with our customer service. After that it is erased.");
    out.add(bookkeeping());
    out.add(sv ? "Ber du oss radera dina uppgifter gör vi det inom " + Words.hours(r.erasureDeadline(), sv) + ", utom de"
            + " fakturauppgifter som bokföringslagen kräver att vi sparar."
        : "If you ask us to erase your data we do so within " + Words.hours(r.erasureDeadline(), sv) + ", except the"
            + " invoice data the Swedish Bookkeeping Act requires us to keep.");
    // The proof of a cookie choice is kept under the visitor's browser id, never under an email address:
    // saying so explains why it is missing from an extract gathered by address.
    String proof = Words.months(policy.consent().proofRetention(), sv);
    out.add(sv ? "Har du gjort ett val i cookierutan på vår webbplats sparar vi beviset på ditt val (vad du valde, när"
            + " och vilken text du såg) i " + proof + ". Beviset är knutet till din webbläsare och inte till din"
            + " e-postadress, och därför finns det inte med i det här utdraget."
        : "If you have made a choice in the cookie banner on our website, we keep the proof of that choice (what you"
            + " chose, when, and which text you saw) for " + proof + ". The proof is tied to your browser, not to your"
            + " email address, and is therefore not part of this extract.");
    String closed = Words.months(policy.requests().keepClosedFor(), sv);
    out.add(sv ? "Din begäran och vårt svar sparar vi i " + closed + " efter att ärendet har avslutats, för att kunna"
            + " visa att vi har hanterat det rätt."
        : "We keep your request and our answer for " + closed + " after the case is closed, to be able to show that"
            + " we handled it correctly.");
    return out;
  }

  String bookkeeping() {
    Policy.Bookkeeping b = policy.retention().bookkeeping();
    String fiscal = b.fiscalYearEnd().getDayOfMonth() + "/" + b.fiscalYearEnd().getMonthValue();
    return sv ? "Fakturauppgifter (" + invoiceFields() + ") kan vi inte radera i förtid: bokföringslagen kräver att de"
            + " sparas till och med det " + Words.ordinal(b.years(), sv) + " året efter utgången av det kalenderår då"
            + " räkenskapsåret (som slutar " + fiscal + ") avslutades. Under den tiden används de bara för bokföringen."
        : "Invoice data (" + invoiceFields() + ") cannot be erased early: the Swedish Bookkeeping Act requires us to"
            + " keep it through the " + Words.ordinal(b.years(), sv) + " year after the end of the calendar year in"
            + " which the fiscal year (ending " + fiscal + ") ended. Until then it is used for bookkeeping only.";
  }

  String invoiceFields() {
    return String.join(", ", policy.retention().bookkeeping().fields().stream().map(f -> {
      String label = Words.field(f, sv);
      // "Fakturanummer" reads "fakturanummer" inside a sentence; "VAT" stays as it is.
      return label.length() > 1 && Character.isLowerCase(label.charAt(1))
          ? Character.toLowerCase(label.charAt(0)) + label.substring(1) : label;
    }).toList());
  }

  // (e)
  String rightsHeading() {
    return sv ? "Dina rättigheter" : "Your rights";
  }

  String rights() {
    return sv ? "Du har rätt att få felaktiga eller ofullständiga uppgifter rättade eller kompletterade (art. 16), att"
            + " få dina uppgifter raderade (art. 17), att begära att behandlingen begränsas så att uppgifterna bara får"
            + " sparas eller användas för vissa ändamål (art. 18), och att invända mot behandling som vi grundar på"
            + " berättigat intresse, till exempel profilering (art. 21.1). Mot direktmarknadsföring kan du alltid"
            + " invända, och då slutar vi (art. 21.2 och 21.3)."
        : "You have the right to have wrong or incomplete data rectified or completed (Art. 16), to have your data"
            + " erased (Art. 17), to have the processing restricted so that the data may only be stored or used for"
            + " certain purposes (Art. 18), and to object to processing we base on legitimate interest, such as"
            + " profiling (Art. 21(1)). You can always object to direct marketing, and we then stop (Art. 21(2) and"
            + " (3)).";
  }

  Object[] howToAsk(String caseNumber) {
    String tail = sv ? ". Rättar, raderar eller begränsar vi uppgifter meddelar vi det också de mottagare som har fått"
            + " dem (art. 19)."
        : ". When we rectify, erase or restrict data, we also tell the recipients who have received it (Art. 19).";
    if (caseNumber == null) {
      return new Object[] {sv ? "Skriv till " : "Write to ", contact(), tail};
    }
    return new Object[] {sv ? "Skriv till " : "Write to ", contact(), sv ? " och ange ärendenummer " : " quoting case number ",
        caseNumber, tail};
  }

  // (f)
  String complaintHeading() {
    return sv ? "Rätt att klaga" : "Right to complain";
  }

  Object[] complaint() {
    return sv ? new Object[] {"Anser du att vi behandlar dina personuppgifter i strid med dataskyddsförordningen har du"
            + " rätt att klaga hos Integritetsskyddsmyndigheten (IMY), ", imy(), ". Du får gärna höra av dig till oss"
            + " först, så rättar vi det vi kan."}
        : new Object[] {"If you believe we process your personal data in breach of the GDPR, you have the right to"
            + " complain to the Swedish Authority for Privacy Protection (Integritetsskyddsmyndigheten, IMY), ", imy(),
            ". You are welcome to contact us first, and we will put right what we can."};
  }

  // (g)
  String sourceHeading() {
    return sv ? "Varifrån uppgifterna kommer" : "Where the data comes from";
  }

  String source() {
    return sv ? "Uppgifterna kommer från dig: från dina beställningar, dina kontakter med oss och ditt konto. De finns i"
            + " de system som redovisas ovan:"
        : "The data comes from you: from your orders, your contacts with us and your account. It is held in the"
            + " systems listed above:";
  }

  // (h)
  String profilingHeading() {
    return sv ? "Profilering" : "Profiling";
  }

  Optional<Policy.Purpose> profilingPurpose() {
    return policy.purposes().stream().filter(p -> PROFILING.equals(p.id())).findFirst();
  }

  List<Object[]> profiling() {
    Optional<Policy.Purpose> purpose = profilingPurpose();
    if (purpose.isEmpty()) {
      return List.<Object[]>of(new Object[] {sv
          ? "Vi profilerar inte, och vi fattar inga beslut som enbart grundas på automatiserad behandling (art. 22)."
          : "We do not profile, and we make no decisions based solely on automated processing (Art. 22)."});
    }
    Policy.Purpose p = purpose.get();
    List<Object[]> out = new ArrayList<>();
    out.add(new Object[] {sv
        ? "Vi profilerar kunder och kontoinnehavare. Ändamål: ”" + Words.text(p.name(), sv) + "”, med "
            + Words.basis(p.legalBasis(), sv) + " som rättslig grund."
        : "We profile customers and account holders. Purpose: “" + Words.text(p.name(), sv) + "”, on the legal basis of "
            + Words.basis(p.legalBasis(), sv) + "."});
    out.add(new Object[] {profilingLogic()});
    out.add(new Object[] {sv
        ? "Profileringen leder inte till beslut som enbart grundas på automatiserad behandling och som har rättsliga"
            + " följder för dig eller på liknande sätt påverkar dig i betydande grad (art. 22)."
        : "The profiling does not lead to decisions based solely on automated processing that have legal effects for"
            + " you or similarly significantly affect you (Art. 22)."});
    out.add(sv
        ? new Object[] {"Du kan när som helst invända mot profileringen, och då slutar vi profilera dig (art. 21). Skriv till ",
            contact(), "."}
        : new Object[] {"You can object to the profiling at any time, and we then stop profiling you (Art. 21). Write to ",
            contact(), "."});
    return out;
  }

  String profilingLogic() {
    return sv ? "Så går det till: vi ser på vilka varor du har köpt eller tittat på och hur du använder vår webbplats,"
            + " och utifrån det väljer vi vilka varor, erbjudanden och vilken information vi visar för dig eller skickar"
            + " till dig."
        : "How it works: we look at which goods you have bought or looked at and how you use our website, and from"
            + " that we choose which goods, offers and information to show or send you.";
  }

  // Art. 20
  String portabilityHeading() {
    return sv ? "Maskinläsbar kopia" : "Machine-readable copy";
  }

  String portability() {
    return sv ? "Utdraget finns också som en JSON-fil med samma uppgifter, i formatet " + ExtractJson.FORMAT + ". Den är"
            + " din maskinläsbara kopia (rätten till dataportabilitet, art. 20): du kan läsa in den i ett annat system"
            + " eller lämna den till en annan tjänst."
        : "The extract also comes as a JSON file with the same data, in the format " + ExtractJson.FORMAT + ". It is"
            + " your machine-readable copy (the right to data portability, Art. 20): you can load it into another"
            + " system or give it to another service.";
  }

  /** The same facts in a line each, for the mail; the document holds the full text. */
  List<Object[]> inShort(boolean holdsData) {
    Policy.Retention r = policy.retention();
    Policy.Bookkeeping b = r.bookkeeping();
    List<Object[]> out = new ArrayList<>();
    Set<String> bases = new LinkedHashSet<>();
    policy.purposes().forEach(p -> bases.add(Words.basis(p.legalBasis(), sv)));
    out.add(new Object[] {(sv ? "Ändamål: " : "Purposes: ")
        + String.join("; ", policy.purposes().stream().map(p -> Words.text(p.name(), sv)).toList())
        + (sv ? ". Rättslig grund: " : ". Legal basis: ") + joinAnd(List.copyOf(bases), sv ? " eller " : " or ")
        + (sv ? ", beroende på ändamål." : ", depending on the purpose.")});
    out.add(new Object[] {(sv ? "Mottagare: " : "Recipients: ")
        + String.join("; ", policy.recipients().stream().map(this::recipient).toList()) + "."});
    out.add(new Object[] {sv
        ? "Lagringstid: högst " + Words.months(r.afterLastActivity(), sv) + " efter din senaste beställning eller kontakt"
            + " med kundtjänst; fakturauppgifter så länge bokföringslagen kräver, till och med det "
            + Words.ordinal(b.years(), sv) + " året efter det kalenderår då räkenskapsåret avslutades."
        : "Storage: at most " + Words.months(r.afterLastActivity(), sv) + " after your last order or contact with"
            + " customer service; invoice data as long as the Swedish Bookkeeping Act requires, through the "
            + Words.ordinal(b.years(), sv) + " year after the calendar year in which the fiscal year ended."});
    out.add(new Object[] {sv
        ? "Dina rättigheter: rättelse, radering (inom " + Words.hours(r.erasureDeadline(), sv) + "), begränsning av"
            + " behandlingen och invändning, bland annat mot profilering och direktmarknadsföring."
        : "Your rights: rectification, erasure (within " + Words.hours(r.erasureDeadline(), sv) + "), restriction of"
            + " processing, and objection, for example to profiling and direct marketing."});
    out.add(new Object[] {sv ? "Klagomål: Integritetsskyddsmyndigheten (IMY), " : "Complaints: the Swedish Authority for"
        + " Privacy Protection (Integritetsskyddsmyndigheten, IMY), ", imy(), "."});
    out.add(new Object[] {holdsData
        ? (sv ? "Källa: uppgifterna kommer från dig (dina beställningar, kontakter och ditt konto) och finns i systemen ovan."
            : "Source: the data comes from you (your orders, contacts and account) and is held in the systems above.")
        : (sv ? "Källa: uppgifter om våra kunder kommer från kunderna själva, genom beställningar, kontakter och konton."
            : "Source: data about our customers comes from the customers themselves, through orders, contacts and"
                + " accounts.")});
    out.add(new Object[] {profilingPurpose().map(p -> {
      String label = sv ? "Profilering" : "Profiling";
      String name = Words.text(p.name(), sv);
      // The policy's name already starts "Profilering: ..."; the line does not say it twice.
      String what = name.startsWith(label + ":") ? name.substring(label.length() + 1).strip() : name;
      return label + ": " + what + (sv ? ". Du kan när som helst invända mot den." : ". You can object to it at any time.");
    }).orElse(sv ? "Profilering: vi profilerar inte." : "Profiling: we do not profile.")});
    return out;
  }

  static String joinAnd(List<String> items, String and) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + and + items.get(items.size() - 1);
  }
}
