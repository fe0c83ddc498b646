package se.npprod.privacy.core.request;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import se.npprod.privacy.core.policy.Policy;

/**
 * The mails a requester gets, in Swedish or English (Swedish unless the request was in English).
 * Plain words, the case number, the legal due date, and nothing the requester did not already
 * give us: the mails never say whether we hold data about the address.
 */
public final class RequestMails {
  private static final DateTimeFormatter SV_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("sv"));
  private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private final Policy policy;

  public RequestMails(Policy policy) {
    this.policy = policy;
  }

  /** What the person asked for, as a phrase that fits "your request for …". */
  public static String what(RequestType type, boolean sv) {
    return switch (type) {
      case ACCESS -> sv ? "registerutdrag (en kopia av dina personuppgifter)" : "a register extract (a copy of your personal data)";
      case ERASURE -> sv ? "radering av dina personuppgifter" : "erasure of your personal data";
      case RECTIFICATION -> sv ? "rättelse av dina personuppgifter" : "rectification of your personal data";
      case RESTRICTION -> sv ? "begränsning av behandlingen av dina personuppgifter" : "restriction of the processing of your personal data";
      case OBJECTION -> sv ? "invändning mot profilering och direktmarknadsföring" : "objection to profiling and direct marketing";
      case UNKNOWN -> sv ? "hantering av dina personuppgifter" : "the handling of your personal data";
    };
  }

  /** The case number the person can quote: short, from the request id. */
  public static String caseNumber(String requestId) {
    return "NP-" + requestId.substring(0, 8).toUpperCase(Locale.ROOT);
  }

  public OutgoingMail verification(PrivacyRequest r, String link, LocalDate linkValidThrough) {
    boolean sv = !"en".equals(r.language());
    String c = caseNumber(r.id());
    String erasure = r.type() == RequestType.ERASURE
        ? (sv ? " Radering sker inom 24 timmar från din bekräftelse, utom de fakturauppgifter som bokföringslagen kräver att vi sparar."
              : " Erasure is carried out within 24 hours of your confirmation, except the invoice details that the Swedish Bookkeeping Act requires us to keep.")
        : "";
    String subject = sv ? "Bekräfta din begäran (" + c + ")" : "Please confirm your request (" + c + ")";
    String text = sv
        ? """
          Hej!

          Vi har tagit emot din begäran om %s.

          Innan vi lämnar ut, ändrar eller raderar något behöver vi veta att begäran kommer från dig som har den här e-postadressen. Bekräfta genom att öppna länken:

          %s

          Länken gäller till och med %s och kan bara användas en gång. Har du inte skickat någon begäran kan du bortse från det här meddelandet; ingenting händer utan din bekräftelse.

          Vi besvarar din begäran senast %s.%s

          Ärendenummer: %s

          Med vänliga hälsningar
          NP Produkter
          %s
          """.formatted(what(r.type(), true), link, SV_DATE.format(linkValidThrough), SV_DATE.format(r.dueDate()), erasure, c,
              policy.controller().contactEmail())
        : """
          Hello,

          We have received your request for %s.

          Before we disclose, change or erase anything, we need to know that the request comes from you, the holder of this email address. Please confirm by opening this link:

          %s

          The link is valid through %s and can be used once. If you did not send a request, you can ignore this message; nothing happens without your confirmation.

          We will answer your request no later than %s.%s

          Case number: %s

          Kind regards,
          NP Produkter
          %s
          """.formatted(what(r.type(), false), link, EN_DATE.format(linkValidThrough), EN_DATE.format(r.dueDate()), erasure, c,
              policy.controller().contactEmail());
    return mail(r, subject, text, "verification");
  }

  /** For mail that goes to a person on the privacy team first: unclear, or about somebody else. */
  public OutgoingMail manualReview(PrivacyRequest r) {
    boolean sv = !"en".equals(r.language());
    String c = caseNumber(r.id());
    String subject = sv ? "Vi har tagit emot ditt meddelande (" + c + ")" : "We have received your message (" + c + ")";
    String text = sv
        ? """
          Hej!

          Tack för ditt meddelande om dina personuppgifter. En medarbetare läser det och återkommer till dig så snart som möjligt, senast %s.

          Gäller det någon annan än dig själv behöver den personen som regel själv höra av sig till oss.

          Ärendenummer: %s

          Med vänliga hälsningar
          NP Produkter
          %s
          """.formatted(SV_DATE.format(r.dueDate()), c, policy.controller().contactEmail())
        : """
          Hello,

          Thank you for your message about your personal data. A member of our staff will read it and get back to you as soon as possible, no later than %s.

          If it concerns someone other than yourself, that person will as a rule need to contact us themselves.

          Case number: %s

          Kind regards,
          NP Produkter
          %s
          """.formatted(EN_DATE.format(r.dueDate()), c, policy.controller().contactEmail());
    return mail(r, subject, text, "manual-review");
  }

  /** A second request of a type already in progress: it is part of the first. */
  public OutgoingMail alreadyInProgress(PrivacyRequest r) {
    boolean sv = !"en".equals(r.language());
    String c = caseNumber(r.id());
    String subject = sv ? "Din begäran behandlas redan (" + c + ")" : "Your request is already being handled (" + c + ")";
    String text = sv
        ? """
          Hej!

          Vi har redan en begäran från dig om %s, och den behandlas nu. Ditt nya meddelande har lagts till i samma ärende. Du får svar senast %s.

          Ärendenummer: %s

          Med vänliga hälsningar
          NP Produkter
          %s
          """.formatted(what(r.type(), true), SV_DATE.format(r.dueDate()), c, policy.controller().contactEmail())
        : """
          Hello,

          We already have a request from you for %s, and it is being handled. Your new message has been added to the same case. You will hear from us no later than %s.

          Case number: %s

          Kind regards,
          NP Produkter
          %s
          """.formatted(what(r.type(), false), EN_DATE.format(r.dueDate()), c, policy.controller().contactEmail());
    return mail(r, subject, text, "already-in-progress");
  }

  /** Once, a day or so after a request nobody has confirmed yet: a fresh link. */
  public OutgoingMail reminder(PrivacyRequest r, String link, LocalDate linkValidThrough) {
    boolean sv = !"en".equals(r.language());
    String c = caseNumber(r.id());
    String subject = sv ? "Påminnelse: bekräfta din begäran (" + c + ")" : "Reminder: please confirm your request (" + c + ")";
    String text = sv
        ? """
          Hej!

          Vi har fått en begäran om %s från den här e-postadressen, men den är ännu inte bekräftad. Vi gör ingenting förrän du har bekräftat att begäran kommer från dig.

          Bekräfta genom att öppna länken:

          %s

          Länken gäller till och med %s. Har du inte skickat någon begäran kan du bortse från det här meddelandet; då avslutas ärendet av sig självt.

          Ärendenummer: %s

          Med vänliga hälsningar
          NP Produkter
          %s
          """.formatted(what(r.type(), true), link, SV_DATE.format(linkValidThrough), c, policy.controller().contactEmail())
        : """
          Hello,

          We have received a request for %s from this email address, but it has not been confirmed yet. We do nothing until you have confirmed that the request comes from you.

          Please confirm by opening this link:

          %s

          The link is valid through %s. If you did not send a request, you can ignore this message; the case will then close by itself.

          Case number: %s

          Kind regards,
          NP Produkter
          %s
          """.formatted(what(r.type(), false), link, EN_DATE.format(linkValidThrough), c, policy.controller().contactEmail());
    return mail(r, subject, text, "reminder");
  }

  /** The request was never confirmed: closed, nothing done. */
  public OutgoingMail notVerified(PrivacyRequest r) {
    boolean sv = !"en".equals(r.language());
    String c = caseNumber(r.id());
    String subject = sv ? "Din begäran har avslutats (" + c + ")" : "Your request has been closed (" + c + ")";
    String text = sv
        ? """
          Hej!

          Den %s fick vi en begäran om %s från den här e-postadressen. Den bekräftades inte inom den tid länken gällde, så vi har avslutat ärendet utan att lämna ut, ändra eller radera något.

          Vill du fortfarande göra din begäran är du välkommen att skicka den igen till %s eller via formuläret i vår integritetspolicy.

          Ärendenummer: %s

          Med vänliga hälsningar
          NP Produkter
          """.formatted(SV_DATE.format(r.receivedAt().atZone(policy.timezone())), what(r.type(), true),
              policy.controller().contactEmail(), c)
        : """
          Hello,

          On %s we received a request for %s from this email address. It was not confirmed while the link was valid, so we have closed the case without disclosing, changing or erasing anything.

          If you still want to make your request, you are welcome to send it again to %s or through the form in our privacy policy.

          Case number: %s

          Kind regards,
          NP Produkter
          """.formatted(EN_DATE.format(r.receivedAt().atZone(policy.timezone())), what(r.type(), false),
              policy.controller().contactEmail(), c);
    return mail(r, subject, text, "not-verified");
  }

  /** Art. 12(3): the answer comes later, and why, told within the first month. */
  public OutgoingMail extension(PrivacyRequest r, LocalDate newDueDate, String reasons) {
    boolean sv = !"en".equals(r.language());
    String c = caseNumber(r.id());
    String subject = sv ? "Vi behöver längre tid för din begäran (" + c + ")" : "We need more time for your request (" + c + ")";
    String text = sv
        ? """
          Hej!

          Vi arbetar med din begäran om %s. Vi behöver tyvärr mer tid än en månad för att besvara den, och vi förlänger därför tiden, som dataskyddsförordningen (artikel 12.3) tillåter. Du får vårt svar senast %s.

          Skälet är:

          %s

          Är du inte nöjd med hur vi hanterar din begäran kan du klaga hos Integritetsskyddsmyndigheten (IMY), imy.se.

          Ärendenummer: %s

          Med vänliga hälsningar
          NP Produkter
          %s
          """.formatted(what(r.type(), true), SV_DATE.format(newDueDate), reasons.strip(), c, policy.controller().contactEmail())
        : """
          Hello,

          We are working on your request for %s. Unfortunately we need more than a month to answer it, so we are extending the time, as the General Data Protection Regulation (Article 12(3)) allows. You will have our answer no later than %s.

          The reason is:

          %s

          If you are not satisfied with how we handle your request, you may complain to the Swedish Authority for Privacy Protection (Integritetsskyddsmyndigheten, IMY), imy.se.

          Case number: %s

          Kind regards,
          NP Produkter
          %s
          """.formatted(what(r.type(), false), EN_DATE.format(newDueDate), reasons.strip(), c, policy.controller().contactEmail());
    return mail(r, subject, text, "extension");
  }

  private static OutgoingMail mail(PrivacyRequest r, String subject, String text, String kind) {
    return new OutgoingMail(r.email(), subject, text, html(text, "en".equals(r.language()) ? "en" : "sv"), r.id(), kind);
  }

  /** The same text as minimal HTML: paragraphs, and links that can be clicked. */
  public static String html(String text, String lang) {
    StringBuilder out = new StringBuilder("<!doctype html><html lang=\"" + lang + "\"><body style=\"font-family:sans-serif;line-height:1.5\">");
    for (String paragraph : text.strip().split("\n\\s*\n")) {
      String escaped = escape(paragraph.strip()).replace("\n", "<br>");
      escaped = escaped.replaceAll("(https?://[^\\s<]+)", "<a href=\"$1\">$1</a>");
      out.append("<p>").append(escaped).append("</p>");
    }
    return out.append("</body></html>").toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
