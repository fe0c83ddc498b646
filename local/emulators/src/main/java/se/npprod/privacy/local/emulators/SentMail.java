package se.npprod.privacy.local.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The mail the functions sent, as the SES emulator (aws-ses-v2-local) keeps it: {@code GET /store}
 * lists every message ({@code destination.to}, {@code subject}, {@code body.text}, {@code body.html}),
 * {@code POST /clear-store} empties it. For tests and for looking on while the stack runs.
 */
public final class SentMail {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private SentMail() {}

  /** Every mail sent so far, oldest first. */
  public static List<JsonNode> all(Endpoints endpoints) {
    List<JsonNode> mails = new ArrayList<>();
    try {
      HttpResponse<String> store = HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.ses() + "/store")).build(),
          HttpResponse.BodyHandlers.ofString());
      JSON.readTree(store.body()).path("emails").forEach(mails::add);
      return mails;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The mail sent to one address, oldest first. */
  public static List<JsonNode> to(Endpoints endpoints, String address) {
    return all(endpoints).stream()
        .filter(m -> m.path("destination").path("to").path(0).asText().equalsIgnoreCase(address)).toList();
  }

  public static void clear(Endpoints endpoints) {
    try {
      HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.ses() + "/clear-store"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
