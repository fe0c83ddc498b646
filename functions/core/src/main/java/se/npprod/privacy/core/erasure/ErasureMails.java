package se.npprod.privacy.core.erasure;

import java.util.List;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.OutgoingMail;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestMails;

/** The mail that tells a person their erasure is done: what went, what was kept and why, until when. */
final class ErasureMails {
  private final Policy policy;

  ErasureMails(Policy policy) {
    this.policy = policy;
  }

  OutgoingMail erased(PrivacyRequest r, ErasurePlans.Plan plan) {
    boolean sv = !"en".equals(r.language());
    String c = RequestMails.caseNumber(r.id());
    List<String> systems = plan.tasks().stream().map(t -> policy.systems().stream()
        .filter(s -> s.id().equals(t.system())).findFirst()
        .map(s -> "- " + (sv ? s.name().sv() : s.name().en())).orElse("- " + t.system())).toList();
    int years = policy.retention().bookkeeping().years();
    String subject = sv ? "Dina personuppgifter är raderade (" + c + ")" : "Your personal data has been erased (" + c + ")";
    String text = sv
        ? """
          Hej!

          Vi har raderat dina personuppgifter, som du bad om. De är borttagna ur:

          %s

          Det enda vi sparar är uppgifterna på fakturor du har fått: fakturanummer, datum, belopp, moms, namn och adress. Bokföringslagen (7 kap. 2 §) kräver att vi sparar dem till och med det %s året efter utgången av det kalenderår då räkenskapsåret avslutades. De används inte till något annat än att bevaras, och de raderas när tiden har gått ut (dataskyddsförordningen, artikel 17.3 b).

          Vi sparar också att du har bett om radering, utan dina kontaktuppgifter, så att vi kan visa att vi har gjort det och inte av misstag lägger in dig igen.

          Har du frågor, eller är du inte nöjd, kan du svara på det här meddelandet eller klaga hos Integritetsskyddsmyndigheten (IMY), imy.se.

          Ärendenummer: %s

          Med vänliga hälsningar
          NP Produkter
          %s
          """.formatted(String.join("\n", systems), ordinal(years, true), c, policy.controller().contactEmail())
        : """
          Hello,

          We have erased your personal data, as you asked. It has been removed from:

          %s

          The only thing we keep is the details on invoices you have received: invoice number, date, amount, VAT, name and address. The Swedish Bookkeeping Act (chapter 7, section 2) requires us to keep them until the end of the %s year after the calendar year in which the financial year ended. They are used for nothing but being kept, and they are erased when that time has passed (General Data Protection Regulation, Article 17(3)(b)).

          We also keep a record that you asked for erasure, without your contact details, so that we can show we did it and do not add you again by mistake.

          If you have questions, or are not satisfied, you can reply to this message or complain to the Swedish Authority for Privacy Protection (Integritetsskyddsmyndigheten, IMY), imy.se.

          Case number: %s

          Kind regards,
          NP Produkter
          %s
          """.formatted(String.join("\n", systems), ordinal(years, false), c, policy.controller().contactEmail());
    return new OutgoingMail(r.email(), subject, text, RequestMails.html(text, sv ? "sv" : "en"), r.id(), "erasure-confirmation");
  }

  /** Restriction or objection carried to every system that holds the data (Art. 18, 21, 19). */
  OutgoingMail passedOn(PrivacyRequest r, ErasurePlans.Plan plan) {
    boolean sv = !"en".equals(r.language());
    String c = RequestMails.caseNumber(r.id());
    List<String> systems = plan.tasks().stream().map(t -> policy.systems().stream()
        .filter(s -> s.id().equals(t.system())).findFirst()
        .map(s -> "- " + (sv ? s.name().sv() : s.name().en())).orElse("- " + t.system())).toList();
    boolean restriction = r.type() == se.npprod.privacy.core.request.RequestType.RESTRICTION;
    String subject = restriction
        ? (sv ? "Behandlingen av dina personuppgifter är begränsad (" : "Processing of your personal data is restricted (") + c + ")"
        : (sv ? "Vi har registrerat din invändning (" : "We have recorded your objection (") + c + ")";
    String what = restriction
        ? (sv ? "Vi har begränsat behandlingen av dina personuppgifter, som du bad om. Från och med nu lagras de bara; vi använder dem inte till något annat utan ditt samtycke eller om inte lagen kräver det (dataskyddsförordningen, artikel 18). Innan begränsningen hävs meddelar vi dig."
              : "We have restricted the processing of your personal data, as you asked. From now on it is only stored; we use it for nothing else without your consent or unless the law requires it (GDPR Article 18). We will tell you before the restriction is lifted.")
        : (sv ? "Vi har registrerat din invändning. Vi profilerar dig inte längre och skickar ingen direktmarknadsföring till dig (dataskyddsförordningen, artikel 21)."
              : "We have recorded your objection. We no longer profile you and send you no direct marketing (GDPR Article 21).");
    String text = sv
        ? """
          Hej!

          %s

          Det gäller i:

          %s

          Har du frågor, eller är du inte nöjd, kan du svara på det här meddelandet eller klaga hos Integritetsskyddsmyndigheten (IMY), imy.se.

          Ärendenummer: %s

          Med vänliga hälsningar
          NP Produkter
          %s
          """.formatted(what, String.join("\n", systems), c, policy.controller().contactEmail())
        : """
          Hello,

          %s

          This applies in:

          %s

          If you have questions, or are not satisfied, you can reply to this message or complain to the Swedish Authority for Privacy Protection (Integritetsskyddsmyndigheten, IMY), imy.se.

          Case number: %s

          Kind regards,
          NP Produkter
          %s
          """.formatted(what, String.join("\n", systems), c, policy.controller().contactEmail());
    return new OutgoingMail(r.email(), subject, text, RequestMails.html(text, sv ? "sv" : "en"), r.id(),
        restriction ? "restriction-confirmation" : "objection-confirmation");
  }

  private static String ordinal(int n, boolean sv) {
    if (sv) {
      String[] words = {"", "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde", "tionde"};
      return n < words.length ? words[n] : n + ":e";
    }
    return n + (n % 10 == 1 && n % 100 != 11 ? "st" : n % 10 == 2 && n % 100 != 12 ? "nd"
        : n % 10 == 3 && n % 100 != 13 ? "rd" : "th");
  }

}
