package se.npprod.privacy.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.local.cloud.Template;

/** Matches a request to an HttpApi route of template.yaml, as API Gateway does. */
final class HttpApiRouter {
  /** A matched route: the function behind it and the path parameters taken from the URL. */
  record Match(String functionId, Template.Route route, Map<String, String> pathParameters) {}

  private record Entry(String functionId, Template.Route route, String[] segments) {
    long literalSegments() {
      return java.util.Arrays.stream(segments).filter(s -> !s.startsWith("{")).count();
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  HttpApiRouter(List<Template.Function> functions) {
    for (Template.Function f : functions) {
      for (Template.Route r : f.routes()) {
        entries.add(new Entry(f.logicalId(), r, split(r.path())));
      }
    }
    // Literal segments win over parameters: GET /consent/config before GET /consent/{consentId}.
    entries.sort(Comparator.comparingLong(Entry::literalSegments).reversed());
  }

  boolean handlesPath(String path) {
    return entries.stream().anyMatch(e -> matches(e, split(path)) != null);
  }

  Optional<Match> match(String method, String path) {
    String[] parts = split(path);
    for (Entry e : entries) {
      if (!e.route().method().equalsIgnoreCase(method) && !e.route().method().equals("ANY")) {
        continue;
      }
      Map<String, String> params = matches(e, parts);
      if (params != null) {
        return Optional.of(new Match(e.functionId(), e.route(), params));
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> matches(Entry e, String[] parts) {
    if (e.segments().length != parts.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String seg = e.segments()[i];
      if (seg.startsWith("{") && seg.endsWith("}")) {
        if (parts[i].isEmpty()) {
          return null;
        }
        params.put(seg.substring(1, seg.length() - 1), parts[i]);
      } else if (!seg.equals(parts[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.split("/", -1);
  }
}
