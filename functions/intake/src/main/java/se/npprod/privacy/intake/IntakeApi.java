package se.npprod.privacy.intake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.consent.IpPrefix;
import se.npprod.privacy.core.erasure.ErasurePlans;
import se.npprod.privacy.core.erasure.ErasureQueue;
import se.npprod.privacy.core.erasure.ErasureTask;
import se.npprod.privacy.core.extract.ExtractDownloads;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.port.Unavailable;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.ExtendDeadline;
import se.npprod.privacy.core.request.RequestMails;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.SubmitRequest;
import se.npprod.privacy.core.request.VerificationToken;
import se.npprod.privacy.core.request.VerifyRequest;
import se.npprod.privacy.http.Cors;
import se.npprod.privacy.http.HttpApi;
import se.npprod.privacy.http.Json;

/**
 * The public side of request intake: the privacy page's form ({@code POST /requests}) and the
 * confirmation link ({@code GET} shows, {@code POST} confirms {@code /requests/verify}).
 *
 * <p>The form answers the same whatever the address: nobody learns from it who is a customer. What
 * one caller can cost is bounded twice: form posts per client network an hour (429 beyond), and
 * mails per address a day (requests beyond are recorded, no mail is sent).
 */
final class IntakeApi {
  static final String POST_REQUESTS = "POST /requests";
  static final String OPTIONS_REQUESTS = "OPTIONS /requests";
  static final String GET_VERIFY = "GET /requests/verify";
  static final String POST_VERIFY = "POST /requests/verify";
  static final String GET_DOWNLOAD = "GET /requests/download";
  static final String POST_DOWNLOAD = "POST /requests/download";
  static final String POST_EXTENSION = "POST /team/requests/{requestId}/extension";
  static final String GET_PROCESSOR = "GET /processors/confirm";
  static final String POST_PROCESSOR = "POST /processors/confirm";
  static final int MAX_BODY_BYTES = 16 * 1024;

  /** The confirmation pages: no script, no framing, and the token never leaves in a Referer. */
  private static final Map<String, String> PAGE_HEADERS = Map.of(
      "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      "Referrer-Policy", "no-referrer",
      "X-Content-Type-Options", "nosniff");

  private final Policy policy;
  private final SubmitRequest submit;
  private final VerifyRequest verify;
  private final RequestStore store;
  private final Clock clock;
  private final Cors cors;
  private final ExtractDownloads downloads;
  private final ExtendDeadline extendDeadline;
  private final ErasurePlans erasurePlans;
  private final ErasureQueue erasureQueue;
  private final TeamApi team;

  IntakeApi(Policy policy, SubmitRequest submit, VerifyRequest verify, ExtendDeadline extendDeadline, RequestStore store,
      ExtractDownloads downloads, ErasurePlans erasurePlans, ErasureQueue erasureQueue, TeamApi team, Clock clock) {
    this.team = team;
    this.erasurePlans = erasurePlans;
    this.erasureQueue = erasureQueue;
    this.downloads = downloads;
    this.extendDeadline = extendDeadline;
    this.policy = policy;
    this.submit = submit;
    this.verify = verify;
    this.store = store;
    this.clock = clock;
    this.cors = new Cors(policy.consent().allowedOrigins(), "POST, OPTIONS");
  }

  APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
    String route = String.valueOf(event.getRouteKey());
    boolean api = route.equals(POST_REQUESTS) || route.equals(OPTIONS_REQUESTS);
    Map<String, String> headers = Map.of();
    if (api) {
      Optional<Map<String, String>> corsHeaders =
          route.equals(OPTIONS_REQUESTS) ? cors.preflight(event) : cors.headersFor(event);
      if (corsHeaders.isEmpty()) {
        return HttpApi.problem(403, "origin-not-allowed", "This origin may not call the request API",
            "Allowed origins are listed in the privacy policy configuration.", List.of(), Map.of("Vary", "Origin"));
      }
      headers = corsHeaders.get();
    }
    try {
      return switch (route) {
        case POST_REQUESTS -> submit(event, headers);
        case OPTIONS_REQUESTS -> HttpApi.empty(204, headers);
        case GET_VERIFY -> showLink(event);
        case POST_VERIFY -> confirm(event);
        case GET_DOWNLOAD -> showDownload(event);
        case POST_DOWNLOAD -> download(event);
        case POST_EXTENSION -> extend(event);
        case TeamApi.POST_RECTIFICATION -> team.rectification(event);
        case TeamApi.POST_RESTRICTION_LIFT -> team.restrictionLift(event);
        case TeamApi.POST_HOLD -> team.hold(event);
        case GET_PROCESSOR -> showProcessorLink(event);
        case POST_PROCESSOR -> processorConfirms(event);
        default -> HttpApi.problem(404, "not-found", "No such route", null, List.of(), headers);
      };
    } catch (InvalidInput e) {
      return HttpApi.problem(e, headers);
    } catch (Unavailable e) {
      System.out.println("dependency unavailable: " + e.dependency() + " (" + e.getCause().getClass().getSimpleName() + ")");
      return HttpApi.problem(e, headers);
    }
  }

  private APIGatewayV2HTTPResponse submit(APIGatewayV2HTTPEvent event, Map<String, String> headers) {
    String contentType = contentType(event);
    boolean json = contentType.equals("application/json");
    if (!json && !contentType.equals("application/x-www-form-urlencoded")) {
      return HttpApi.problem(415, "unsupported-media-type", "Send the form as JSON or as form data",
          "Content-Type must be application/json or application/x-www-form-urlencoded.", List.of(), headers);
    }
    byte[] body = HttpApi.body(event);
    if (body.length > MAX_BODY_BYTES) {
      return HttpApi.problem(413, "body-too-large", "The request is too large", "At most " + MAX_BODY_BYTES + " bytes.",
          List.of(), headers);
    }
    Instant now = clock.instant();
    var request = RequestForm.read(RequestForm.fields(body, json), now);
    ZonedDateTime local = now.atZone(policy.timezone());
    String hour = local.truncatedTo(ChronoUnit.HOURS).toLocalDateTime().toString();
    Instant nextHour = local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
    String network = VerificationToken.hash("network:" + IpPrefix.truncate(HttpApi.sourceIp(event)));
    if (!store.takeFormAllowance(network, hour, policy.requests().limits().formPostsPerNetworkPerHour(),
        nextHour.plus(Duration.ofHours(1)))) {
      return HttpApi.tooManyRequests(Duration.between(now, nextHour).toSeconds(), "too-many-requests",
          "Too many requests from this network", "Nothing was recorded. Please try again later, or write to "
              + policy.controller().contactEmail() + ".", headers);
    }
    SubmitRequest.Result result = submit.submit(request);
    System.out.println("request " + result.outcome().name().toLowerCase(Locale.ROOT) + " id=" + result.requestId()
        + " channel=WEB type=" + request.type().wireName());
    if (!json) {
      return HttpApi.html(202, Pages.received(), PAGE_HEADERS);
    }
    // The same answer for every address, known or not, and whatever the outcome.
    return HttpApi.json(202, Json.write(j -> {
      j.writeStartObject();
      j.writeStringField("status", "received");
      j.writeObjectFieldStart("message");
      j.writeStringField("sv", "Tack! Vi har skickat ett e-postmeddelande till adressen du angav. Öppna länken i det för att bekräfta din begäran.");
      j.writeStringField("en", "Thank you. We have sent an email to the address you gave. Open the link in it to confirm your request.");
      j.writeEndObject();
      j.writeEndObject();
    }), headers);
  }

  private APIGatewayV2HTTPResponse showLink(APIGatewayV2HTTPEvent event) {
    String token = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("token");
    VerifyRequest.Result result = verify.check(token);
    return page(result, token);
  }

  private APIGatewayV2HTTPResponse confirm(APIGatewayV2HTTPEvent event) {
    if (!contentType(event).equals("application/x-www-form-urlencoded") || HttpApi.body(event).length > 1024) {
      return HttpApi.html(400, Pages.unknown(), PAGE_HEADERS);
    }
    String token = RequestForm.fields(HttpApi.body(event), false).get("token");
    VerifyRequest.Result result = verify.confirm(token);
    result.request().ifPresent(r -> System.out.println("request verified id=" + r.id() + " type=" + r.type().wireName()));
    return page(result, token);
  }

  /**
   * The privacy team extends a request's answer deadline, with the reasons the person is sent.
   * API Gateway lets only IAM-signed calls through to this route (template.yaml: AWS_IAM); the
   * caller's ARN goes into the audit event. Without it the call did not come through that door.
   */
  private APIGatewayV2HTTPResponse extend(APIGatewayV2HTTPEvent event) {
    String caller = TeamApi.caller(event).orElse(null);
    if (caller == null) {
      return HttpApi.problem(403, "not-authorised", "Only the privacy team may extend a deadline",
          "Sign the call with the privacy team's AWS credentials.", List.of(), Map.of());
    }
    String requestId = event.getPathParameters() == null ? null : event.getPathParameters().get("requestId");
    byte[] body = HttpApi.body(event);
    if (body.length > MAX_BODY_BYTES) {
      return HttpApi.problem(413, "body-too-large", "The reasons are too long", null, List.of(), Map.of());
    }
    String reasons = RequestForm.fields(body, true).getOrDefault("reasons", "").strip();
    List<InvalidInput.FieldError> errors = new ArrayList<>();
    if (reasons.isEmpty() || reasons.length() > 2000) {
      errors.add(new InvalidInput.FieldError("reasons", "the reasons the person is sent: 1 to 2000 characters"));
    }
    if (requestId == null || !requestId.matches("[a-z2-7]{26}")) {
      errors.add(new InvalidInput.FieldError("requestId", "must be a request id"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput("invalid-extension", "The extension is not valid", errors);
    }
    ExtendDeadline.Result result = extendDeadline.extend(requestId, reasons, caller);
    System.out.println("deadline " + result.outcome().name().toLowerCase(Locale.ROOT) + " id=" + requestId);
    return switch (result.outcome()) {
      case EXTENDED -> HttpApi.json(200, "{\"outcome\":\"extended\",\"dueDate\":\"" + result.dueDate().orElseThrow() + "\"}",
          Map.of());
      case UNKNOWN -> HttpApi.problem(404, "request-not-found", "No such request", null, List.of(), Map.of());
      case TOO_LATE -> HttpApi.problem(409, "too-late", "The first month has passed",
          "Art. 12(3) allows an extension only if the person is told within the first month.", List.of(), Map.of());
      case ALREADY_EXTENDED -> HttpApi.problem(409, "already-extended", "The deadline was extended before",
          "Art. 12(3) allows one extension of up to two months.", List.of(), Map.of());
      case CLOSED -> HttpApi.problem(409, "request-closed", "The request is closed", null, List.of(), Map.of());
    };
  }

  /** A processor asked by mail to erase: its link shows what it confirms, with a name field. */
  private APIGatewayV2HTTPResponse showProcessorLink(APIGatewayV2HTTPEvent event) {
    String token = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("token");
    Optional<ErasurePlans.ProcessorToken> found = processorToken(token);
    if (found.isEmpty()) {
      return HttpApi.html(404, Pages.unknown(), PAGE_HEADERS);
    }
    return HttpApi.html(200, Pages.processorConfirm(RequestMails.caseNumber(found.get().requestId()), token), PAGE_HEADERS);
  }

  /**
   * The processor confirms (who, by the name given, and when): the task is acknowledged once and
   * put back on the erasure queue, where it is marked done and may complete the request.
   */
  private APIGatewayV2HTTPResponse processorConfirms(APIGatewayV2HTTPEvent event) {
    if (!contentType(event).equals("application/x-www-form-urlencoded") || HttpApi.body(event).length > 2048) {
      return HttpApi.html(400, Pages.unknown(), PAGE_HEADERS);
    }
    Map<String, String> fields = RequestForm.fields(HttpApi.body(event), false);
    Optional<ErasurePlans.ProcessorToken> found = processorToken(fields.get("token"));
    if (found.isEmpty()) {
      return HttpApi.html(404, Pages.unknown(), PAGE_HEADERS);
    }
    String name = fields.getOrDefault("name", "").strip();
    if (name.isEmpty() || name.length() > 200) {
      return HttpApi.html(400, Pages.processorConfirm(RequestMails.caseNumber(found.get().requestId()), fields.get("token")),
          PAGE_HEADERS);
    }
    ErasurePlans.ProcessorToken t = found.get();
    Instant now = clock.instant();
    boolean first = erasurePlans.acknowledge(t.requestId(), t.system(), name, now);
    if (first) {
      store.audit(new AuditEvent(t.requestId(), now, "processor-confirmed",
          Map.of("system", t.system())));
    }
    // Sent again on a repeated click too (the worker does a task once): if the first send failed
    // after the confirmation was recorded, the processor's second click still gets the task done.
    erasureQueue.send(List.of(new ErasureTask(t.requestId(), t.system())));
    return first ? HttpApi.html(200, Pages.processorConfirmed(), PAGE_HEADERS) : HttpApi.html(409, Pages.used(), PAGE_HEADERS);
  }

  private Optional<ErasurePlans.ProcessorToken> processorToken(String token) {
    return VerificationToken.wellFormed(token) ? erasurePlans.processorToken(VerificationToken.hash(token)) : Optional.empty();
  }

  /** As with the confirmation link: opening it shows a button, so a mail scanner fetches no data. */
  private APIGatewayV2HTTPResponse showDownload(APIGatewayV2HTTPEvent event) {
    String token = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("token");
    Optional<ExtractDownloads.Allowed> allowed = allowedDownload(token);
    if (allowed.isEmpty()) {
      return HttpApi.html(404, Pages.unknown(), PAGE_HEADERS);
    }
    if (!clock.instant().isBefore(allowed.get().validUntil())) {
      return HttpApi.html(410, Pages.downloadExpired(), PAGE_HEADERS);
    }
    return HttpApi.html(200, Pages.download(allowed.get().format(), token), PAGE_HEADERS);
  }

  private APIGatewayV2HTTPResponse download(APIGatewayV2HTTPEvent event) {
    if (!contentType(event).equals("application/x-www-form-urlencoded") || HttpApi.body(event).length > 1024) {
      return HttpApi.html(400, Pages.unknown(), PAGE_HEADERS);
    }
    Optional<ExtractDownloads.Allowed> allowed = allowedDownload(RequestForm.fields(HttpApi.body(event), false).get("token"));
    if (allowed.isEmpty()) {
      return HttpApi.html(404, Pages.unknown(), PAGE_HEADERS);
    }
    Instant now = clock.instant();
    if (!now.isBefore(allowed.get().validUntil())) {
      return HttpApi.html(410, Pages.downloadExpired(), PAGE_HEADERS);
    }
    store.audit(new AuditEvent(allowed.get().requestId(), now, "extract-downloaded",
        Map.of("format", allowed.get().format())));
    Map<String, String> redirect = new LinkedHashMap<>(PAGE_HEADERS);
    redirect.put("Location", downloads.link(allowed.get().key()).toString());
    return HttpApi.empty(303, redirect);
  }

  private Optional<ExtractDownloads.Allowed> allowedDownload(String token) {
    return VerificationToken.wellFormed(token) ? downloads.find(VerificationToken.hash(token)) : Optional.empty();
  }

  private static APIGatewayV2HTTPResponse page(VerifyRequest.Result result, String token) {
    return switch (result.state()) {
      case VALID -> HttpApi.html(200, Pages.confirm(result.request().orElseThrow(), token), PAGE_HEADERS);
      case VERIFIED -> HttpApi.html(200, Pages.verified(result.request().orElseThrow()), PAGE_HEADERS);
      case USED -> HttpApi.html(409, Pages.used(), PAGE_HEADERS);
      case EXPIRED -> HttpApi.html(410, Pages.expired(), PAGE_HEADERS);
      case UNKNOWN -> HttpApi.html(404, Pages.unknown(), PAGE_HEADERS);
    };
  }

  private static String contentType(APIGatewayV2HTTPEvent event) {
    return HttpApi.header(event, "Content-Type").orElse("").split(";")[0].trim().toLowerCase(Locale.ROOT);
  }

}
