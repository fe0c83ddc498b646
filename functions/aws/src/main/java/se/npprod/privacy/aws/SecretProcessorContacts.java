package se.npprod.privacy.aws;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import se.npprod.privacy.core.erasure.ProcessorContacts;
import se.npprod.privacy.core.subject.EmailAddress;

/** Processors' privacy contacts, from the connector secret: {@code {"<system id>":{"email":…}}}. */
public final class SecretProcessorContacts implements ProcessorContacts {
  private final ConnectorSecret secret;

  public SecretProcessorContacts(Supplier<String> secret, Clock clock) {
    this.secret = new ConnectorSecret(secret, clock);
  }

  @Override
  public Optional<EmailAddress> contact(String systemId) {
    return secret.system(systemId).flatMap(s -> EmailAddress.parse(s.path("email").asText(null)));
  }
}
