package se.npprod.privacy.core.request;

import se.npprod.privacy.core.subject.EmailAddress;

/** A mail to one person: a plain-text body and the same as simple HTML. */
public record OutgoingMail(EmailAddress to, String subject, String text, String html, String requestId, String kind) {
  @Override
  public String toString() {
    return "OutgoingMail[kind=" + kind + ", request=" + requestId + "]";
  }
}
