package se.npprod.privacy.core.subject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A data subject's key: HMAC-SHA256 of the normalised email address under a secret key. Table keys,
 * logs and tombstones carry this, never the address: without the secret nobody can test whether an
 * address is in the table, and a tombstone can still recognise an erased person who comes back.
 */
public final class SubjectKeys {
  /** HMAC-SHA256 keys shorter than the hash itself weaken it (RFC 2104 §3). */
  public static final int MIN_SECRET_BYTES = 32;

  private final SecretKeySpec secret;

  public SubjectKeys(byte[] secret) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the subject key secret must have at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  /** 64 lower-case hex characters. */
  public String of(EmailAddress address) {
    try {
      // A Mac is not thread-safe and cheap to make; one per call keeps this class shareable.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      return HexFormat.of().formatHex(mac.doFinal(address.value().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
