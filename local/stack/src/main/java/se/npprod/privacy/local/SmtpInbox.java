package se.npprod.privacy.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import se.npprod.privacy.local.ReceiptRuleSet.Action;
import se.npprod.privacy.local.RuntimeApi.Outcome;
import se.npprod.privacy.local.emulators.Endpoints;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Mail in, as Amazon SES receives it for template.yaml's receipt rules: an SMTP listener on
 * loopback that accepts a recipient only if an enabled rule covers it (550 otherwise) and a
 * message of at most 40 MB (552 beyond), then plays the rules in order for the message. An S3
 * action stores the message at {@code <ObjectKeyPrefix><messageId>}: the bytes received, after the
 * Return-Path and Received fields SES puts in front. A Lambda action with InvocationType Event
 * queues the SES event for the function and the transaction ends with 250 before the function
 * runs, as on SES; with RequestResponse the function runs first and its {@code disposition}
 * (STOP_RULE, STOP_RULE_SET) is obeyed. The S3 actions complete before the 250, so a function
 * always finds the object.
 *
 * <p>Nothing of a message (addresses, subject, body) is logged: only SES message ids.
 */
public final class SmtpInbox implements AutoCloseable {
  /** SES's limit for a received message, headers included. */
  static final int MAX_MESSAGE_BYTES = 40 * 1024 * 1024;
  private static final String HOST = "inbound-smtp.local";
  private static final String FUNCTION_ARN_PREFIX = "arn:aws:lambda:" + Endpoints.REGION + ":000000000000:function:";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final DateTimeFormatter RECEIVED_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z '(UTC)'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final ReceiptRuleSet rules;
  private final S3Client s3;
  private final Map<String, FunctionPool> functions;
  private final AsyncInvoker invoker;
  private final Clock clock;
  private final SMTPServer server;

  private SmtpInbox(int port, ReceiptRuleSet rules, S3Client s3, Map<String, FunctionPool> functions,
      AsyncInvoker invoker, Clock clock) {
    this.rules = rules;
    this.s3 = s3;
    this.functions = Map.copyOf(functions);
    this.invoker = invoker;
    this.clock = clock;
    this.server = SMTPServer.port(port)
        .bindAddress(InetAddress.getLoopbackAddress())
        .hostName(HOST)
        .softwareName("NP Produkter local stack (as Amazon SES inbound)")
        .maxMessageSize(MAX_MESSAGE_BYTES)
        .insertReceivedHeaders(false) // SES's own Received field is put in front by stamped(), once
        .messageHandlerFactory(Transaction::new)
        .build();
  }

  /**
   * Starts listening on 127.0.0.1:{@code port} (0: a free port).
   *
   * @param s3 where S3 actions store mail; closed with the inbox
   * @param functions the running functions by logical id; every Lambda action must name one
   */
  static SmtpInbox start(int port, ReceiptRuleSet rules, S3Client s3, Map<String, FunctionPool> functions,
      AsyncInvoker invoker, Clock clock) {
    Set<String> notPlayed = new TreeSet<>();
    for (ReceiptRuleSet.Rule rule : rules.rules()) {
      for (Action action : rule.actions()) {
        if (action instanceof Action.Lambda lambda && !functions.containsKey(lambda.functionId())) {
          s3.close();
          throw new IllegalStateException("receipt rule " + rule.name() + " invokes " + lambda.functionId()
              + ", which is not a function of the template");
        }
        if (action instanceof Action.NotPlayed skipped) {
          notPlayed.add(skipped.type());
        }
      }
    }
    if (!notPlayed.isEmpty()) {
      System.err.println("local stack: receipt rule actions not played locally: " + String.join(", ", notPlayed));
    }
    try {
      SmtpInbox inbox = new SmtpInbox(port, rules, s3, functions, invoker, clock);
      inbox.server.start();
      return inbox;
    } catch (RuntimeException e) {
      s3.close();
      throw e;
    }
  }

  public int port() {
    return server.getPortAllocated();
  }

  /** The addresses the enabled rules name (empty: a rule that covers every recipient). */
  public List<String> recipients() {
    return rules.recipients();
  }

  /** One mail transaction (MAIL, RCPT..., DATA), as SubEthaSMTP hands it over. */
  private final class Transaction implements MessageHandler {
    private final MessageContext context;
    private String source = "";
    private final List<String> recipients = new ArrayList<>();

    Transaction(MessageContext context) {
      this.context = context;
    }

