package se.npprod.privacy.core.request;

/** Builds the confirmation link a token travels in (the deployment's public API address). */
public interface VerificationLinks {
  String verify(VerificationToken token);

  /** Links under {@code baseUrl}: {@code <baseUrl>/requests/verify?token=…}. */
  static VerificationLinks under(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return token -> base + "/requests/verify?token=" + token.value();
  }
}
