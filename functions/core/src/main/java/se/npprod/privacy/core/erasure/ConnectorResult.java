package se.npprod.privacy.core.erasure;

import java.util.Map;

/**
 * What a connector's attempt came to.
 *
 * <ul>
 *   <li>{@code DONE}: the system has erased (or, for invoices, cut down and restricted) what it
 *       held; {@code counts} says what, in codes and numbers.</li>
 *   <li>{@code RETRY}: the system did not answer or answered 5xx; try again later.</li>
 *   <li>{@code FAILED}: the system refused for good (4xx); a person must handle it.</li>
 *   <li>{@code WAITING}: a processor was asked by mail; the task is done when it confirms.</li>
 * </ul>
 */
public record ConnectorResult(Outcome outcome, String reason, Map<String, Long> counts) {
  public enum Outcome { DONE, RETRY, FAILED, WAITING }

  public static ConnectorResult done(Map<String, Long> counts) {
    return new ConnectorResult(Outcome.DONE, "done", counts);
  }

  public static ConnectorResult retry(String reason) {
    return new ConnectorResult(Outcome.RETRY, reason, Map.of());
  }

  public static ConnectorResult waiting(String reason) {
    return new ConnectorResult(Outcome.WAITING, reason, Map.of());
  }

  public static ConnectorResult failed(String reason) {
    return new ConnectorResult(Outcome.FAILED, reason, Map.of());
  }
}
