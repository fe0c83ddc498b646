package se.npprod.privacy.core.request;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.mail.InboundMail;
import se.npprod.privacy.core.mail.MailKind;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.subject.EmailAddress;

/**
 * A mail to the privacy address, as SES received it, made into a request or set aside.
 *
 * <ul>
 *   <li>Spam or a virus (SES's verdicts FAIL): quarantined, never opened further, never answered.</li>
 *   <li>Auto-replies, bounces and list mail: recorded, never answered, so no two robots mail each
 *       other for ever.</li>
 *   <li>Everything else becomes a request from the From address, classified by the fixed rules
 *       ({@link RequestClassifier}); unclear, mixed, forwarded mail and mail about someone else go
 *       to a person first. Every request is confirmed by a link to the From address, whatever the
 *       sender's DMARC verdict: a forger receives nothing, the address's holder gets the link.</li>
 * </ul>
 * What happened to each mail is logged by SES message id, with codes only: no address, no words.
 */
public final class TakeInMail {
  /** SES's verdicts of the receipt: PASS, FAIL, GRAY, PROCESSING_FAILED or DISABLED. */
  public record Verdicts(String spam, String virus, String spf, String dkim, String dmarc) {}

  public enum Outcome { REQUEST, JOINED, DUPLICATE, QUARANTINED, NOT_ANSWERED }

  public record Result(Outcome outcome, Optional<String> requestId, String reason) {}

  /** Port: the log of received mail, by SES message id. */
  public interface MailLog {
    void record(String sesMessageId, Instant at, Outcome outcome, Map<String, String> details, Instant keepUntil);
  }

  private final Policy policy;
  private final SubmitRequest submit;
  private final MailLog log;
  private final List<EmailAddress> ownAddresses;
  private final Clock clock;

  public TakeInMail(Policy policy, SubmitRequest submit, MailLog log, Clock clock) {
    this.policy = policy;
    this.submit = submit;
    this.log = log;
    this.clock = clock;
    this.ownAddresses = EmailAddress.parse(policy.controller().contactEmail()).stream().toList();
  }

  /** Before the message is even read: SES's scan said spam or virus. */
  public Optional<Result> screen(String sesMessageId, Verdicts verdicts) {
    if ("FAIL".equals(verdicts.virus()) || "FAIL".equals(verdicts.spam())) {
      String reason = "FAIL".equals(verdicts.virus()) ? "virus" : "spam";
      return Optional.of(done(sesMessageId, Outcome.QUARANTINED, reason, Map.of(), null));
    }
    return Optional.empty();
  }

  /** A message SES stored that could not be read as mail. */
  public Result unreadable(String sesMessageId, String reason) {
    return done(sesMessageId, Outcome.QUARANTINED, "malformed:" + reason, Map.of(), null);
  }

  public Result take(String sesMessageId, Instant receivedAt, Verdicts verdicts, InboundMail mail) {
    if (mail.kind() != MailKind.PERSONAL) {
      return done(sesMessageId, Outcome.NOT_ANSWERED, mail.kind().name().toLowerCase(java.util.Locale.ROOT), Map.of(), null);
    }
    Optional<EmailAddress> from = EmailAddress.parse(mail.from().email());
    if (from.isEmpty()) {
      return done(sesMessageId, Outcome.QUARANTINED, "no-sender", Map.of(), null);
    }
    if (ownAddresses.contains(from.get())) {
      return done(sesMessageId, Outcome.NOT_ANSWERED, "own-address", Map.of(), null);
    }
    Classification c = RequestClassifier.classify(mail.subject(), mail.newText());
    Optional<String> review = c.ambiguous() ? Optional.of("ambiguous")
        : c.aboutSomeoneElse() ? Optional.of("about-someone-else")
        : mail.forwarded() ? Optional.of("forwarded")
        : c.type() == RequestType.UNKNOWN ? Optional.of("unclear")
        : Optional.empty();
    List<String> evidence = new ArrayList<>(c.evidence());
    String text = mail.newText().isBlank() ? mail.text() : mail.newText();
    NewRequest request = new NewRequest(Channel.EMAIL, from.get(), c.type(),
        evidence, review, c.language().orElse("sv"), mail.subject(), text.length() > 20_000 ? text.substring(0, 20_000) : text,
        Optional.ofNullable(mail.messageId()).or(() -> Optional.of("ses:" + sesMessageId)), receivedAt);
    SubmitRequest.Result result = submit.submit(request);
    Outcome outcome = switch (result.outcome()) {
      case CREATED -> Outcome.REQUEST;
      case JOINED -> Outcome.JOINED;
      case DUPLICATE -> Outcome.DUPLICATE;
    };
    Map<String, String> details = new LinkedHashMap<>();
    details.put("type", request.type().wireName());
    review.ifPresent(r -> details.put("review", r));
    details.put("dmarc", String.valueOf(verdicts.dmarc()));
    details.put("mailed", Boolean.toString(result.mailed()));
    return done(sesMessageId, outcome, review.orElse("classified"), details, result.requestId());
  }

  private Result done(String sesMessageId, Outcome outcome, String reason, Map<String, String> details, String requestId) {
    Instant now = clock.instant();
    Map<String, String> all = new LinkedHashMap<>(details);
    all.put("reason", reason);
    if (requestId != null) {
      all.put("request", requestId);
    }
    log.record(sesMessageId, now, outcome, all,
        now.atZone(policy.timezone()).plus(policy.requests().keepUnverifiedFor()).toInstant());
    return new Result(outcome, Optional.ofNullable(requestId), reason);
  }
}
