package se.npprod.privacy.aws;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

  // Data subjects: every key carries the subject's HMAC, never the address.

  /** Sort key of a subject's profile: contact details, systems, the 24-month clock. */
  public static final String PROFILE_SK = "PROFILE";
  public static final String ACTIVITY_PREFIX = "ACT#";
  public static final String INVOICE_PREFIX = "INV#";
  /** GSI "due": partition by the day something is due, sort by the item's partition key. */
  public static final String DUE_INDEX = "due";
  public static final String DUE_DAY = "dueDay";
  public static final String DUE_KEY = "dueKey";
  /** Sort-key prefix, in the "due" index, of everything the retention scan deletes or erases. */
  public static final String RETENTION_PREFIX = "RET#";

  /**
   * The day an item goes on the "due" index: its deadline, or today if that has passed (an old
   * order recorded late). The scan looks only a few days back, so nothing may be listed on a day
   * it has already passed for good.
   */
  public static String dueDay(LocalDate deadline, Clock clock) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    return (deadline.isBefore(today) ? today : deadline).toString();
  }

  /**
   * Lists an item on the "due" index for the retention scan the day after it expires (in UTC, so
   * that the scan, at night Swedish time, finds it past): a token past its validity, a consent
   * decision past its proof retention, a closed request's marker past its keep-period.
   */
  public static Map<String, AttributeValue> listForRetention(Map<String, AttributeValue> item, Instant expires) {
    item.put(DUE_DAY, AttributeValue.fromS(LocalDate.ofInstant(expires, ZoneOffset.UTC).plusDays(1).toString()));
    item.put(DUE_KEY, AttributeValue.fromS(retentionKey(item.get(PK).s(), item.get(SK).s())));
    return item;
  }

  /** An item's entry in the "due" index for the retention scan: {@code RET#<pk>#<sk>}, unique per day. */
  public static String retentionKey(String pk, String sk) {
    return RETENTION_PREFIX + pk + "#" + sk;
  }

  /** Partition of one data subject: {@code S#<subject HMAC>}. */
  public static String subject(String subject) {
    return "S#" + subject;
  }

  /** One activity (order, support contact, account change): {@code ACT#<time>#<eventId>}, oldest first. */
  public static String activity(Instant occurredAt, String eventId) {
    return ACTIVITY_PREFIX + SORTABLE.format(occurredAt) + "#" + eventId;
  }

  /** A person's legal hold: {@code H#<subject HMAC>}, outside their partition so that it outlives an erasure. */
  public static String hold(String subject) {
    return "H#" + subject;
  }

  /** One invoice: {@code INV#<invoice number>}; its accounting fields outlive the rest (bookkeeping). */
  public static String invoice(String invoiceNumber) {
    return INVOICE_PREFIX + invoiceNumber;
  }

  /** The person's open request of one type, in the subject's partition: {@code OPEN#<type>}. */
  public static String openRequest(String type) {
    return "OPEN#" + type;
  }

  // Rights requests.

  public static final String REQUEST_SK = "REQUEST";
  public static final String EVENT_PREFIX = "EVENT#";
  public static final String TOKEN_SK = "TOKEN";
  public static final String MESSAGE_SK = "MESSAGE";

  /** Partition of one request: {@code R#<request id>}: the request, its audit events. */
  public static String request(String requestId) {
    return "R#" + requestId;
  }

  /** One audit event: {@code EVENT#<time>#<n>}, oldest first. */
  public static String auditEvent(Instant at, String unique) {
    return EVENT_PREFIX + SORTABLE.format(at) + "#" + unique;
  }

  /** A confirmation link's token, by its SHA-256: {@code TOKEN#<hash>}. */
  public static String token(String hash) {
    return "TOKEN#" + hash;
  }

  /** A mail already taken in, by the hash of its Message-ID: {@code MSG#<hash>}. */
  public static String message(String key) {
    return "MSG#" + key;
  }

  /** Mail sent to one subject on one day (a counter): {@code LIMIT#MAIL#<subject>} / {@code DAY#<day>}. */
  public static String mailAllowance(String subject) {
    return "LIMIT#MAIL#" + subject;
  }

  /** Form posts from one client network (hashed) in one hour: {@code LIMIT#NET#<hash>} / {@code HOUR#<hour>}. */
  public static String networkAllowance(String networkHash) {
    return "LIMIT#NET#" + networkHash;
  }

  /** Sort key of an extract's download link. */
  public static final String DOWNLOAD_SK = "DOWNLOAD";

  /** An extract's download link, by its token's SHA-256: {@code DL#<hash>}. */
  public static String download(String hash) {
    return "DL#" + hash;
  }

  /** Sort key of a received mail's log entry. */
  public static final String MAIL_SK = "MAIL";

  /** A mail SES received, by its SES message id: {@code MAIL#<id>}; codes only, no address. */
  public static String inboundMail(String sesMessageId) {
    return "MAIL#" + sesMessageId;
  }

  /** Sort-key prefix of a request's follow-ups (remind, expire), listed in the "due" index by day. */
  public static final String FOLLOW_UP_PREFIX = "FOLLOWUP#";

  /**
   * Partition of an erased person's tombstones: {@code T#<subject HMAC>}, one item per erasure
   * ({@code ERASED#<request id>}). No address: only somebody holding the key can match it.
   */
  public static String tombstone(String subject) {
    return "T#" + subject;
  }

  /** A processor's confirmation link's token, by its SHA-256: {@code PTOKEN#<hash>}. */
  public static String processorToken(String hash) {
    return "PTOKEN#" + hash;
  }
}
