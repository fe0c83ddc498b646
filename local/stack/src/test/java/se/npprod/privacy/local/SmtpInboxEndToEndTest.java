package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.client.SMTPClient;
import org.subethamail.smtp.client.SMTPException;
import org.subethamail.smtp.client.SmartClient;
import se.npprod.privacy.local.emulators.RepoRoot;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Mail in through the local stack as SES receives it: SMTP to the stack's listener, the receipt
 * rule of mail-template.yaml storing the message in S3 and invoking a test function (in its own
 * JVM, under the Lambda runtime) asynchronously, which reads the object back with the functions'
 * S3 client and records what it got.
 */
class SmtpInboxEndToEndTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static LocalStack stack;
  private static Path received;
  private static int port;

  @BeforeAll
  static void start() throws IOException {
    Path root = RepoRoot.find();
    Path taskRoot = MailFunctionCode.layOut(root.resolve("local/stack/target/mail-function"));
    received = taskRoot.resolve("received");
    stack = LocalStack.start(0, root.resolve("local/stack/src/test/resources/mail-template.yaml"));
    port = stack.smtpInbox().orElseThrow().port();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static final String SUBJECT = "=?UTF-8?Q?Beg=C3=A4ran_om_registerutdrag?=";

  private static String message(String messageIdHeader, String extraHeaders, String body) {
    return message(messageIdHeader, SUBJECT, extraHeaders, body);
  }

  private static String message(String messageIdHeader, String subject, String extraHeaders, String body) {
    return "From: \"Karin Kund\" <kund@example.se>\r\n"
        + "To: info@npprod.se\r\n"
        + "Subject: " + subject + "\r\n"
        + "Date: Wed, 25 Nov 2026 10:15:30 +0100\r\n"
        + "Message-ID: " + messageIdHeader + "\r\n"
        + extraHeaders
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n"
        + "Content-Transfer-Encoding: 8bit\r\n"
        + "\r\n"
        + body;
  }

  private static String newMessageIdHeader() {
    return "<" + UUID.randomUUID() + "@example.se>";
  }

  /** One SMTP transaction, as a mail server delivering to SES would run it. */
  private static void send(String from, List<String> to, byte[] message) throws IOException {
    SmartClient client = SmartClient.createAndConnect("127.0.0.1", port, "mail.example.se");
    try {
      client.from(from);
      for (String recipient : to) {
        client.to(recipient);
      }
      client.dataStart();
      client.dataWrite(message);
      client.dataEnd();
    } finally {
      client.quit();
    }
  }

  /** What the function recorded for the message with this Message-ID header, once it has run. */
  private static Properties awaitRecorded(String messageIdHeader) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      Optional<Properties> found = recorded(messageIdHeader);
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the function recorded no message " + messageIdHeader + " within " + PATIENCE);
  }

  private static Optional<Properties> recorded(String messageIdHeader) throws IOException {
    if (!Files.isDirectory(received)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(received)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          p.load(in);
        }
        if (messageIdHeader.equals(p.getProperty("common.messageId"))) {
          p.setProperty("sesMessageId", file.getFileName().toString().replace(".properties", ""));
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  @Test
  void deliversAMessageToTheFunctionAsAnSesLambdaActionWithTheRawMessageInS3() throws Exception {
    String id = newMessageIdHeader();
    byte[] sent = message(id, "", "Hej!\r\n\r\nJag vill ha ut mina uppgifter.\r\n.En rad som b\u00f6rjar med punkt.\r\n"
        + "H\u00e4lsningar, Karin\r\n").getBytes(StandardCharsets.UTF_8);

    send("kund@example.se", List.of("info@npprod.se"), sent);
    Properties event = awaitRecorded(id);

    assertThat(event.getProperty("eventSource")).isEqualTo("aws:ses");
    assertThat(event.getProperty("eventVersion")).isEqualTo("1.0");
    assertThat(event.getProperty("mail.source")).isEqualTo("kund@example.se");
    assertThat(event.getProperty("mail.destination")).isEqualTo("info@npprod.se");
    assertThat(event.getProperty("mail.headersTruncated")).isEqualTo("false");
    assertThat(event.getProperty("mail.headerNames").split("\n"))
        .startsWith("Return-Path", "Received", "From", "To", "Subject", "Date", "Message-ID");
    assertThat(event.getProperty("common.returnPath")).isEqualTo("kund@example.se");
    assertThat(event.getProperty("common.from")).isEqualTo("\"Karin Kund\" <kund@example.se>");
    assertThat(event.getProperty("common.to")).isEqualTo("info@npprod.se");
    assertThat(event.getProperty("common.date")).isEqualTo("Wed, 25 Nov 2026 10:15:30 +0100");
    assertThat(event.getProperty("common.subject")).isEqualTo("Beg\u00e4ran om registerutdrag");
    assertThat(event.getProperty("receipt.recipients")).isEqualTo("info@npprod.se");
    assertThat(event.getProperty("receipt.spam")).isEqualTo("PASS");
    assertThat(event.getProperty("receipt.virus")).isEqualTo("PASS");
    assertThat(event.getProperty("receipt.spf")).isEqualTo("GRAY");
    assertThat(event.getProperty("receipt.dkim")).isEqualTo("GRAY");
    assertThat(event.getProperty("receipt.dmarc")).isEqualTo("GRAY");
    assertThat(event.getProperty("receipt.dmarcPolicy")).isEqualTo("null");
    assertThat(event.getProperty("action.type")).isEqualTo("Lambda");
    assertThat(event.getProperty("action.functionArn"))
        .isEqualTo("arn:aws:lambda:eu-north-1:000000000000:function:MailFunction");
    assertThat(event.getProperty("action.invocationType")).isEqualTo("Event");

    String sesMessageId = event.getProperty("sesMessageId");
    assertThat(sesMessageId).matches("[a-z0-9]{40}");
    byte[] readByFunction = Files.readAllBytes(received.resolve(sesMessageId + ".eml"));
    String stamp = new String(readByFunction, 0, readByFunction.length - sent.length, StandardCharsets.UTF_8);
    assertThat(stamp).startsWith("Return-Path: <kund@example.se>\r\nReceived: from mail.example.se ")
        .contains("with SMTP id " + sesMessageId).endsWith("(UTC)\r\n");
    assertThat(Arrays.copyOfRange(readByFunction, readByFunction.length - sent.length, readByFunction.length))
        .as("after SES's two fields, exactly the bytes sent").isEqualTo(sent);
    try (S3Client s3 = stack.cloud().emulators().endpoints().s3Client()) {
      assertThat(s3.getObjectAsBytes(b -> b.bucket("mailbucket").key("inbound/" + sesMessageId)).asByteArray())
          .isEqualTo(readByFunction);
    }
  }

  @Test
  void theLocalVerdictsHeaderPlaysSpamAndAForgedSender() throws Exception {
    String id = newMessageIdHeader();
    byte[] sent = message(id, "X-Local-SES-Verdicts: spam=FAIL, spf=FAIL, dkim=FAIL, dmarc=FAIL, dmarcPolicy=reject\r\n",
        "Vinn en resa!\r\n").getBytes(StandardCharsets.UTF_8);

    send("kund@example.se", List.of("info@npprod.se"), sent);
    Properties event = awaitRecorded(id);

    assertThat(event.getProperty("receipt.spam")).isEqualTo("FAIL");
    assertThat(event.getProperty("receipt.virus")).isEqualTo("PASS");
    assertThat(event.getProperty("receipt.spf")).isEqualTo("FAIL");
    assertThat(event.getProperty("receipt.dkim")).isEqualTo("FAIL");
    assertThat(event.getProperty("receipt.dmarc")).isEqualTo("FAIL");
    assertThat(event.getProperty("receipt.dmarcPolicy")).isEqualTo("reject");
  }

  @Test
  void refusesWith550ARecipientThatNoEnabledRuleCovers() throws Exception {
    SmartClient client = SmartClient.createAndConnect("127.0.0.1", port, "mail.example.se");
    try {
      client.from("kund@example.se");

      assertThatThrownBy(() -> client.to("someone@example.org")).isInstanceOfSatisfying(SMTPException.class,
          e -> assertThat(e.getResponse().getCode()).isEqualTo(550));
      assertThatThrownBy(() -> client.to("off@npprod.se")).as("its rule is not Enabled")
          .isInstanceOfSatisfying(SMTPException.class, e -> assertThat(e.getResponse().getCode()).isEqualTo(550));
      client.to("INFO@npprod.se"); // addresses match without regard to case
    } finally {
      client.quit();
    }
  }

  @Test
  void takesAFiveMegabyteMessageWhole() throws Exception {
    String id = newMessageIdHeader();
    StringBuilder body = new StringBuilder();
    String line = "Bilaga: kvitto ".repeat(5) + "\r\n";
    while (body.length() < 5 * 1024 * 1024) {
      body.append(line);
    }
    byte[] sent = message(id, "", body.toString()).getBytes(StandardCharsets.UTF_8);

    send("kund@example.se", List.of("info@npprod.se"), sent);
    Properties event = awaitRecorded(id);

    byte[] stored = Files.readAllBytes(received.resolve(event.getProperty("sesMessageId") + ".eml"));
    assertThat(stored.length).isGreaterThan(5 * 1024 * 1024);
    assertThat(Arrays.copyOfRange(stored, stored.length - sent.length, stored.length)).isEqualTo(sent);
  }

  @Test
  void refusesWith552AMessageOverFortyMegabytes() throws Exception {
    SMTPClient declared = SMTPClient.createAndConnect("127.0.0.1", port);
    try {
      declared.receiveAndCheck(); // the greeting
      declared.sendReceive("EHLO mail.example.se");
      assertThat(declared.sendReceive("MAIL FROM:<kund@example.se> SIZE=" + (SmtpInbox.MAX_MESSAGE_BYTES + 1)).getCode())
          .isEqualTo(552);
    } finally {
      declared.close();
    }

    byte[] chunk = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    SmartClient client = SmartClient.createAndConnect("127.0.0.1", port, "mail.example.se");
    try {
      client.from("kund@example.se");
      client.to("info@npprod.se");
      client.dataStart();
      client.dataWrite(message(newMessageIdHeader(), "", "").getBytes(StandardCharsets.UTF_8));
      for (long written = 0; written <= SmtpInbox.MAX_MESSAGE_BYTES; written += chunk.length) {
        client.dataWrite(chunk);
      }

      assertThatThrownBy(client::dataEnd).isInstanceOfSatisfying(SMTPException.class,
          e -> assertThat(e.getResponse().getCode()).isEqualTo(552));
    } finally {
      client.quit();
    }
  }

  @Test
  void answers250BeforeTheFunctionRunsAndRetriesAFailedInvocationTwice() throws Exception {
    String id = newMessageIdHeader();
    byte[] sent = message(id, "[fails twice] Radera mina uppgifter", "", "Hej\r\n").getBytes(StandardCharsets.UTF_8);

    send("kund@example.se", List.of("info@npprod.se"), sent);
    boolean doneBeforeAnswer = recorded(id).isPresent();
    Properties event = awaitRecorded(id);

    assertThat(doneBeforeAnswer).as("the function still had two failures and 3 s of retry delays ahead").isFalse();
    String sesMessageId = event.getProperty("sesMessageId");
    assertThat(Files.readString(received.resolve(sesMessageId + ".attempts")).trim()).isEqualTo("3");
  }
}
