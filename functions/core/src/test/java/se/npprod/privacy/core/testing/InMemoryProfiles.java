package se.npprod.privacy.core.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.npprod.privacy.core.erasure.ConnectorResult;
import se.npprod.privacy.core.erasure.SubjectFlags;
import se.npprod.privacy.core.subject.Activity;
import se.npprod.privacy.core.subject.Profile;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectRegistry;

/**
 * Test double of the subject registry and the profile's marks, as SubjectTable keeps them: marks
 * beside the profile, a correction applied once per request and moving the contact details' time,
 * tombstones by subject.
 */
public final class InMemoryProfiles implements SubjectRegistry, SubjectFlags {
  public final Map<String, Profile> profiles = new HashMap<>();
  public final List<Activity> activities = new ArrayList<>();
  public final Set<String> tombstones = new HashSet<>();
  public final Set<String> restricted = new HashSet<>();
  public final Set<String> objected = new HashSet<>();
  private final Set<String> rectifiedBy = new HashSet<>();

  @Override
  public Optional<Profile> profile(String subject) {
    return Optional.ofNullable(profiles.get(subject));
  }

  @Override
  public Outcome record(Activity activity, Profile updated, long expectedVersion, RecordActivity.Deadlines deadlines) {
    long current = profile(updated.subject()).map(Profile::version).orElse(0L);
    if (current != expectedVersion) {
      return Outcome.CONFLICT;
    }
    profiles.put(updated.subject(), updated);
    activities.add(activity);
    return Outcome.WRITTEN;
  }

  @Override
  public boolean erased(String subject) {
    return tombstones.contains(subject);
  }

  @Override
  public ConnectorResult restrict(String subject, Instant at) {
    return mark(subject, () -> restricted.add(subject));
  }

  @Override
  public ConnectorResult object(String subject, Instant at) {
    return mark(subject, () -> objected.add(subject));
  }

  @Override
  public ConnectorResult unrestrict(String subject, Instant at) {
    return mark(subject, () -> restricted.remove(subject));
  }

  @Override
  public ConnectorResult rectify(String subject, Map<String, String> fields, String requestId, Instant at) {
    Profile p = profiles.get(subject);
    if (p == null) {
      return ConnectorResult.done(Map.of("profiles", 0L));
    }
    if (rectifiedBy.add(subject + " " + requestId)) {
      profiles.put(subject, new Profile(subject, p.email(), fields.getOrDefault("name", p.name()),
          fields.getOrDefault("phone", p.phone()), p.customerNumbers(), p.systems(), at, p.lastActivityAt(), p.deadline(),
          p.expiresAt(), p.version() + 1));
    }
    return ConnectorResult.done(Map.of("profiles", 1L));
  }

  private ConnectorResult mark(String subject, Runnable change) {
    if (!profiles.containsKey(subject)) {
      return ConnectorResult.done(Map.of("profiles", 0L));
    }
    change.run();
    return ConnectorResult.done(Map.of("profiles", 1L));
  }

  @Override
  public int keepUntil(String subject, Instant until) {
    return 0;
  }
}
