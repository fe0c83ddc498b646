package se.npprod.privacy.core.extract;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.subject.Bookkeeping;

/**
 * The register extract for a person to read: who we are and what this is, then each system's data
 * by category, then the Art. 15 information. Written once to a {@link Sink}, for HTML and for text.
 */
final class ExtractWriter {
  /** Newest first; a record without a time (contact details) before all others. */
  private static final Comparator<DataItem> NEWEST_FIRST = Comparator.comparing(DataItem::occurredAt,
      Comparator.nullsFirst(Comparator.reverseOrder()));

  private final Extract x;
  private final Policy policy;
  private final boolean sv;
  private final Sink out;
  private final Information info;
  private final ZoneId zone;

  ExtractWriter(Extract extract, Policy policy, Sink out) {
    this.x = extract;
    this.policy = policy;
    this.sv = Words.swedish(extract.language());
    this.out = out;
    this.info = new Information(policy, sv);
    this.zone = policy.timezone();
  }

  static String title(Extract extract, Policy policy) {
    String name = policy.controller().name();
    return Words.swedish(extract.language()) ? "Registerutdrag från " + name : "Register extract from " + name;
  }

  void write() {
    Policy.Controller c = policy.controller();
    out.h1(title(x, policy));
    out.beginDefs();
    out.def(sv ? "Ärendenummer" : "Case number", x.caseNumber());
    out.def(sv ? "Gäller e-postadressen" : "For the email address", x.email());
    if (x.requestReceivedAt() != null) {
      out.def(sv ? "Din begäran kom in" : "Your request was received", Words.dateTime(x.requestReceivedAt(), zone, sv));
    }
    out.def(sv ? "Utdraget upprättades" : "This extract was made", Words.dateTime(x.generatedAt(), zone, sv));
    out.endDefs();
    out.p(sv ? "Det här är en kopia av de personuppgifter som " + c.name() + " har om dig, hämtade ur vart och ett av de"
            + " system där vi har uppgifter om våra kunder, och den information om vår behandling som du har rätt till"
            + " enligt artikel 15 i dataskyddsförordningen (GDPR). Utdraget är kostnadsfritt."
        : "This is a copy of the personal data " + c.name() + " holds about you, gathered from each of the systems in"
            + " which we hold data about our customers, together with the information about our processing that you"
            + " are entitled to under Article 15 of the General Data Protection Regulation (GDPR). The extract is free"
            + " of charge.");
    out.p(sv ? "Uppgifterna visas system för system och, inom varje system, efter slag av uppgift med de nyaste först."
            + " Samma uppgifter finns i den maskinläsbara JSON-filen."
        : "The data is shown system by system and, within each system, by kind of data, newest first. The same data"
            + " is in the machine-readable JSON file.");
    out.p(sv ? "Är något fel eller ofullständigt? Skriv till " : "Is anything wrong or incomplete? Write to ", info.contact(),
        sv ? " och ange ärendenummer " + x.caseNumber() + ", så rättar vi det."
            : " quoting case number " + x.caseNumber() + ", and we will correct it.");

    out.h2(sv ? "Dina uppgifter i våra system" : "Your data in our systems");
    for (SystemData system : x.systems()) {
      system(system);
    }
    information();
    out.p(c.name() + (sv ? ", org.nr " : ", company reg. no. ") + c.orgNumber() + ", ", info.contact(),
        (sv ? ". Ärendenummer " : ". Case number ") + x.caseNumber() + ".");
  }

  private void system(SystemData system) {
    out.h3(systemName(system, policy, sv));
    runBy(system.systemId()).ifPresent(out::p);
    if (system.status() == SystemData.Status.UNAVAILABLE) {
      String by = x.dueDate() == null ? "" : (sv ? ", och senast " : ", and no later than ") + Words.date(x.dueDate(), sv);
      out.p(sv ? "Uppgifterna i det här systemet kunde inte hämtas när utdraget upprättades. Det betyder inte att"
              + " systemet saknar uppgifter om dig. Vi skickar dem till dig separat så snart vi har dem" + by + "."
          : "The data in this system could not be fetched when this extract was made. This does not mean that the"
              + " system holds no data about you. We will send it to you separately as soon as we have it" + by + ".");
      return;
    }
    if (system.items().isEmpty()) {
      out.p(sv ? "Inga uppgifter om dig." : "No data about you.");
      return;
    }
    ItemWriter items = new ItemWriter(policy, sv, out);
    for (Map.Entry<String, List<DataItem>> group : byCategory(system.items(), policy).entrySet()) {
      out.h4(info.category(group.getKey()));
      int n = group.getValue().size();
      if (n > 1) {
        out.p(Words.items(n, sv) + (sv ? ", de nyaste först." : ", newest first."));
      }
      group.getValue().stream().sorted(NEWEST_FIRST).forEach(items::write);
    }
  }

