package se.npprod.privacy.core.request;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import se.npprod.privacy.core.subject.EmailAddress;

/**
 * A rights request as the privacy team tracks it. {@code email} is where every answer goes: the
 * address the request came from, which verification proves the requester controls. {@code text} is
 * the request in the person's own words (the mail's new text or the form's free text).
 *
 * @param dueDate Art. 12(3): the answer is due by the end of this day (Europe/Stockholm)
 * @param evidence the words that decided the type, or the reason for manual review
 * @param expiresAt when the record itself goes (TTL backstop), by the policy's keep-periods
 */
public record PrivacyRequest(String id, RequestType type, Channel channel, RequestStatus status, String language,
    EmailAddress email, String subject, Instant receivedAt, LocalDate dueDate, Optional<Instant> verifiedAt,
    List<String> evidence, Optional<String> reviewReason, String text, Instant expiresAt) {

  public PrivacyRequest withStatus(RequestStatus next) {
    return new PrivacyRequest(id, type, channel, next, language, email, subject, receivedAt, dueDate, verifiedAt,
        evidence, reviewReason, text, expiresAt);
  }

  @Override
  public String toString() {
    return "PrivacyRequest[id=" + id + ", type=" + type + ", status=" + status + "]";
  }
}
