package se.npprod.privacy.core.extract;

import java.time.Instant;
import java.util.List;

/** Port: everything this system's own table holds about a subject, as extract items. */
public interface OwnData {
  /** Items not past their deadline at {@code now} (expired items still come back from DynamoDB). */
  List<DataItem> items(String subject, Instant now);

  /** The customer numbers the registry knows for the subject: other systems are asked by them too. */
  List<String> customerNumbers(String subject);
}
