package se.npprod.privacy.core.erasure;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.OutgoingMail;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestMails;
import se.npprod.privacy.core.request.RequestType;

/**
 * The mails that tell a person what was done with their request: an erasure (what went, what was
 * kept and why, until when), a restriction or objection passed on, a rectification passed on, and
 * the notice before a restriction is lifted. The last two are in Swedish first and English below,
 * as the privacy team writes them for anyone.
 */
final class ErasureMails {
  private static final DateTimeFormatter SV_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("sv"));
  private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

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
    boolean restriction = r.type() == RequestType.RESTRICTION;
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

  /**
   * Rectification passed on (Art. 16, 19): which fields were corrected (by name: the values are in
   * the person's own request and need not travel again) and which recipients were told.
   */
  OutgoingMail rectified(PrivacyRequest r, ErasurePlans.Plan plan, Collection<String> fields) {
    String c = RequestMails.caseNumber(r.id());
    String text = """
        Hej!

        Vi har rättat dina personuppgifter, som du bad om (dataskyddsförordningen, artikel 16). Det här har rättats:

        %1$s

        Rättelsen har förts vidare till (artikel 19):

        %2$s

        Är något fortfarande fel, eller vill du veta vilka som har fått dina personuppgifter, kan du svara på det här meddelandet. Är du inte nöjd med hur vi har hanterat din begäran kan du klaga hos Integritetsskyddsmyndigheten (IMY), imy.se.

        Ärendenummer: %5$s

        ---

        Hello,

        We have corrected your personal data, as you asked (General Data Protection Regulation, Article 16). The following has been corrected:

        %3$s

        The correction has been passed on to (Article 19):

        %4$s

        If anything is still wrong, or if you would like to know who has received your personal data, you can reply to this message. If you are not satisfied with how we have handled your request, you can complain to the Swedish Authority for Privacy Protection (Integritetsskyddsmyndigheten, IMY), imy.se.

        Case number: %5$s

        Med vänliga hälsningar / Kind regards,
        %6$s
        %7$s
        """.formatted(fieldList(fields, true), systemList(plan, true), fieldList(fields, false), systemList(plan, false), c,
            policy.controller().name(), policy.controller().contactEmail());
    return new OutgoingMail(r.email(), "Dina personuppgifter är rättade / Your personal data has been corrected (" + c + ")",
        text, RequestMails.html(text, "sv"), r.id(), "rectification-confirmation");
  }

  /**
   * Art. 18(3): the person is told before a restriction is lifted, when and why, and what they can
   * do about it. {@code reason} is the privacy team's, quoted as given.
   */
  OutgoingMail liftNotice(PrivacyRequest r, LocalDate liftOn, String reason) {
    String c = RequestMails.caseNumber(r.id());
    LocalDate asked = r.receivedAt().atZone(policy.timezone()).toLocalDate();
    String text = """
        Hej!

        Den %1$s bad du oss att begränsa behandlingen av dina personuppgifter, och sedan dess har vi bara lagrat dem. Vi vill meddela dig att begränsningen kommer att hävas den %2$s.

        Skälet är:

        %5$s

        Från och med den dagen behandlar vi dina personuppgifter på samma sätt som innan du bad om begränsningen, så som vår integritetspolicy beskriver: %6$s

        Vi meddelar dig detta innan begränsningen hävs, som dataskyddsförordningen kräver (artikel 18.3). Har du invändningar kan du svara på det här meddelandet före den %2$s. Du har också rätt att invända mot behandling som grundar sig på vårt berättigade intresse (artikel 21), och att klaga hos Integritetsskyddsmyndigheten (IMY), imy.se.

        Ärendenummer: %7$s

        ---

        Hello,

        On %3$s you asked us to restrict the processing of your personal data, and since then we have only stored it. We are writing to let you know that the restriction will be lifted on %4$s.

        The reason is given above, in our privacy team's words.

        From that day we will process your personal data as we did before you asked for the restriction, as described in our privacy policy: %6$s

        We are telling you this before the restriction is lifted, as the General Data Protection Regulation requires (Article 18(3)). If you have any objections, please reply to this message before %4$s. You also have the right to object to processing based on our legitimate interests (Article 21), and to complain to the Swedish Authority for Privacy Protection (Integritetsskyddsmyndigheten, IMY), imy.se.

        Case number: %7$s

        Med vänliga hälsningar / Kind regards,
        %8$s
        %9$s
        """.formatted(SV_DATE.format(asked), SV_DATE.format(liftOn), EN_DATE.format(asked), EN_DATE.format(liftOn),
            reason.strip(), policy.controller().policyUrl(), c, policy.controller().name(),
            policy.controller().contactEmail());
    return new OutgoingMail(r.email(), "Begränsningen av behandlingen av dina personuppgifter hävs / "
        + "The restriction of the processing of your personal data will be lifted (" + c + ")",
        text, RequestMails.html(text, "sv"), r.id(), "restriction-lift-notice");
  }

  /** In the same order whatever order they were stored in. */
  private static String fieldList(Collection<String> fields, boolean sv) {
    return String.join("\n", CorrectedFields.names().stream().filter(fields::contains)
        .map(f -> "- " + CorrectedFields.label(f, sv)).toList());
  }

  private String systemList(ErasurePlans.Plan plan, boolean sv) {
    return String.join("\n", plan.tasks().stream().map(t -> policy.systems().stream()
        .filter(s -> s.id().equals(t.system())).findFirst()
        .map(s -> "- " + (sv ? s.name().sv() : s.name().en())).orElse("- " + t.system())).toList());
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
