package se.npprod.privacy.core.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.npprod.privacy.core.erasure.ConnectorResult;
import se.npprod.privacy.core.erasure.Identifiers;
import se.npprod.privacy.core.erasure.SystemEraser;
import se.npprod.privacy.core.policy.Policy;

/**
 * Test double of the systems reached by HTTP: each call is recorded ({@code "<system>:<action>"},
 * with the fields a rectification carried), and answers DONE unless a test scripted otherwise.
 */
public final class ScriptedSystems implements SystemEraser {
  /** One call as a system received it. */
  public record Call(String system, String action, String requestId, Identifiers identifiers, Map<String, String> fields) {}

  public final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<ConnectorResult>> scripted = new HashMap<>();

  /** The system's next answers, in order; after them, DONE. */
  public void script(String system, ConnectorResult... answers) {
    scripted.computeIfAbsent(system, s -> new ArrayList<>()).addAll(List.of(answers));
  }

  /** Every call, as {@code "<system>:<action>"}, in order. */
  public List<String> actions() {
    return calls.stream().map(c -> c.system() + ":" + c.action()).toList();
  }

  @Override
  public ConnectorResult erase(Policy.DataSystem system, String requestId, Identifiers identifiers) {
    return perform(system, "erase", requestId, identifiers);
  }

  @Override
  public ConnectorResult perform(Policy.DataSystem system, String action, String requestId, Identifiers identifiers) {
    return answer(new Call(system.id(), action, requestId, identifiers, Map.of()));
  }

  @Override
  public ConnectorResult rectify(Policy.DataSystem system, String requestId, Identifiers identifiers,
      Map<String, String> fields) {
    return answer(new Call(system.id(), "rectify", requestId, identifiers, fields));
  }

  private ConnectorResult answer(Call call) {
    calls.add(call);
    List<ConnectorResult> next = scripted.getOrDefault(call.system(), List.of());
    return next.isEmpty() ? ConnectorResult.done(Map.of()) : next.remove(0);
  }
}
