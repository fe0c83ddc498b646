package se.npprod.privacy.core.request;

/** Port: sends mail (SES). */
public interface Outbox {
  /** @throws se.npprod.privacy.core.port.Unavailable when the mail service does not take it */
  void send(OutgoingMail mail);
}
