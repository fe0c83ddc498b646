package se.npprod.privacy.core.extract;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** Port: where an extract's download link leads: the file a token allows, and a short-lived link to it. */
public interface ExtractDownloads {
  /** A download link's stored half: whose request, which file, in which format, until when. */
  record Allowed(String requestId, String key, String format, Instant validUntil) {}

  /** The download a token (by its hash) allows, if any, expired or not: the caller tells the person which. */
  Optional<Allowed> find(String tokenHash);

  /** A link to the stored file that works for a minute, handed out only after a token was checked. */
  URI link(String key);
}
