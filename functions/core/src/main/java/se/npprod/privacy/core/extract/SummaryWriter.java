package se.npprod.privacy.core.extract;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.npprod.privacy.core.policy.Policy;

/**
 * The mail that goes with an extract: what we hold, per system, in counts; the two download links
 * and how long they work; the Art. 15 information in short. The extract itself is not in the mail:
 * mailboxes keep things for years, a link expires. When no system holds anything, a short answer
 * says so and names the systems asked (Art. 15(1) starts with confirming whether data is processed).
 */
final class SummaryWriter {
  private final Extract x;
  private final Policy policy;
  private final boolean sv;
  private final Sink out;
  private final Information info;
  private final String htmlLink;
  private final String jsonLink;
  private final LocalDate validThrough;

  SummaryWriter(Extract extract, Policy policy, String htmlLink, String jsonLink, LocalDate validThrough, Sink out) {
    this.x = extract;
    this.policy = policy;
    this.sv = Words.swedish(extract.language());
    this.out = out;
    this.info = new Information(policy, sv);
    this.htmlLink = htmlLink;
    this.jsonLink = jsonLink;
    this.validThrough = validThrough;
  }

  /** Nothing held, and every system was asked: the short answer. */
  static boolean nothingHeld(Extract extract) {
    return !extract.holdsAnything()
        && extract.systems().stream().allMatch(s -> s.status() == SystemData.Status.ANSWERED);
  }

  static String subject(Extract extract, Policy policy) {
    boolean sv = Words.swedish(extract.language());
    String name = policy.controller().name();
    if (nothingHeld(extract)) {
      return (sv ? "Svar på din begäran om registerutdrag (" : "Answer to your request for a register extract (")
          + extract.caseNumber() + ")";
    }
    return (sv ? "Ditt registerutdrag från " : "Your register extract from ") + name + " (" + extract.caseNumber() + ")";
  }

  void write() {
    out.p(sv ? "Hej!" : "Hello,");
    if (nothingHeld(x)) {
      nothing();
    } else {
      held();
    }
    out.p(sv ? "Har du frågor, eller är något fel? Skriv till " : "Any questions, or is something wrong? Write to ",
        info.contact(), sv ? " och ange ärendenummer " + x.caseNumber() + "." : " quoting case number " + x.caseNumber() + ".");
    out.p((sv ? "Ärendenummer: " : "Case number: ") + x.caseNumber());
    out.p((sv ? "Med vänliga hälsningar\n" : "Kind regards,\n") + policy.controller().name() + "\n",
        info.contact());
  }

  private void held() {
    long missing = x.systems().stream().filter(s -> s.status() == SystemData.Status.UNAVAILABLE).count();
    String fromSv = missing == 1 ? "ett system" : missing + " system";
    String fromEn = missing == 1 ? "one system" : missing + " systems";
    out.p(sv ? "Ditt registerutdrag från " + policy.controller().name() + " är klart. Det är en kopia av de"
            + " personuppgifter vi har om dig i våra system, med information om hur vi behandlar dem. Utdraget är"
            + " kostnadsfritt." + (missing > 0 ? " Från " + fromSv + " kunde vi inte hämta uppgifterna ännu; se nedan." : "")
        : "Your register extract from " + policy.controller().name() + " is ready. It is a copy of the personal data"
            + " we hold about you in our systems, with information about how we process it. The extract is free of"
            + " charge." + (missing > 0 ? " From " + fromEn + " we could not fetch the data yet; see below." : ""));
    out.p(sv ? "Det här har vi om dig:" : "This is what we hold about you:");
    out.beginList();
    for (SystemData system : x.systems()) {
      out.li(ExtractWriter.systemName(system, policy, sv) + " – " + counts(system));
    }
    out.endList();
    links();
    out.p(sv ? "Kort om hur vi behandlar dina uppgifter (den fullständiga informationen står i utdraget, under"
            + " rubriken ”" + info.heading() + "”):"
        : "In short, how we process your data (the full information is in the extract, under the heading “"
            + info.heading() + "”):");
    out.beginList();
    info.inShort(true).forEach(out::li);
    out.endList();
  }

