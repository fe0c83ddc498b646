package se.npprod.privacy.core.policy;

import java.util.List;

/** The policy file is broken; the message names every bad field. */
public class PolicyException extends RuntimeException {
  private final List<String> problems;

  public PolicyException(String source, List<String> problems) {
    super(source + " is not a valid policy:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
