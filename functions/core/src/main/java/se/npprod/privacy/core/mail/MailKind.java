package se.npprod.privacy.core.mail;

/**
 * What sort of sender a mail came from. Only {@link #PERSONAL} mail is answered; the others are
 * recorded and left, so that two automatic senders never answer each other in a loop.
 */
public enum MailKind {
  /** Written by a person (or a program that does not say otherwise). */
  PERSONAL,
  /** Out-of-office notes, vacation replies, read receipts and other automatic answers. */
  AUTO_REPLY,
  /** A delivery failure report. */
  BOUNCE,
  /** Sent through a mailing list or as a newsletter. */
  MAILING_LIST
}