  /** Who runs the system, from the policy's data map: the recipient of Art. 15(1)(c), made concrete. */
  private Optional<String> runBy(String systemId) {
    Optional<Policy.DataSystem> system = policy.systems().stream().filter(s -> s.id().equals(systemId)).findFirst();
    if (system.isEmpty()) {
      return Optional.empty();
    }
    String recipient = system.get().recipient();
    if ("controller".equals(recipient)) {
      return Optional.of((sv ? "Sköts av oss, " : "Run by us, ") + policy.controller().name() + ".");
    }
    return policy.recipients().stream().filter(r -> r.id().equals(recipient)).findFirst().map(r ->
        r.role() == Policy.RecipientRole.processor
            ? (sv ? "Sköts åt oss av ett personuppgiftsbiträde: " : "Run for us by a processor: ") + Words.text(r.name(), sv) + "."
            : (sv ? "Sköts av en självständigt personuppgiftsansvarig: " : "Run by an independent controller: ")
                + Words.text(r.name(), sv) + ".");
  }

  private void information() {
    out.h2(info.heading());
    out.p(info.intro());

    out.h3(info.purposesHeading());
    out.p(info.purposesIntro());
    list(info.purposes());

    out.h3(info.categoriesHeading());
    List<String> held = categoriesHeld(x, policy);
    if (!held.isEmpty()) {
      out.p(info.heldCategoriesIntro());
      list(held.stream().map(info::category).toList());
    }
    List<String> others = policy.dataCategories().stream().filter(c -> !held.contains(c.id()))
        .map(c -> Words.text(c.name(), sv)).toList();
    if (!others.isEmpty()) {
      out.p(info.otherCategoriesIntro(!held.isEmpty()));
      list(others);
    }

    out.h3(info.recipientsHeading());
    out.p(info.recipientsIntro());
    list(info.recipients());
    out.p(info.rolesExplained());

    out.h3(info.storageHeading());
    info.storage().forEach(out::p);

    out.h3(info.rightsHeading());
    out.p(info.rights());
    out.p(info.howToAsk(x.caseNumber()));

    out.h3(info.complaintHeading());
    out.p(info.complaint());

    out.h3(info.sourceHeading());
    out.p(info.source());
    list(x.systems().stream().map(s -> systemName(s, policy, sv)).toList());

    out.h3(info.profilingHeading());
    info.profiling().forEach(out::p);

    out.h3(info.portabilityHeading());
    out.p(info.portability());
  }

  private void list(List<String> lines) {
    out.beginList();
    lines.forEach(out::li);
    out.endList();
  }

  /** The system's name as it reported itself, else as the policy names it, else its id. */
  static String systemName(SystemData system, Policy policy, boolean sv) {
    if (system.name() != null) {
      return Words.text(system.name(), sv);
    }
    return policy.systems().stream().filter(s -> s.id().equals(system.systemId())).findFirst()
        .map(s -> Words.text(s.name(), sv)).orElse(system.systemId());
  }

  /** Items by category: the policy's categories in its order, then any it does not know, as first met. */
  static Map<String, List<DataItem>> byCategory(List<DataItem> items, Policy policy) {
    Map<String, List<DataItem>> groups = new LinkedHashMap<>();
    policy.dataCategories().forEach(c -> groups.put(c.id(), new ArrayList<>()));
    for (DataItem item : items) {
      groups.computeIfAbsent(item.category(), k -> new ArrayList<>()).add(item);
    }
    groups.values().removeIf(List::isEmpty);
    return groups;
  }

  /** The categories the extract holds data in, in the policy's order, then unknown ones. */
  static List<String> categoriesHeld(Extract extract, Policy policy) {
    Set<String> seen = new LinkedHashSet<>();
    extract.systems().forEach(s -> s.items().forEach(i -> seen.add(i.category())));
    List<String> held = new ArrayList<>();
    policy.dataCategories().forEach(c -> {
      if (seen.remove(c.id())) {
        held.add(c.id());
      }
    });
    held.addAll(seen);
    return held;
  }

  /** The last day an invoice is kept under the bookkeeping rule, from its date. */
  static Optional<LocalDate> keptThrough(Object invoiceDate, Policy policy) {
    return Words.parseDate(invoiceDate)
        .map(d -> Bookkeeping.deletableFrom(d, policy.retention().bookkeeping()).minusDays(1));
  }
}
