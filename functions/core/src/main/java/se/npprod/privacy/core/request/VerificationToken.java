package se.npprod.privacy.core.request;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret in a confirmation link: 32 random bytes, URL-safe. Only its SHA-256 is stored, so the
 * table alone cannot confirm anybody's request; a token too short or too long is never looked up.
 */
public record VerificationToken(String value) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public static VerificationToken generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new VerificationToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** Whether a string from a link can be a token at all (43 URL-safe base64 characters). */
  public static boolean wellFormed(String value) {
    return value != null && value.matches("[A-Za-z0-9_-]{43}");
  }

  public String hash() {
    return hash(value);
  }

  public static String hash(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "VerificationToken[…]";
  }
}
