package se.npprod.privacy.aws;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one table's shapes, in one place: attribute names as template.yaml declares them and every
 * key the adapters write. Keys carry no personal data: a visitor is a random id, a subject an HMAC.
 */
public final class Table {
  public static final String PK = "pk";
  public static final String SK = "sk";
  /** DynamoDB's TTL attribute: epoch seconds. Reads filter on it; the retention scan enforces it. */
  public static final String TTL = "expiresAt";
  /** Environment variable naming the table. */
  public static final String TABLE_NAME_ENV = "TABLE_NAME";

  /** Sort-key prefix of a visitor's consent decisions. */
  public static final String CONSENT_PREFIX = "CONSENT#";
  /** Sort key of a visitor's running count of decisions. */
  public static final String VISITOR_SUMMARY = "SUMMARY";
  /** Sort key of an archived banner revision. */
  public static final String BANNER_SK = "BANNER";

  /** Fixed width, so that sort keys order as time does. */
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Table() {}

  /** Partition of one visitor's consent decisions: {@code V#<consentId>}. */
  public static String visitor(String consentId) {
    return "V#" + consentId;
  }

  /** One decision: {@code CONSENT#<time to the microsecond>#<recordId>}, oldest first. */
  public static String consentDecision(Instant recordedAt, String recordId) {
    return CONSENT_PREFIX + SORTABLE.format(recordedAt) + "#" + recordId;
  }

  /** A visitor's count of decisions on one calendar day: {@code DAY#<yyyy-mm-dd>}, in the visitor's partition. */
  public static String consentDay(String day) {
    return "DAY#" + day;
  }

  /** Sort key of an archived consent interface. */
  public static final String INTERFACE_SK = "UI";

  /** Partition of one archived consent interface: {@code UI#<uiVersion>}. */
  public static String consentInterface(String uiVersion) {
    return "UI#" + uiVersion;
  }

  /** Partition of one archived banner revision: {@code BANNER#<revision>}. */
  public static String banner(int revision) {
    return "BANNER#" + revision;
  }
}
