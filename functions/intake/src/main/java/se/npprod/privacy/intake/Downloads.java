package se.npprod.privacy.intake;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** Where an extract's download link leads: the file a token allows, and a short-lived link to it. */
interface Downloads {
  record Allowed(String requestId, String key, String format, Instant validUntil) {}

  Optional<Allowed> find(String tokenHash);

  /** A link to the stored file that works for a minute. */
  URI link(String key);
}
