package se.npprod.privacy.core.extract;

import java.util.List;
import se.npprod.privacy.core.policy.Policy;

/**
 * What one system holds about the person. {@code status} says whether the system answered: an
 * extract never pretends a system holds nothing when it could not be asked.
 */
public record SystemData(String systemId, Policy.Text name, Status status, List<DataItem> items) {
  public enum Status { ANSWERED, UNAVAILABLE }
}
