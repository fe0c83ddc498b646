package se.npprod.privacy.core.extract;

import java.util.List;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.subject.EmailAddress;

/** Port: asks one system of the data map for what it holds about a person. */
public interface SystemExports {

  /** Who is asked about: the verified address and every identifier the registry knows for it. */
  record Query(String requestId, EmailAddress email, List<String> customerNumbers) {
    @Override
    public String toString() {
      return "Query[request=" + requestId + "]";
    }
  }

  /** Never throws for the system's own failures: those come back as {@link SystemData.Status#UNAVAILABLE}. */
  SystemData export(Policy.DataSystem system, Query query);
}
