package se.npprod.privacy.core.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A register extract (Art. 15): everything every system holds about the person, gathered for one
 * verified request. The information of Art. 15(1)(a)–(h) is added from the policy when rendered.
 *
 * @param email the verified address the request came from (the extract goes only there)
 * @param requestReceivedAt when the request was received; {@code dueDate} the Art. 12(3) limit
 */
public record Extract(String requestId, String caseNumber, String language, String email, Instant requestReceivedAt,
    LocalDate dueDate, Instant generatedAt, List<SystemData> systems) {

  /** Whether any system holds anything about the person. */
  public boolean holdsAnything() {
    return systems.stream().anyMatch(s -> !s.items().isEmpty());
  }

  public long itemCount() {
    return systems.stream().mapToLong(s -> s.items().size()).sum();
  }

  @Override
  public String toString() {
    return "Extract[request=" + requestId + ", items=" + itemCount() + "]";
  }
}
