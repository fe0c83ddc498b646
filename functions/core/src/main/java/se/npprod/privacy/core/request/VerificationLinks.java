package se.npprod.privacy.core.request;

/**
 * The links mails carry, under the deployment's public API address: a confirmation link
 * ({@code /requests/verify?token=…}) and an extract's download link ({@code /requests/download?token=…}).
 */
public final class VerificationLinks {
  private final String base;

  private VerificationLinks(String base) {
    this.base = base;
  }

  public static VerificationLinks under(String baseUrl) {
    return new VerificationLinks(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
  }

  public String verify(VerificationToken token) {
    return base + "/requests/verify?token=" + token.value();
  }

  /** Where a processor asked by mail confirms an erasure: {@code /processors/confirm?token=…}. */
  public String processor(VerificationToken token) {
    return base + "/processors/confirm?token=" + token.value();
  }

  public String download(VerificationToken token) {
    return base + "/requests/download?token=" + token.value();
  }
}
