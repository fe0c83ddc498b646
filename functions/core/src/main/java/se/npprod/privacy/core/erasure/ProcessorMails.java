package se.npprod.privacy.core.erasure;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.OutgoingMail;
import se.npprod.privacy.core.request.RequestMails;
import se.npprod.privacy.core.subject.EmailAddress;

/**
 * The mail that asks a processor without an API to erase a person, Swedish first and English
 * below: who we are, the legal ground, the identifiers it needs to find the person (nothing more),
 * the deadline, and the link by which it confirms.
 */
final class ProcessorMails {
  private static final DateTimeFormatter SV = DateTimeFormatter.ofPattern("d MMMM yyyy 'kl.' HH.mm", Locale.forLanguageTag("sv"));
  private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

  private final Policy policy;

  ProcessorMails(Policy policy) {
    this.policy = policy;
  }

  OutgoingMail request(Policy.DataSystem system, EmailAddress contact, String requestId, Identifiers ids, String link,
      Instant target) {
    String c = RequestMails.caseNumber(requestId);
    String who = "E-post / Email: " + ids.email().value()
        + (ids.customerNumbers().isEmpty() ? "" : "\nKundnummer / Customer numbers: " + String.join(", ", ids.customerNumbers()))
        + (ids.phones().isEmpty() ? "" : "\nTelefon / Phone: " + String.join(", ", ids.phones()));
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
}
