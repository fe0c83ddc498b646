package se.npprod.privacy.core.request;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.npprod.privacy.core.subject.EmailAddress;

/**
 * A request as it arrived, before it is stored: from the web form (the type chosen by the person)
 * or from a mail (the type found by {@link RequestClassifier}).
 *
 * @param reviewReason set when a person on the privacy team must read it first: unclear, more than
 *     one type, or about someone else; a code, not the person's words
 * @param messageId the mail's Message-ID, so the same mail twice makes one request
 */
public record NewRequest(Channel channel, EmailAddress email, RequestType type, List<String> evidence,
    Optional<String> reviewReason, String language, String subject, String text, Optional<String> messageId,
    Instant receivedAt) {

  @Override
  public String toString() {
    return "NewRequest[channel=" + channel + ", type=" + type + "]";
  }
}
