package se.npprod.privacy.aws;

import java.util.function.Supplier;
import se.npprod.privacy.core.port.Unavailable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns an AWS call that failed for the service's reasons (no answer in time, no connection,
 * throttling, a 5xx) into {@link Unavailable}, which the HTTP layer answers with 503 and
 * {@code Retry-After}. Answers about the request itself (a failed condition, a validation error,
 * access denied) pass through unchanged: those are the caller's or the deployment's to fix.
 */
public final class Dependency {
  private Dependency() {}

  public static <T> T call(String dependency, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkClientException e) {
      throw new Unavailable(dependency, e);
    } catch (AwsServiceException e) {
      if (e.isThrottlingException() || e.statusCode() >= 500) {
        throw new Unavailable(dependency, e);
      }
      throw e;
    }
  }
}
