package se.npprod.privacy.local;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Records, as IAM action names, every AWS call made in this JVM while recording is on: registered
 * for every SDK client of the test JVM through the SDK's global interceptor list
 * (software/amazon/awssdk/global/handlers/execution.interceptors). A transaction is authorised
 * per item, as IAM does it: {@code TransactWriteItems} needs {@code PutItem}, {@code UpdateItem}...
 */
public final class RecordedAwsActions implements ExecutionInterceptor {
  private static final Set<String> ACTIONS = ConcurrentHashMap.newKeySet();
  private static volatile boolean recording;

  static void start() {
    ACTIONS.clear();
    recording = true;
  }

  static Set<String> stop() {
    recording = false;
    return Set.copyOf(ACTIONS);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!recording) {
      return;
    }
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(java.util.Locale.ROOT);
    // IAM names SES API v2's actions with the service prefix "ses", as API v1's.
    service = service.equals("sesv2") ? "ses" : service;
    if (context.request() instanceof TransactWriteItemsRequest transaction) {
      for (TransactWriteItem item : transaction.transactItems()) {
        ACTIONS.add(service + ":" + (item.put() != null ? "PutItem" : item.update() != null ? "UpdateItem"
            : item.delete() != null ? "DeleteItem" : "ConditionCheckItem"));
      }
      return;
    }
    ACTIONS.add(service + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }
}
