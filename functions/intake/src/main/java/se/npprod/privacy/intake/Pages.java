package se.npprod.privacy.intake;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestMails;
import se.npprod.privacy.core.request.RequestType;

/**
 * The plain pages a person sees from a confirmation link or the form without script: Swedish
 * first, English second, nothing that identifies the person beyond the case number.
 */
final class Pages {
  private static final DateTimeFormatter SV = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("sv"));
  private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private Pages() {}

  static String confirm(PrivacyRequest r, String token) {
    return page("Bekräfta din begäran", """
        <p>Du håller på att bekräfta din begäran om %1$s (ärende %3$s). När du bekräftar börjar vi arbeta med den.</p>
        <form method="post" action="verify"><input type="hidden" name="token" value="%5$s">
        <button type="submit">Bekräfta / Confirm</button></form>
        <section lang="en"><h2>Confirm your request</h2>
        <p>You are about to confirm your request for %2$s (case %3$s). Once you confirm, we start working on it.</p></section>
        """.formatted(RequestMails.what(r.type(), true), RequestMails.what(r.type(), false), caseNumber(r), "", esc(token)));
  }

  static String verified(PrivacyRequest r) {
    String sv = r.type() == RequestType.ACCESS
        ? "Vi skickar registerutdraget till din e-postadress, senast " + SV.format(r.dueDate()) + "."
        : r.type() == RequestType.ERASURE
            ? "Vi raderar dina uppgifter inom 24 timmar, utom de fakturauppgifter som bokföringslagen kräver att vi sparar, och bekräftar med e-post när det är gjort."
            : "Vi återkommer till dig med e-post, senast " + SV.format(r.dueDate()) + ".";
    String en = r.type() == RequestType.ACCESS
        ? "We will send the register extract to your email address, no later than " + EN.format(r.dueDate()) + "."
        : r.type() == RequestType.ERASURE
            ? "We will erase your data within 24 hours, except the invoice details the Swedish Bookkeeping Act requires us to keep, and confirm by email when it is done."
            : "We will get back to you by email, no later than " + EN.format(r.dueDate()) + ".";
    return page("Tack, din begäran är bekräftad", """
        <p>Ärende %1$s. %2$s</p>
        <section lang="en"><h2>Thank you, your request is confirmed</h2><p>Case %1$s. %3$s</p></section>
        """.formatted(caseNumber(r), sv, en));
  }

  static String used() {
    return page("Länken är redan använd", """
        <p>Den här begäran är redan bekräftad, och vi arbetar med den. Du behöver inte göra något mer.</p>
        <section lang="en"><h2>This link has already been used</h2>
        <p>This request has already been confirmed, and we are working on it. There is nothing more you need to do.</p></section>
        """);
  }

  static String expired() {
    return page("Länken har gått ut", """
        <p>Länken gäller inte längre, och ingenting har gjorts. Vill du fortfarande göra din begäran kan du skicka den igen via formuläret i vår integritetspolicy eller med e-post till info@npprod.se.</p>
        <section lang="en"><h2>This link has expired</h2>
        <p>The link is no longer valid, and nothing has been done. If you still want to make your request, please send it again through the form in our privacy policy or by email to info@npprod.se.</p></section>
        """);
  }

  static String unknown() {
    return page("Länken känns inte igen", """
        <p>Vi hittar ingen begäran som hör till den här länken, och ingenting har gjorts. Kontrollera att hela länken kom med när du kopierade den.</p>
        <section lang="en"><h2>We do not recognise this link</h2>
        <p>We find no request that belongs to this link, and nothing has been done. Please check that the whole link was copied.</p></section>
        """);
  }

  static String download(String format, String token) {
    boolean json = "json".equals(format);
    return page("Ladda ned ditt registerutdrag", """
        <p>%1$s</p>
        <form method="post" action="download"><input type="hidden" name="token" value="%3$s">
        <button type="submit">Ladda ned / Download</button></form>
        <p>Filen innehåller dina personuppgifter. Spara den där andra inte kommer åt den.</p>
        <section lang="en"><h2>Download your register extract</h2><p>%2$s</p>
        <p>The file contains your personal data. Keep it where others cannot reach it.</p></section>
        """.formatted(json
            ? "Det här är den maskinläsbara kopian (JSON) av dina uppgifter, som du kan ta med dig till en annan tjänst."
            : "Det här är registerutdraget att läsa, med alla uppgifter vi har om dig och information om hur vi behandlar dem.",
        json ? "This is the machine-readable copy (JSON) of your data, which you can take to another service."
            : "This is the register extract to read, with all the data we hold about you and how we process it.",
        esc(token)));
  }

  static String downloadExpired() {
    return page("Länken har gått ut", """
        <p>Länken till registerutdraget gäller inte längre, och filen är raderad. Vill du ha ett nytt utdrag kan du begära det igen via formuläret i vår integritetspolicy eller med e-post till info@npprod.se.</p>
        <section lang="en"><h2>This link has expired</h2>
        <p>The link to the register extract is no longer valid, and the file has been deleted. If you would like a new extract, please ask again through the form in our privacy policy or by email to info@npprod.se.</p></section>
        """);
  }

  static String processorConfirm(String caseNumber, String token) {
    return page("Bekräfta radering", """
        <p>Bekräfta att ni har raderat personuppgifterna i ärende %1$s, som vi bad om i vårt meddelande.</p>
        <form method="post" action="confirm"><input type="hidden" name="token" value="%2$s">
        <p><label for="name">Ditt namn / Your name</label><br><input id="name" name="name" required maxlength="200" autocomplete="name"></p>
        <button type="submit">Bekräfta / Confirm</button></form>
        <section lang="en"><h2>Confirm the erasure</h2>
        <p>Please confirm that you have erased the personal data in case %1$s, as we asked in our message.</p></section>
        """.formatted(esc(caseNumber), esc(token)));
  }

  static String processorConfirmed() {
    return page("Tack, raderingen är bekräftad", """
        <p>Vi har noterat er bekräftelse. Tack för hjälpen.</p>
        <section lang="en"><h2>Thank you, the erasure is confirmed</h2><p>We have noted your confirmation. Thank you.</p></section>
        """);
  }

  static String received() {
    return page("Tack, vi har tagit emot din begäran", """
        <p>Vi har skickat ett e-postmeddelande till adressen du angav. Öppna länken i meddelandet för att bekräfta att begäran kommer från dig; först då börjar vi arbeta med den. Hittar du inget meddelande, titta i skräpposten.</p>
        <section lang="en"><h2>Thank you, we have received your request</h2>
        <p>We have sent an email to the address you gave. Open the link in it to confirm that the request comes from you; only then do we start working on it. If you cannot find the message, please check your spam folder.</p></section>
        """);
  }

  private static String caseNumber(PrivacyRequest r) {
    return RequestMails.caseNumber(r.id());
  }

  private static String page(String title, String body) {
    return """
        <!doctype html>
        <html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>%1$s – NP Produkter</title>
        <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
        button{font:inherit;padding:.6rem 1.4rem;background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer}
        button:focus{outline:3px solid #f1b400;outline-offset:2px}section{margin-top:2rem;border-top:1px solid #ccc}</style></head>
        <body><main><h1>%1$s</h1>
        %2$s
        <p><small>NP Produkter · info@npprod.se</small></p></main></body></html>
        """.formatted(esc(title), body);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

}
