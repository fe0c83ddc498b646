package se.npprod.privacy.core.extract;

import java.time.Instant;
import java.util.Map;

/**
 * One piece of data held about the person, as a system reports it: its data category (an id of
 * the policy's {@code dataCategories}), what kind of record it is ({@code order}, {@code invoice},
 * {@code supportContact}, {@code profile}, ...), when it arose, and its fields as the system holds
 * them (strings, numbers, booleans, lists and maps of those).
 */
public record DataItem(String category, String kind, Instant occurredAt, Map<String, Object> fields) {
  @Override
  public String toString() {
    return "DataItem[category=" + category + ", kind=" + kind + "]";
  }
}
