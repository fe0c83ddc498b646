package se.npprod.privacy.core.port;

/**
 * A dependency (the table, a queue, a mail service) did not answer in time or refused for its own
 * reasons. Nothing the caller sent is at fault, and nothing was written on its behalf unless the
 * store says otherwise: the caller may try again later.
 */
public class Unavailable extends RuntimeException {
  private final String dependency;

  public Unavailable(String dependency, Throwable cause) {
    super(dependency + " is unavailable: " + cause.getClass().getSimpleName(), cause);
    this.dependency = dependency;
  }

  /** The dependency by role ("table", "queue"), never by anything a caller sent. */
  public String dependency() {
    return dependency;
  }
}
