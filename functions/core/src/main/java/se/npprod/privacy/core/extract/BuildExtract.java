package se.npprod.privacy.core.extract;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.OutgoingMail;
import se.npprod.privacy.core.request.Outbox;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestMails;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.request.VerificationToken;

/**
 * Answers a verified access request (Art. 15): gathers the person's data from every system of the
 * data map that can export it, renders it readable and machine-readable, stores it for download,
 * and mails the verified address a summary with links that work for a limited time. The data is
 * not left in mailboxes.
 *
 * <p>It goes to a person on the privacy team instead when a system could not be asked after the
 * retries SQS gives, or when the data names other people (Art. 15(4)). Safe to run twice: a
 * request already answered or in review is left alone.
 */
public final class BuildExtract {
  /** Deliveries of one message after which an unreachable system sends the request to a person. */
  public static final int ATTEMPTS_BEFORE_REVIEW = 3;
  /** Well under SES's 40 MB message limit, UTF-8 and both parts counted. */
  static final long MAX_MAIL_CHARS = 5_000_000;

  public enum Outcome { SENT, NOTHING_HELD_SENT, MANUAL_REVIEW, RETRY, SKIPPED }

  private final Policy policy;
  private final RequestStore requests;
  private final OwnData own;
  private final SystemExports exports;
  private final ExtractFiles files;
  private final Outbox outbox;
  private final VerificationLinks links;
  private final Clock clock;

  public BuildExtract(Policy policy, RequestStore requests, OwnData own, SystemExports exports, ExtractFiles files,
      Outbox outbox, VerificationLinks links, Clock clock) {
    this.policy = policy;
    this.requests = requests;
    this.own = own;
    this.exports = exports;
    this.files = files;
    this.outbox = outbox;
    this.links = links;
    this.clock = clock;
  }

  /** @param attempt how many times this request's message has been delivered (1 the first time) */
  public Outcome answer(String requestId, int attempt) {
    Optional<PrivacyRequest> found = requests.request(requestId);
    if (found.isEmpty() || found.get().type() != RequestType.ACCESS) {
      return Outcome.SKIPPED;
    }
    PrivacyRequest request = found.get();
    Instant now = clock.instant();
    if (request.status() == RequestStatus.VERIFIED) {
      requests.transition(requestId, RequestStatus.VERIFIED, RequestStatus.IN_PROGRESS, Optional.empty(),
          AuditEvent.of(requestId, now, "extract-started"));
    } else if (request.status() != RequestStatus.IN_PROGRESS) {
      return Outcome.SKIPPED;
    }

    Extract extract = gather(request, now);
    List<String> unavailable = extract.systems().stream()
        .filter(s -> s.status() == SystemData.Status.UNAVAILABLE).map(SystemData::systemId).toList();
    if (!unavailable.isEmpty()) {
      if (attempt < ATTEMPTS_BEFORE_REVIEW) {
        requests.audit(new AuditEvent(requestId, now, "system-unavailable",
            Map.of("systems", String.join(",", unavailable), "attempt", Integer.toString(attempt))));
        return Outcome.RETRY;
      }
      return review(requestId, "system-unavailable:" + String.join(",", unavailable), now);
    }
    Optional<String> others = ExtractDocument.otherPeoplesData(extract);
    if (others.isPresent()) {
      return review(requestId, others.get(), now);
    }

    OutgoingMail mail;
    Outcome outcome;
    if (!extract.holdsAnything()) {
      mail = mail(request, extract, null, null, null);
      outcome = Outcome.NOTHING_HELD_SENT;
    } else {
      Instant validUntil = now.atZone(policy.timezone()).plus(policy.requests().extractLinkValidFor()).toInstant();
      LocalDate validThrough = validUntil.atZone(policy.timezone()).toLocalDate();
      // The files outlive their links by a day: a download started just before expiry still completes.
      Instant keepUntil = validUntil.plusSeconds(86_400);
      String htmlKey = files.store(requestId, "registerutdrag.html", "text/html; charset=utf-8",
          ExtractDocument.html(extract, policy).getBytes(StandardCharsets.UTF_8), keepUntil);
      String jsonKey = files.store(requestId, "registerutdrag.json", "application/json",
          ExtractDocument.json(extract, policy).getBytes(StandardCharsets.UTF_8), keepUntil);
      VerificationToken htmlToken = VerificationToken.generate();
      VerificationToken jsonToken = VerificationToken.generate();
      files.allowDownload(htmlToken.hash(), requestId, htmlKey, "html", validUntil);
      files.allowDownload(jsonToken.hash(), requestId, jsonKey, "json", validUntil);
      mail = mail(request, extract, links.download(htmlToken), links.download(jsonToken), validThrough);
      outcome = Outcome.SENT;
    }
    if ((long) mail.text().length() + mail.html().length() > MAX_MAIL_CHARS) {
      // SES takes 40 MB; the mail is a summary, so this means a layout gone wrong: never cut it.
      return review(requestId, "mail-too-large", now);
    }
    outbox.send(mail);
    requests.transition(requestId, RequestStatus.IN_PROGRESS, RequestStatus.COMPLETED, Optional.empty(),
        new AuditEvent(requestId, clock.instant(), "extract-sent", Map.of("items", Long.toString(extract.itemCount()),
            "systems", Integer.toString(extract.systems().size()))));
    return outcome;
  }

  private Outcome review(String requestId, String reason, Instant now) {
    requests.transition(requestId, RequestStatus.IN_PROGRESS, RequestStatus.MANUAL_REVIEW, Optional.of(reason),
        new AuditEvent(requestId, now, "extract-held-for-review", Map.of("reason", reason)));
    return Outcome.MANUAL_REVIEW;
  }

  Extract gather(PrivacyRequest request, Instant now) {
    List<SystemData> systems = new ArrayList<>();
    List<String> customerNumbers = own.customerNumbers(request.subject());
    SystemExports.Query query = new SystemExports.Query(request.id(), request.email(), customerNumbers);
    for (Policy.DataSystem system : policy.systems()) {
      switch (system.export()) {
        case table -> systems.add(new SystemData(system.id(), system.name(), SystemData.Status.ANSWERED,
            own.items(request.subject(), now)));
        case http -> systems.add(exports.export(system, query));
        case none -> {
          // No export: named among the recipients in the extract; the privacy team asks them.
        }
      }
    }
    return new Extract(request.id(), RequestMails.caseNumber(request.id()), request.language(), request.email().value(),
        request.receivedAt(), request.dueDate(), now, systems);
  }

  private OutgoingMail mail(PrivacyRequest request, Extract extract, String htmlLink, String jsonLink,
      LocalDate validThrough) {
    return new OutgoingMail(request.email(), ExtractDocument.subject(extract, policy),
        ExtractDocument.summary(extract, policy, htmlLink, jsonLink, validThrough),
        ExtractDocument.summaryHtml(extract, policy, htmlLink, jsonLink, validThrough), request.id(), "extract");
  }
}
