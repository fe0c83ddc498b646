package se.npprod.privacy.activity;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Locale;
import java.util.stream.Collectors;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.SecretBytes;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.aws.Table;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.subject.Activity;
import se.npprod.privacy.core.subject.ActivityEvents;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.core.subject.SubjectRegistry;
import se.npprod.privacy.policy.BundledPolicy;

/**
 * ActivityFunction: the shop's systems put an event on EventBridge for every order, support
 * contact and account change, and for every contact imported to a marketing list; this records it
 * as the subject's data and moves the 24-month clock.
 *
 * <p>A marketing import for a person we erased is suppressed: nothing is written, one line in
 * codes says so, and it returns normally (it is settled, not failed, so nothing retries it).
 *
 * <p>An event that breaks the contract is refused whole with one log line naming its problems (by
 * field, never by value) and returns normally: retrying it cannot help. A table that does not
 * answer throws, so that EventBridge's asynchronous invocation retries, then the rule's
 * dead-letter queue keeps it.
 */
public class ActivityHandler implements RequestHandler<ScheduledEvent, String> {
  private final RecordActivity record;

  /** Used by Lambda: the subject-key secret is read once per container, here. */
  public ActivityHandler() {
    this(BundledPolicy.policy(),
        new SubjectKeys(SecretBytes.read(AwsClients.secretsManager(), Env.require(SecretBytes.SUBJECT_KEY_ENV))),
        new SubjectTable(AwsClients.dynamoDb(), Env.require(Table.TABLE_NAME_ENV)));
  }

  ActivityHandler(Policy policy, SubjectKeys keys, SubjectRegistry registry) {
    this.record = new RecordActivity(policy, keys, registry);
  }

  @Override
  public String handleRequest(ScheduledEvent event, Context context) {
    Activity activity;
    try {
      activity = ActivityEvents.read(event.getSource(), event.getDetailType(), event.getId(), event.getDetail());
    } catch (InvalidInput e) {
      context.getLogger().log("activity rejected id=" + event.getId() + " detail-type=\"" + event.getDetailType()
          + "\" problems=[" + e.errors().stream().map(f -> f.field() + ": " + f.message())
              .collect(Collectors.joining("; ")) + "]\n");
      return "rejected";
    }
    RecordActivity.Result result = record.record(activity);
    String status = result.status().name().toLowerCase(Locale.ROOT);
    if (result.status() == RecordActivity.Status.SUPPRESSED) {
      // Neither the key's prefix nor the event id: either would tie the line to a person who asked
      // to be forgotten.
      context.getLogger().log("activity suppressed kind=" + activity.kind() + " system=" + activity.system() + "\n");
      return status;
    }
    // The subject key's prefix identifies the person to the privacy team without the address.
    context.getLogger().log("activity " + status + " id=" + event.getId() + " kind=\"" + event.getDetailType()
        + "\" system=" + activity.system() + " subject=" + result.subject().substring(0, 12) + "\n");
    return status;
  }
}
