package se.npprod.privacy.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.Table;
import se.npprod.privacy.core.request.RecordDeliveryProblem;
import se.npprod.privacy.core.request.RecordDeliveryProblem.Problem;
import se.npprod.privacy.policy.BundledPolicy;

/**
 * MailEventsFunction: SES publishes bounces and complaints of the mail we send (configuration set
 * MailConfigurationSet) to EventBridge; the mail's tags name its request and kind. The event's
 * {@code detail} is SES's event record ({@code eventType}, {@code mail.tags}, {@code bounce}).
 */
public class MailEventsHandler implements RequestStreamHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordDeliveryProblem problems;

  public MailEventsHandler() {
    this(new RecordDeliveryProblem(new RequestTable(AwsClients.dynamoDb(), Env.require(Table.TABLE_NAME_ENV),
        BundledPolicy.policy().timezone()), Clock.systemUTC()));
  }

  MailEventsHandler(RecordDeliveryProblem problems) {
    this.problems = problems;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode detail = JSON.readTree(input).path("detail");
    String requestId = detail.path("mail").path("tags").path("request").path(0).asText("");
    String kind = detail.path("mail").path("tags").path("kind").path(0).asText("");
    Problem problem = switch (detail.path("eventType").asText("")) {
      case "Bounce" -> "Permanent".equals(detail.path("bounce").path("bounceType").asText())
          ? Problem.PERMANENT_BOUNCE : Problem.TRANSIENT_BOUNCE;
      case "Complaint" -> Problem.COMPLAINT;
      case "Reject" -> Problem.REJECT;
      default -> null;
    };
    String outcome;
    if (problem == null || !requestId.matches("[a-z2-7]{26}")) {
      outcome = "ignored";
    } else {
      outcome = problems.record(requestId, kind, problem) ? "back-to-privacy-team" : "noted";
    }
    // Codes and ids only: the event also carries the recipient's address.
    context.getLogger().log("mail event " + outcome + " request=" + (requestId.isEmpty() ? "-" : requestId) + " kind="
        + (kind.isEmpty() ? "-" : kind) + " problem=" + problem + "\n");
    output.write(("{\"outcome\":\"" + outcome + "\"}").getBytes(StandardCharsets.UTF_8));
  }
}
