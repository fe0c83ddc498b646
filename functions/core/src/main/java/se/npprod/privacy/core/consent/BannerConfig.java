package se.npprod.privacy.core.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import se.npprod.privacy.core.policy.Policy;

/**
 * One revision of the cookie banner exactly as shown: its canonical JSON (keys sorted, no
 * spaces) is what the browser renders and what a consent record's SHA-256 covers.
 */
public record BannerConfig(int revision, String sha256, String canonicalJson, Policy.Banner banner) {

  /** Loaded only where a banner is serialised or parsed: tests, the build, older archived revisions. */
  private static final class Canonical {
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();
  }

  public static BannerConfig of(Policy.Banner banner) {
    try {
      String json = Canonical.MAPPER.writeValueAsString(banner);
      return new BannerConfig(banner.revision(), sha256(json), json, banner);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("banner not serialisable", e);
    }
  }

  /** Rebuilds an archived revision from its stored JSON, checking the stored hash. */
  public static BannerConfig fromArchive(String canonicalJson, String storedSha256) {
    String actual = sha256(canonicalJson);
    if (!actual.equals(storedSha256)) {
      throw new IllegalStateException("archived banner does not match its hash");
    }
    try {
      Policy.Banner banner = Canonical.MAPPER.readValue(canonicalJson, Policy.Banner.class);
      return new BannerConfig(banner.revision(), actual, canonicalJson, banner);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("archived banner is not readable", e);
    }
  }

  public List<String> categoryIds() {
    return banner.categories().stream().map(Policy.CookieCategory::id).toList();
  }

  public boolean isRequired(String category) {
    return banner.categories().stream().anyMatch(c -> c.id().equals(category) && c.required());
  }

  public Set<String> languages() {
    return banner.texts().keySet();
  }

  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
