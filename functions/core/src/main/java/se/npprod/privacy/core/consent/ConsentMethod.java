package se.npprod.privacy.core.consent;

import java.util.Arrays;
import java.util.Optional;

/** How the visitor made the decision: which button, or which signal. */
public enum ConsentMethod {
  ACCEPT_ALL("accept_all"),
  REJECT_ALL("reject_all"),
  CUSTOM("custom"),
  WITHDRAW("withdraw"),
  /** Global Privacy Control turned marketing off; the rest was the visitor's choice. */
  GPC("gpc");

  private final String wire;

  ConsentMethod(String wire) {
    this.wire = wire;
  }

  @com.fasterxml.jackson.annotation.JsonValue
  public String wire() {
    return wire;
  }

  public static Optional<ConsentMethod> fromWire(String value) {
    return Arrays.stream(values()).filter(m -> m.wire.equals(value)).findFirst();
  }
}