    @Override
    public void from(String from) {
      source = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
      if (!rules.accepts(recipient)) {
        throw new RejectException(550, "5.1.1 Recipient address rejected: no active receipt rule covers it");
      }
      recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
      byte[] message = readAtMost(data, MAX_MESSAGE_BYTES);
      if (message == null) {
        throw new RejectException(552, "5.3.4 Message too large: Amazon SES accepts at most 40 MB");
      }
      Instant received = clock.instant();
      String messageId = messageId();
      try {
        receive(stamped(message, messageId, received), messageId, received);
      } catch (SdkException | UncheckedIOException e) {
        System.err.println("local stack: could not store received mail " + messageId + ": " + e.getClass().getSimpleName());
        throw new RejectException(451, "4.3.0 Temporary local failure; try again later");
      }
      return "Ok " + messageId;
    }

    /** SES's Return-Path and Received fields, then the message exactly as it came. */
    private byte[] stamped(byte[] message, String messageId, Instant received) {
      String helo = context.getHelo().orElse("unknown");
      String ip = context.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "127.0.0.1";
      String fields = "Return-Path: <" + source + ">\r\n"
          + "Received: from " + helo + " (" + helo + " [" + ip + "])\r\n"
          + " by " + HOST + " with SMTP id " + messageId + "\r\n"
          + " for " + recipients.get(0) + ";\r\n"
          + " " + RECEIVED_DATE.format(received) + "\r\n";
      return prepend(fields, message);
    }

    private void receive(byte[] asReceived, String messageId, Instant received) {
      byte[] message = asReceived; // an AddHeader action changes it for the actions after it
      for (ReceiptRuleSet.Rule rule : rules.rules()) {
        List<String> matched = recipients.stream().filter(r -> rule.enabled() && rule.covers(r)).toList();
        if (matched.isEmpty()) {
          continue;
        }
        RuleEnd end = RuleEnd.CONTINUE;
        for (Action action : rule.actions()) {
          if (action instanceof Action.S3 store) {
            s3.putObject(PutObjectRequest.builder().bucket(store.bucket()).key(store.prefix() + messageId).build(),
                RequestBody.fromBytes(message));
          } else if (action instanceof Action.AddHeader header) {
            message = prepend(header.name() + ": " + header.value() + "\r\n", message);
          } else if (action instanceof Action.Lambda lambda) {
            end = invoke(lambda, rule, message, messageId, received, matched);
          } else if (action instanceof Action.Stop) {
            end = RuleEnd.STOP_RULE_SET;
          }
          if (end != RuleEnd.CONTINUE) {
            break;
          }
        }
        if (end == RuleEnd.STOP_RULE_SET) {
          return;
        }
      }
    }

    private RuleEnd invoke(Action.Lambda lambda, ReceiptRuleSet.Rule rule, byte[] message, String messageId,
        Instant received, List<String> matched) {
      MailHeaders headers = MailHeaders.parse(message);
      byte[] event = SesInboundEvent.forLambda(headers, received, source, messageId, List.copyOf(recipients),
          matched, clock.instant(), SesInboundEvent.Verdicts.of(headers, rule.scanEnabled()),
          FUNCTION_ARN_PREFIX + lambda.functionId(), lambda.invocationType());
      FunctionPool pool = functions.get(lambda.functionId());
      if (!"RequestResponse".equals(lambda.invocationType())) {
        invoker.submit(lambda.functionId(), pool::invoke, event, messageId);
        return RuleEnd.CONTINUE;
      }
      Outcome outcome = pool.invoke(event);
      if (outcome instanceof Outcome.Response response) {
        String body = new String(response.payload(), StandardCharsets.UTF_8);
        if (body.contains("\"STOP_RULE_SET\"")) {
          return RuleEnd.STOP_RULE_SET;
        }
        if (body.contains("\"STOP_RULE\"")) {
          return RuleEnd.STOP_RULE;
        }
      } else if (outcome instanceof Outcome.Failure failure) {
        System.err.println("local stack: " + lambda.functionId() + " failed (" + failure.errorType()
            + ") for received mail " + messageId);
      }
      return RuleEnd.CONTINUE;
    }

    @Override
    public void done() {
      // nothing held between transactions
    }
  }

  private enum RuleEnd { CONTINUE, STOP_RULE, STOP_RULE_SET }

  /** The whole stream, or null (having read it all) if it is longer than {@code limit}. */
  static byte[] readAtMost(InputStream data, int limit) throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n = data.read(buffer); n >= 0; n = data.read(buffer)) {
      total += n;
      if (total <= limit) {
        kept.write(buffer, 0, n);
      } else if (kept.size() > 0) {
        kept = new ByteArrayOutputStream(0); // let go of what was kept, and drain the rest of the DATA
      }
    }
    return total <= limit ? kept.toByteArray() : null;
  }

  private static byte[] prepend(String fields, byte[] message) {
    byte[] head = fields.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + message.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(message, 0, all, head.length, message.length);
    return all;
  }

  /** An id of the shape SES gives received mail (40 lower-case letters and digits); also the S3 object key. */
  static String messageId() {
    char[] id = new char[40];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
    }
    return new String(id);
  }

  @Override
  public void close() {
    server.stop();
    s3.close();
  }
}
