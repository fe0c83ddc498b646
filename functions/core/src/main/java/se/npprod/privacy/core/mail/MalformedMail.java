package se.npprod.privacy.core.mail;

/**
 * Inbound mail that cannot be turned into an {@link InboundMail}. The message names the reason and
 * at most the type of an underlying failure, never anything from the mail: a library's own
 * message can quote a header (an address, a name), so no cause is chained either.
 */
public class MalformedMail extends Exception {
  /** Why the mail was refused; {@link #code()} is the short form for logs and records. */
  public enum Reason {
    /** Larger than the limit the caller set; not read past it. */
    TOO_LARGE("too-large"),
    /** No usable sender address in From: nobody to answer or to verify. */
    NO_FROM("no-from"),
    /** Multiparts or forwarded messages nested deeper than any mail program makes them. */
    TOO_DEEP("too-deep"),
    /** More body parts than any mail program makes. */
    TOO_MANY_PARTS("too-many-parts"),
    /** Not MIME at all, or broken in a way the lenient parser gave up on. */
    UNREADABLE("unreadable");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Reason reason;

  public MalformedMail(Reason reason) {
    super("Inbound mail is unusable: " + reason.code());
    this.reason = reason;
  }

  private MalformedMail(Reason reason, String failureType) {
    super("Inbound mail is unusable: " + reason.code() + " (" + failureType + ")");
    this.reason = reason;
  }

  /** A failure in the parser, named by its type only. */
  public static MalformedMail unreadable(Throwable failure) {
    return new MalformedMail(Reason.UNREADABLE, failure.getClass().getName());
  }

  public Reason reason() {
    return reason;
  }
}
