package se.npprod.privacy.core.policy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Finds every problem in a parsed policy, each named by its field path. */
public final class PolicyValidator {
  private static final Pattern ID = Pattern.compile("[a-z][A-Za-z0-9]*");
  private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?");

  private final List<String> problems = new ArrayList<>();

  private PolicyValidator() {}

  /** Throws a {@link PolicyException} naming every problem of {@code policy}, read from {@code source}. */
  public static void requireValid(Policy policy, String source) {
    List<String> problems = problems(policy);
    if (!problems.isEmpty()) {
      throw new PolicyException(source, problems);
    }
  }

  static List<String> problems(Policy policy) {
    PolicyValidator v = new PolicyValidator();
    v.requireAll(policy, "");
    if (v.problems.isEmpty()) {
      v.checkRules(policy);
    }
    return v.problems;
  }

  /** Every field of every record is required, and no text may be blank. */
  private void requireAll(Object value, String path) {
    if (value == null) {
      problems.add(path + ": is required");
    } else if (value instanceof String s) {
      if (s.isBlank()) {
        problems.add(path + ": must not be blank");
      }
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        problems.add(path + ": must not be empty");
      }
      for (int i = 0; i < list.size(); i++) {
        requireAll(list.get(i), path + "[" + i + "]");
      }
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        problems.add(path + ": must not be empty");
      }
      map.forEach((k, v) -> requireAll(v, join(path, String.valueOf(k))));
    } else if (value.getClass().isRecord()) {
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        requireAll(read(c, value), join(path, c.getName()));
      }
    }
  }

  private void checkRules(Policy p) {
    uniqueIds("dataCategories", p.dataCategories().stream().map(Policy.Entry::id).toList());
    uniqueIds("purposes", p.purposes().stream().map(Policy.Purpose::id).toList());
    uniqueIds("recipients", p.recipients().stream().map(Policy.Recipient::id).toList());
    uniqueIds("systems", p.systems().stream().map(Policy.DataSystem::id).toList());
    Set<String> recipients = new HashSet<>(p.recipients().stream().map(Policy.Recipient::id).toList());
    for (int i = 0; i < p.systems().size(); i++) {
      String recipient = p.systems().get(i).recipient();
      if (!recipient.equals("controller") && !recipients.contains(recipient)) {
        problems.add("systems[" + i + "].recipient: '" + recipient + "' is neither controller nor a recipient's id");
      }
    }
    if (p.systems().stream().noneMatch(s -> s.export() == Policy.Export.table)) {
      problems.add("systems: one system must be this system's own table (export: table)");
    }
    if (p.systems().stream().filter(s -> s.erasure() == Policy.Erasure.table).count() != 1) {
      problems.add("systems: exactly one system must be erased as this system's own table (erasure: table)");
    }

    Policy.Retention r = p.retention();
    positive("retention.afterLastActivity", r.afterLastActivity());
    positive("retention.answerDeadline", r.answerDeadline());
    if (r.erasureDeadline().isNegative() || r.erasureDeadline().isZero()) {
      problems.add("retention.erasureDeadline: must be a positive duration");
    } else if (r.erasureDeadline().compareTo(Duration.ofDays(28)) > 0) {
      problems.add("retention.erasureDeadline: must not exceed the one-month legal limit");
    }
    if (r.bookkeeping().years() < 1) {
      problems.add("retention.bookkeeping.years: must be at least 1");
    }

    Policy.Requests q = p.requests();
    positive("requests.verificationValidFor", q.verificationValidFor());
    positive("requests.extractLinkValidFor", q.extractLinkValidFor());
    positive("requests.keepClosedFor", q.keepClosedFor());
    positive("requests.keepUnverifiedFor", q.keepUnverifiedFor());
    positive("requests.restrictionLiftNotice", q.restrictionLiftNotice());
    if (q.reminderAfter().isNegative() || q.reminderAfter().isZero()) {
      problems.add("requests.reminderAfter: must be a positive duration");
    }
    checkProcessorFollowUps(q, r.erasureDeadline());
    if (q.limits().mailsPerAddressPerDay() < 1) {
      problems.add("requests.limits.mailsPerAddressPerDay: must be at least 1 (the verification mail)");
    }
    if (q.limits().formPostsPerNetworkPerHour() < 1) {
      problems.add("requests.limits.formPostsPerNetworkPerHour: must be at least 1");
    }

    Policy.ConsentPolicy c = p.consent();
    positive("consent.reconsentAfter", c.reconsentAfter());
    positive("consent.proofRetention", c.proofRetention());
    for (int i = 0; i < c.allowedOrigins().size(); i++) {
      String origin = c.allowedOrigins().get(i);
      if (!ORIGIN.matcher(origin).matches()) {
        problems.add("consent.allowedOrigins[" + i + "]: '" + origin
            + "' is not an origin (scheme://host[:port], no path, no trailing slash)");
      }
    }
    if (c.limits().historyShown() < 1 || c.limits().historyShown() > 100) {
      problems.add("consent.limits.historyShown: must be 1 to 100 (one query reads at most this many)");
    }
    if (c.limits().decisionsPerDay() < 1) {
      problems.add("consent.limits.decisionsPerDay: must be at least 1");
    }
    checkBanner(c.banner());
    String family = c.banner().cookieDomain();
    for (int i = 0; i < c.allowedOrigins().size(); i++) {
      String origin = c.allowedOrigins().get(i);
      String host = ORIGIN.matcher(origin).matches() ? URI.create(origin).getHost() : null;
      if (host != null && !host.equals(family) && !host.endsWith("." + family)) {
        problems.add("consent.allowedOrigins[" + i + "]: '" + host + "' is not on consent.banner.cookieDomain '"
            + family + "', so it would not share the visitor's choice");
      }
    }
    try {
      URI.create(p.controller().policyUrl());
    } catch (IllegalArgumentException e) {
      problems.add("controller.policyUrl: not a URL");
    }
  }

  /**
   * A processor is reminded before the team is told, both while time remains to act, and both
   * within the erasure's deadline (a follow-up before the processor was even asked is none).
   */
  private void checkProcessorFollowUps(Policy.Requests q, Duration erasureDeadline) {
    Duration remind = q.processorReminderBefore();
    Duration escalate = q.processorEscalationBefore();
    if (escalate.isNegative() || escalate.isZero()) {
      problems.add("requests.processorEscalationBefore: must be a positive duration");
    }
    if (remind.compareTo(escalate) <= 0) {
      problems.add("requests.processorReminderBefore: must be longer than requests.processorEscalationBefore"
          + " (the processor is reminded before the privacy team is told)");
    }
    if (remind.compareTo(erasureDeadline) >= 0) {
      problems.add("requests.processorReminderBefore: must be shorter than retention.erasureDeadline");
    }
    if (escalate.compareTo(erasureDeadline) >= 0) {
      problems.add("requests.processorEscalationBefore: must be shorter than retention.erasureDeadline");
    }
  }

  private void checkBanner(Policy.Banner b) {
    if (b.revision() < 1) {
      problems.add("consent.banner.revision: must be 1 or more");
    }
    List<String> ids = b.categories().stream().map(Policy.CookieCategory::id).toList();
    if (!ids.equals(Policy.COOKIE_CATEGORIES)) {
      problems.add("consent.banner.categories: must be exactly " + Policy.COOKIE_CATEGORIES
          + " in that order, found " + ids);
    }
    for (int i = 0; i < b.categories().size(); i++) {
      Policy.CookieCategory cat = b.categories().get(i);
      boolean shouldBeRequired = Policy.NECESSARY.equals(cat.id());
      if (cat.required() != shouldBeRequired) {
        problems.add("consent.banner.categories[" + i + "].required: must be " + shouldBeRequired
            + " for '" + cat.id() + "' (only necessary cookies go without consent)");
      }
    }
    List<String> mapped = new ArrayList<>();
    b.googleConsentMode().forEach((category, signals) -> {
      if (!ids.contains(category) || Policy.NECESSARY.equals(category)) {
        problems.add("consent.banner.googleConsentMode." + category + ": not an optional category");
      }
      for (String signal : signals) {
        if (!Policy.CONSENT_MODE_TYPES.contains(signal)) {
          problems.add("consent.banner.googleConsentMode." + category + ": '" + signal
              + "' is not a Consent Mode type " + Policy.CONSENT_MODE_TYPES);
        }
        mapped.add(signal);
      }
    });
    for (String signal : Policy.CONSENT_MODE_SIGNALS) {
      if (!mapped.contains(signal)) {
        problems.add("consent.banner.googleConsentMode: no category grants '" + signal
            + "' (Consent Mode v2 needs all of " + Policy.CONSENT_MODE_SIGNALS + ")");
      }
    }
    for (String lang : List.of("sv", "en")) {
      if (!b.texts().containsKey(lang)) {
        problems.add("consent.banner.texts." + lang + ": is required");
      }
    }
    if (!b.texts().containsKey(b.defaultLanguage())) {
      problems.add("consent.banner.defaultLanguage: '" + b.defaultLanguage() + "' has no texts");
    }
    b.texts().forEach((lang, t) -> {
      String base = "consent.banner.texts." + lang;
      for (String id : ids) {
        if (!t.categoryTitles().containsKey(id)) {
          problems.add(base + ".categoryTitles." + id + ": is required");
        }
        if (!t.categoryDescriptions().containsKey(id)) {
          problems.add(base + ".categoryDescriptions." + id + ": is required");
        }
      }
      for (String key : List.of("name", "provider", "lifetime")) {
        if (!t.cookieTableHeaders().containsKey(key)) {
          problems.add(base + ".cookieTableHeaders." + key + ": is required");
        }
      }
    });
  }

  private void uniqueIds(String path, List<String> ids) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (!ID.matcher(id).matches()) {
        problems.add(path + "[" + i + "].id: '" + id + "' must be a lowerCamel identifier");
      }
      if (!seen.add(id)) {
        problems.add(path + "[" + i + "].id: '" + id + "' is used twice");
      }
    }
  }

  private void positive(String path, Period period) {
    if (period.isNegative() || period.isZero()) {
      problems.add(path + ": must be a positive period");
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }
}
