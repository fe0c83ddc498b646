package se.npprod.privacy.core.erasure;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.OutgoingMail;
import se.npprod.privacy.core.request.RequestMails;
import se.npprod.privacy.core.subject.EmailAddress;

/**
 * The mails about a processor without an API, Swedish first and English below. To the processor:
 * the request to erase a person (who we are, the legal ground, the identifiers it needs to find the
 * person and nothing more, the deadline, the link by which it confirms) and, if it has not
 * confirmed, a reminder with the same facts and a fresh link. To the privacy team: that the
 * processor has not confirmed as the target nears, in codes only.
 */
final class ProcessorMails {
  private static final DateTimeFormatter SV = DateTimeFormatter.ofPattern("d MMMM yyyy 'kl.' HH.mm", Locale.forLanguageTag("sv"));
  private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter SV_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("sv"));
  private static final DateTimeFormatter SV_TIME = DateTimeFormatter.ofPattern("HH.mm", Locale.forLanguageTag("sv"));
  private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private final Policy policy;

  ProcessorMails(Policy policy) {
    this.policy = policy;
  }

  OutgoingMail request(Policy.DataSystem system, EmailAddress contact, String requestId, Identifiers ids, String link,
      Instant target) {
    String c = RequestMails.caseNumber(requestId);
    String who = who(ids);
    var when = target.atZone(policy.timezone());
    String text = """
        Hej!

        %1$s (org.nr %2$s) är personuppgiftsansvarig för personuppgifter som ni behandlar för vår räkning (%3$s). En kund har begärt att alla personuppgifter om sig raderas (dataskyddsförordningen, artikel 17). Vi ber er radera allt ni har om personen nedan senast %4$s, och bekräfta det genom att öppna länken:

        %5$s

        %6$s

        Uppgifter som ni enligt lag själva måste spara, till exempel i er bokföring, får ni behålla, men då bara lagrade. Svara på det här meddelandet om något är oklart.

        Ärendenummer: %7$s

        ---

        Hello,

        %1$s is the controller of personal data that you process on our behalf (%3$s). A customer has asked for all personal data about them to be erased (GDPR Article 17). Please erase everything you hold about the person above by %8$s, and confirm by opening the link above. Data the law requires you to keep yourselves, for example in your accounts, may be kept, but only stored. Please reply to this message if anything is unclear.

        Case number: %7$s

        Med vänliga hälsningar / Kind regards,
        %1$s
        %9$s
        """.formatted(policy.controller().name(), policy.controller().orgNumber(), system.name().sv(), SV.format(when), link,
            who, c, EN.format(when), policy.controller().contactEmail());
    return new OutgoingMail(contact, "Begäran om radering av personuppgifter / Request for erasure (" + c + ")", text,
        RequestMails.html(text, "sv"), requestId, "processor-erasure");
  }

  /** The same request again, with a fresh link and the deadline spelt out, for a processor that has not confirmed. */
  OutgoingMail reminder(Policy.DataSystem system, EmailAddress contact, String requestId, Identifiers ids, String link,
      Instant target) {
    String c = RequestMails.caseNumber(requestId);
    var when = target.atZone(policy.timezone());
    String text = """
        Hej!

        Det här är en påminnelse om vår begäran om radering (ärendenummer %7$s). Vi har ännu inte fått er bekräftelse.

        %1$s (org.nr %2$s) är personuppgiftsansvarig för personuppgifter som ni behandlar för vår räkning (%3$s). En kund har begärt att alla personuppgifter om sig raderas (dataskyddsförordningen, artikel 17). Vi ber er radera allt ni har om personen nedan och bekräfta det genom att öppna länken:

        %4$s

        %5$s

        Tidsfristen går ut kl. %6$s den %8$s (svensk tid). Har ni redan raderat uppgifterna räcker det att ni bekräftar via länken; länken i vårt första meddelande fungerar också. Uppgifter som ni enligt lag själva måste spara, till exempel i er bokföring, får ni behålla, men då bara lagrade. Svara på det här meddelandet om något är oklart.

        Ärendenummer: %7$s

        ---

        Hello,

        This is a reminder of our request for erasure (case number %7$s). We have not yet received your confirmation.

        %1$s is the controller of personal data that you process on our behalf (%9$s). A customer has asked for all personal data about them to be erased (GDPR Article 17). Please erase everything you hold about the person above and confirm by opening the link above. The deadline is at %10$s on %11$s (Swedish time). If you have already erased the data, confirming through the link is all that is needed; the link in our first message works too. Data the law requires you to keep yourselves, for example in your accounts, may be kept, but only stored. Please reply to this message if anything is unclear.

        Case number: %7$s

        Med vänliga hälsningar / Kind regards,
        %1$s
        %12$s
        """.formatted(policy.controller().name(), policy.controller().orgNumber(), system.name().sv(), link, who(ids),
            SV_TIME.format(when), c, SV_DATE.format(when), system.name().en(), EN_TIME.format(when), EN_DATE.format(when),
            policy.controller().contactEmail());
    return new OutgoingMail(contact, "Påminnelse: begäran om radering av personuppgifter / Reminder: request for erasure ("
        + c + ")", text, RequestMails.html(text, "sv"), requestId, "processor-reminder");
  }

  /**
   * To the privacy team: the processor has not confirmed and the target is near. Codes only (the
   * case, the request id, the system, the time): the person's identifiers stay in the request.
   */
  OutgoingMail escalation(EmailAddress team, String requestId, String system, Instant target) {
    String c = RequestMails.caseNumber(requestId);
    var when = target.atZone(policy.timezone());
    String text = """
        Personuppgiftsbiträdet %1$s har inte bekräftat raderingen i ärende %2$s, och målet för raderingen är kl. %3$s den %4$s (svensk tid). Kontakta biträdet. Uppgifterna om kunden finns i ärendet, inte i det här meddelandet.

        Ärende: %2$s
        Begäran: %5$s
        System: %1$s

        ---

        The processor %1$s has not confirmed the erasure in case %2$s, and the erasure's target is at %6$s on %7$s (Swedish time). Please contact the processor. The customer's details are in the case, not in this message.
        """.formatted(system, c, SV_TIME.format(when), SV_DATE.format(when), requestId, EN_TIME.format(when),
            EN_DATE.format(when));
    return new OutgoingMail(team, "Eskalering: radering ej bekräftad / Escalation: erasure not confirmed (" + c + ", "
        + system + ")", text, RequestMails.html(text, "sv"), requestId, "processor-escalation");
  }

  /** What the processor needs to find the person: the identifiers gathered with the plan, nothing more. */
  private static String who(Identifiers ids) {
    return "E-post / Email: " + ids.email().value()
        + (ids.customerNumbers().isEmpty() ? "" : "\nKundnummer / Customer numbers: " + String.join(", ", ids.customerNumbers()))
        + (ids.phones().isEmpty() ? "" : "\nTelefon / Phone: " + String.join(", ", ids.phones()));
  }
}
