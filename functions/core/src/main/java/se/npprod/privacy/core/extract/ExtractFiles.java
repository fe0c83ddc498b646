package se.npprod.privacy.core.extract;

import java.time.Instant;

/**
 * Port: where a rendered extract waits for its download (encrypted, deleted by a lifecycle rule),
 * and the links to it. A link's token is stored only as its hash; the file itself is served only
 * after the token is checked.
 */
public interface ExtractFiles {

  /** Stores one file of the extract; returns its storage key. */
  String store(String requestId, String fileName, String contentType, byte[] content, Instant keepUntil);

  /** Records a download token (its hash) for a stored file, valid until {@code validUntil}. */
  void allowDownload(String tokenHash, String requestId, String key, String format, Instant validUntil);
}
