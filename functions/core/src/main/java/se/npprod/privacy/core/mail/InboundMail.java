package se.npprod.privacy.core.mail;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A received mail as the intake needs it: who sent it, what it says, and what sort of mail it is.
 * Made from the raw message by the mail module; nothing here depends on a MIME library.
 *
 * @param messageId the Message-ID without angle brackets; null when missing or unusable
 * @param from the first mailbox of From
 * @param replyTo the first mailbox of Reply-To. Anyone can set it: a verification link or an
 *     extract goes to the address whose data it is, never here
 * @param to the addresses in To (not Cc), domains lower-cased
 * @param subject decoded, on one line; empty when missing
 * @param date the sender's Date; null when missing or unparseable
 * @param text the whole body as plain text, line ends {@code \n}: the plain-text alternative when
 *     there is one, else the HTML's text; a forwarded message/rfc822 follows under a
 *     "---------- Forwarded message ---------" line with its From, Date, Subject and To
 * @param newText {@code text} without quoted earlier messages and signature, for classification;
 *     in a forward, only what the forwarder wrote (empty when they wrote nothing)
 * @param forwarded whether the mail forwards another (inline or as message/rfc822)
 * @param attachments every part that is not the text, in order; the attachments of a forwarded
 *     message/rfc822 follow the entry for that message
 * @param sizeBytes the size of the raw message
 */
public record InboundMail(
    String messageId,
    Address from,
    Optional<Address> replyTo,
    List<String> to,
    String subject,
    Instant date,
    String text,
    String newText,
    boolean forwarded,
    MailKind kind,
    List<Attachment> attachments,
    long sizeBytes) {

  public InboundMail {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(replyTo, "replyTo");
    to = List.copyOf(to);
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(newText, "newText");
    Objects.requireNonNull(kind, "kind");
    attachments = List.copyOf(attachments);
  }

  /** Only what says nothing about the sender or the content, so that a logged mail discloses nobody. */
  @Override
  public String toString() {
    return "InboundMail[kind=" + kind + ", forwarded=" + forwarded + ", attachments="
        + attachments.size() + ", sizeBytes=" + sizeBytes + "]";
  }
}
