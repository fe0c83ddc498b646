package se.npprod.privacy.core.testing;

import java.util.function.UnaryOperator;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.policy.PolicyLoader;

/** The seed policy, and copies of it with one part changed, for tests in every module. */
public final class Policies {
  private static final Policy SEED = PolicyLoader.fromClasspath();

  private Policies() {}

  /** policy/npprod.yaml as bundled. */
  public static Policy seed() {
    return SEED;
  }

  /** The policy with its banner replaced by what {@code change} makes of it. */
  public static Policy withBanner(Policy policy, UnaryOperator<Policy.Banner> change) {
    Policy.ConsentPolicy consent = policy.consent();
    return new Policy(policy.version(), policy.controller(), policy.timezone(), policy.dataCategories(),
        policy.purposes(), policy.recipients(), policy.systems(), policy.retention(), policy.requests(),
        new Policy.ConsentPolicy(consent.reconsentAfter(), consent.proofRetention(), consent.allowedOrigins(),
            consent.limits(), change.apply(consent.banner())));
  }

  /** The policy with other limits on what one visitor id can cost. */
  public static Policy withLimits(Policy policy, int historyShown, int decisionsPerDay) {
    Policy.ConsentPolicy consent = policy.consent();
    return new Policy(policy.version(), policy.controller(), policy.timezone(), policy.dataCategories(),
        policy.purposes(), policy.recipients(), policy.systems(), policy.retention(), policy.requests(),
        new Policy.ConsentPolicy(consent.reconsentAfter(), consent.proofRetention(), consent.allowedOrigins(),
            new Policy.Limits(historyShown, decisionsPerDay), consent.banner()));
  }

  /** The policy with other limits on what one caller of the request form and mail intake can cost. */
  public static Policy withRequestLimits(Policy policy, int mailsPerAddressPerDay, int formPostsPerNetworkPerHour) {
    Policy.Requests r = policy.requests();
    return new Policy(policy.version(), policy.controller(), policy.timezone(), policy.dataCategories(),
        policy.purposes(), policy.recipients(), policy.systems(), policy.retention(),
        new Policy.Requests(r.verificationValidFor(), r.reminderAfter(), r.processorReminderBefore(),
            r.processorEscalationBefore(), r.extractLinkValidFor(), r.keepClosedFor(), r.keepUnverifiedFor(),
            r.restrictionLiftNotice(), new Policy.RequestLimits(mailsPerAddressPerDay, formPostsPerNetworkPerHour)),
        policy.consent());
  }
}