  private String counts(SystemData system) {
    if (system.status() == SystemData.Status.UNAVAILABLE) {
      String by = x.dueDate() == null ? "" : (sv ? ", senast " : ", no later than ") + Words.date(x.dueDate(), sv);
      return sv ? "kunde inte hämtas när utdraget upprättades. Det betyder inte att systemet saknar uppgifter om dig;"
              + " vi skickar dem till dig separat så snart vi har dem" + by + "."
          : "could not be fetched when the extract was made. This does not mean the system holds no data about you;"
              + " we will send it to you separately as soon as we have it" + by + ".";
    }
    if (system.items().isEmpty()) {
      return sv ? "inga uppgifter om dig" : "no data about you";
    }
    // Known kinds as nouns ("12 beställningar"), others as items of their category; in category order.
    Map<String, Long> kinds = new LinkedHashMap<>();
    Map<String, Long> others = new LinkedHashMap<>();
    for (List<DataItem> group : ExtractWriter.byCategory(system.items(), policy).values()) {
      for (DataItem item : group) {
        if (Words.count(item.kind(), 1, sv) != null) {
          kinds.merge(item.kind(), 1L, Long::sum);
        } else {
          others.merge(item.category(), 1L, Long::sum);
        }
      }
    }
    List<String> phrases = new ArrayList<>();
    kinds.forEach((kind, n) -> phrases.add(Words.count(kind, n, sv)));
    others.forEach((category, n) -> phrases.add(Words.items(n, sv) + (sv ? " i kategorin ”" : " in the category “")
        + info.category(category) + "”"));
    return String.join(", ", phrases);
  }

  private void links() {
    if (htmlLink == null && jsonLink == null) {
      return;
    }
    out.p(sv ? "Hämta utdraget här:" : "Download the extract here:");
    out.beginList();
    if (htmlLink != null) {
      out.li(sv ? "Dokument att läsa (HTML): " : "Document to read (HTML): ", new Sink.Link(htmlLink, htmlLink));
    }
    if (jsonLink != null) {
      out.li(sv ? "Maskinläsbar fil (JSON) att föra över till en annan tjänst, art. 20: "
          : "Machine-readable file (JSON) to take to another service, Art. 20: ", new Sink.Link(jsonLink, jsonLink));
    }
    out.endList();
    String until = validThrough == null ? ""
        : (sv ? "Länkarna fungerar till och med " : "The links work through ") + Words.date(validThrough, sv) + ". ";
    out.p(until + (sv ? "De kräver ingen inloggning, och därför är de personliga: vidarebefordra inte det här"
            + " meddelandet och dela inte länkarna. När du öppnar en länk kontrollerar vi den en gång till."
        : "They need no login, which is why they are personal: do not forward this message or share the links."
            + " When you open a link, we check it once more."));
  }

  private void nothing() {
    out.p(sv ? "Du har bett om ett registerutdrag, en kopia av de personuppgifter vi har om dig. Vi har sökt efter"
            + " uppgifter om den här e-postadressen i alla våra system:"
        : "You asked for a register extract, a copy of the personal data we hold about you. We have searched for"
            + " data about this email address in all our systems:");
    out.beginList();
    x.systems().forEach(s -> out.li(ExtractWriter.systemName(s, policy, sv)));
    out.endList();
    String closed = Words.months(policy.requests().keepClosedFor(), sv);
    out.p(sv ? "Vi har inga personuppgifter om dig i något av dem. Det enda vi har är själva ärendet, det vill säga"
            + " din e-postadress och din begäran. Det sparar vi i " + closed + " efter att ärendet har avslutats, för"
            + " att kunna visa att vi har besvarat det."
        : "We hold no personal data about you in any of them. The only thing we hold is this case itself, that is,"
            + " your email address and your request. We keep it for " + closed + " after the case is closed, to be"
            + " able to show that we answered it.");
    out.p(sv ? "Har du gjort ett val i cookierutan på vår webbplats är beviset på det knutet till din webbläsare, inte"
            + " till din e-postadress, och därför ingår det inte här."
        : "If you have made a choice in the cookie banner on our website, the proof of it is tied to your browser,"
            + " not to your email address, and is therefore not included here.");
    out.p(sv ? "Så här behandlar vi personuppgifter om våra kunder, i korthet (artikel 15 i dataskyddsförordningen):"
        : "How we process personal data about our customers, in short (Article 15 GDPR):");
    out.beginList();
    info.inShort(false).forEach(out::li);
    out.endList();
    String url = policy.controller().policyUrl();
    if (url != null) {
      out.p(sv ? "Hela vår integritetspolicy finns på " : "Our full privacy policy is at ", new Sink.Link(url, url));
    }
  }
}
