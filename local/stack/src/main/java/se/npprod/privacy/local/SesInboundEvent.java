package se.npprod.privacy.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The event SES gives a Lambda action for a received message, in the documented shape ("Invoke
 * Lambda function action" and "Contents of notifications for Amazon SES email receiving", Amazon
 * SES developer guide): {@code Records[0].ses.mail} and {@code .receipt}, no message content.
 */
final class SesInboundEvent {
  /** SES's notifications carry headers up to this size; the rest are left out and said to be. */
  static final int HEADERS_LIMIT_BYTES = 10 * 1024;
  /** The test hook header: {@code X-Local-SES-Verdicts: spam=FAIL, virus=FAIL, spf=PASS, dkim=FAIL, dmarc=FAIL}. */
  static final String VERDICTS_HOOK = "X-Local-SES-Verdicts";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private SesInboundEvent() {}

  /**
   * The receipt's verdicts. SES scans for spam and viruses only where the rule has ScanEnabled,
   * and checks SPF, DKIM and DMARC against DNS. Locally there is no scanner and no DNS: spam and
   * virus PASS (DISABLED without ScanEnabled), SPF, DKIM and DMARC GRAY (SES's "could not tell").
   * A message may set any of them with the header {@value #VERDICTS_HOOK}, a local test hook only
   * (SES knows no such header): that is how tests play spam, a virus or a forged sender.
   * {@code dmarcPolicy} appears only with a DMARC FAIL, as on SES ({@code none} unless the hook
   * names {@code quarantine} or {@code reject}).
   */
  record Verdicts(String spam, String virus, String spf, String dkim, String dmarc, String dmarcPolicy) {
    static Verdicts of(MailHeaders headers, boolean scanEnabled) {
      Map<String, String> set = new LinkedHashMap<>();
      headers.first(VERDICTS_HOOK).ifPresent(hook -> {
        for (String part : hook.split("[,;]")) {
          String[] kv = part.split("=", 2);
          if (kv.length == 2) {
            set.put(kv[0].strip().toLowerCase(Locale.ROOT), kv[1].strip());
          }
        }
      });
      String scanned = scanEnabled ? "PASS" : "DISABLED";
      String dmarc = verdict(set, "dmarc", "GRAY");
      return new Verdicts(verdict(set, "spam", scanned), verdict(set, "virus", scanned), verdict(set, "spf", "GRAY"),
          verdict(set, "dkim", "GRAY"), dmarc,
          dmarc.equals("FAIL") ? set.getOrDefault("dmarcpolicy", "none").toLowerCase(Locale.ROOT) : null);
    }

    private static String verdict(Map<String, String> set, String name, String otherwise) {
      return Optional.ofNullable(set.get(name)).map(v -> v.toUpperCase(Locale.ROOT)).orElse(otherwise);
    }
  }

  /**
   * @param receivedAt when SES had the whole message (mail.timestamp)
   * @param source the envelope sender (MAIL FROM)
   * @param destination every envelope recipient of the message
   * @param recipients the envelope recipients this rule matched
   * @param triggeredAt when the action was triggered (receipt.timestamp)
   */
  static byte[] forLambda(MailHeaders headers, Instant receivedAt, String source, String messageId,
      List<String> destination, List<String> recipients, Instant triggeredAt, Verdicts verdicts,
      String functionArn, String invocationType) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode record = root.putArray("Records").addObject();
    record.put("eventSource", "aws:ses");
    record.put("eventVersion", "1.0");
    ObjectNode ses = record.putObject("ses");

    ObjectNode mail = ses.putObject("mail");
    mail.put("timestamp", ISO_MILLIS.format(receivedAt));
    mail.put("source", source);
    mail.put("messageId", messageId);
    strings(mail.putArray("destination"), destination);
    ArrayNode list = JSON.createArrayNode();
    int size = 0;
    boolean truncated = false;
    for (MailHeaders.Header h : headers.all()) {
      size += h.name().length() + h.value().length();
      if (size > HEADERS_LIMIT_BYTES) {
        truncated = true;
        break;
      }
      list.addObject().put("name", h.name()).put("value", h.value());
    }
    mail.put("headersTruncated", truncated);
    mail.set("headers", list);
    ObjectNode common = mail.putObject("commonHeaders");
    headers.first("Return-Path").ifPresent(v -> common.put("returnPath", v.replaceAll("^<|>$", "")));
    addresses(common, "from", headers.addresses("From"));
    addresses(common, "sender", headers.addresses("Sender"));
    addresses(common, "replyTo", headers.addresses("Reply-To"));
    headers.first("Date").ifPresent(v -> common.put("date", v));
    addresses(common, "to", headers.addresses("To"));
    addresses(common, "cc", headers.addresses("Cc"));
    addresses(common, "bcc", headers.addresses("Bcc"));
    headers.first("Message-ID").ifPresent(v -> common.put("messageId", v));
    headers.first("Subject").ifPresent(v -> common.put("subject", MailHeaders.decode(v)));

    ObjectNode receipt = ses.putObject("receipt");
    receipt.put("timestamp", ISO_MILLIS.format(triggeredAt));
    receipt.put("processingTimeMillis", Math.max(0, triggeredAt.toEpochMilli() - receivedAt.toEpochMilli()));
    strings(receipt.putArray("recipients"), recipients);
    receipt.putObject("spamVerdict").put("status", verdicts.spam());
    receipt.putObject("virusVerdict").put("status", verdicts.virus());
    receipt.putObject("spfVerdict").put("status", verdicts.spf());
    receipt.putObject("dkimVerdict").put("status", verdicts.dkim());
    receipt.putObject("dmarcVerdict").put("status", verdicts.dmarc());
    if (verdicts.dmarcPolicy() != null) {
      receipt.put("dmarcPolicy", verdicts.dmarcPolicy());
    }
    receipt.putObject("action").put("type", "Lambda").put("functionArn", functionArn)
        .put("invocationType", invocationType);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addresses(ObjectNode common, String field, List<String> addresses) {
    if (!addresses.isEmpty()) {
      strings(common.putArray(field), addresses);
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
