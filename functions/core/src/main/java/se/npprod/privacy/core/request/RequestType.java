package se.npprod.privacy.core.request;

import java.util.Arrays;
import java.util.Optional;

/** Which right a data subject's request invokes; UNKNOWN when a person has to read it. */
public enum RequestType {
  /** Art. 15: a register extract. */
  ACCESS("access"),
  /** Art. 17. */
  ERASURE("erasure"),
  /** Art. 16. */
  RECTIFICATION("rectification"),
  /** Art. 18. */
  RESTRICTION("restriction"),
  /** Art. 21: to profiling or to direct marketing. */
  OBJECTION("objection"),
  UNKNOWN("unknown");

  private final String wire;

  RequestType(String wire) {
    this.wire = wire;
  }

  @com.fasterxml.jackson.annotation.JsonValue
  public String wireName() {
    return wire;
  }

  public static Optional<RequestType> fromWire(String value) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
  }
}
