package se.npprod.privacy.aws;

import java.util.List;
import java.util.Optional;
import se.npprod.privacy.core.request.OutgoingMail;
import se.npprod.privacy.core.request.Outbox;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageTag;

/**
 * Mail through SES (API v2): a simple message with a text and an HTML part, from the privacy
 * address. Tags carry the request id and the mail's kind, never the address, so that SES's bounce
 * and complaint events can be traced back to the request.
 */
public final class SesOutbox implements Outbox {
  /** The sender, e.g. {@code NP Produkter <info@npprod.se>}: an identity verified in SES. */
  public static final String FROM_ENV = "MAIL_FROM";
  /** Optional: the configuration set that publishes delivery, bounce and complaint events. */
  public static final String CONFIGURATION_SET_ENV = "SES_CONFIGURATION_SET";

  private final SesV2Client ses;
  private final String from;
  private final Optional<String> configurationSet;

  public SesOutbox(SesV2Client ses, String from, Optional<String> configurationSet) {
    this.ses = ses;
    this.from = from;
    this.configurationSet = configurationSet;
  }

  @Override
  public void send(OutgoingMail mail) {
    Dependency.call("mail", () -> ses.sendEmail(b -> {
      b.fromEmailAddress(from)
          .destination(d -> d.toAddresses(mail.to().value()))
          .content(c -> c.simple(m -> m
              .subject(t -> t.data(mail.subject()).charset("UTF-8"))
              .body(body -> body.text(t -> t.data(mail.text()).charset("UTF-8"))
                  .html(t -> t.data(mail.html()).charset("UTF-8")))))
          .emailTags(List.of(
              MessageTag.builder().name("request").value(mail.requestId()).build(),
              MessageTag.builder().name("kind").value(mail.kind()).build()));
      configurationSet.ifPresent(b::configurationSetName);
    }));
  }
}
