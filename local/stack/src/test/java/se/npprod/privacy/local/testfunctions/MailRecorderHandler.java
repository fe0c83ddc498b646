package se.npprod.privacy.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.Env;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Test-only function for SES inbound mail: for each record it reads the message SES stored (bucket
 * and key prefix from its environment, as a real function gets them from template.yaml), with the
 * S3 client functions use, and leaves in RECEIVED_DIR the object's bytes ({@code <messageId>.eml})
 * and what it read from the event ({@code <messageId>.properties}, written last). A message whose
 * subject contains {@code [fails twice]} fails its first two attempts, for the retry test.
 */
public class MailRecorderHandler implements RequestHandler<SesEvent, String> {
  private final S3Client s3 = AwsClients.s3();

  @Override
  public String handleRequest(SesEvent event, Context context) {
    Path dir = Path.of(Env.require("RECEIVED_DIR"));
    try {
      Files.createDirectories(dir);
      for (SesEvent.Record record : event.Records) {
        SesEvent.Mail mail = record.ses.mail;
        if (String.valueOf(mail.commonHeaders.subject).contains("[fails twice]") && attempt(dir, mail.messageId) <= 2) {
          throw new IllegalStateException("failing on purpose");
        }
        byte[] stored = s3.getObjectAsBytes(b -> b.bucket(Env.require("MAIL_BUCKET"))
            .key(Env.optional("MAIL_PREFIX").orElse("") + mail.messageId)).asByteArray();
        Files.write(dir.resolve(mail.messageId + ".eml"), stored);
        record(dir, mail.messageId, describe(record));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "ok";
  }

  private static int attempt(Path dir, String messageId) throws IOException {
    Path counter = dir.resolve(messageId + ".attempts");
    int attempt = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) + 1 : 1;
    Files.writeString(counter, Integer.toString(attempt));
    return attempt;
  }

  private static Properties describe(SesEvent.Record record) {
    SesEvent.Mail mail = record.ses.mail;
    SesEvent.Receipt receipt = record.ses.receipt;
    Properties p = new Properties();
    p.setProperty("eventSource", record.eventSource);
    p.setProperty("eventVersion", record.eventVersion);
    p.setProperty("mail.timestamp", mail.timestamp);
    p.setProperty("mail.source", mail.source);
    p.setProperty("mail.destination", join(mail.destination));
    p.setProperty("mail.headersTruncated", Boolean.toString(mail.headersTruncated));
    p.setProperty("mail.headerNames", join(mail.headers.stream().map(h -> h.name).toList()));
    p.setProperty("common.returnPath", mail.commonHeaders.returnPath);
    p.setProperty("common.from", join(mail.commonHeaders.from));
    p.setProperty("common.to", join(mail.commonHeaders.to));
    p.setProperty("common.date", mail.commonHeaders.date);
    p.setProperty("common.messageId", mail.commonHeaders.messageId);
    p.setProperty("common.subject", mail.commonHeaders.subject);
    p.setProperty("receipt.timestamp", receipt.timestamp);
    p.setProperty("receipt.recipients", join(receipt.recipients));
    p.setProperty("receipt.spam", receipt.spamVerdict.status);
    p.setProperty("receipt.virus", receipt.virusVerdict.status);
    p.setProperty("receipt.spf", receipt.spfVerdict.status);
    p.setProperty("receipt.dkim", receipt.dkimVerdict.status);
    p.setProperty("receipt.dmarc", receipt.dmarcVerdict.status);
    p.setProperty("receipt.dmarcPolicy", String.valueOf(receipt.dmarcPolicy));
    p.setProperty("action.type", receipt.action.type);
    p.setProperty("action.functionArn", receipt.action.functionArn);
    p.setProperty("action.invocationType", receipt.action.invocationType);
    return p;
  }

  private static String join(List<String> values) {
    return values == null ? "" : String.join("\n", values);
  }

  /** Written to a temporary file and moved, so that a test never reads half of it. */
  private static void record(Path dir, String messageId, Properties p) throws IOException {
    Path partial = dir.resolve(messageId + ".properties.partial");
    try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      p.store(out, null);
    }
    Files.move(partial, dir.resolve(messageId + ".properties"), StandardCopyOption.ATOMIC_MOVE);
  }
}
