package se.npprod.privacy.consent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import org.crac.Core;
import org.crac.Resource;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.ConsentTable;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.Table;
import se.npprod.privacy.core.consent.BannerArchive;
import se.npprod.privacy.core.consent.BannerConfig;
import se.npprod.privacy.core.consent.ConsentStore;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.http.HttpApiEvents;
import se.npprod.privacy.core.consent.ConsentInterface;
import se.npprod.privacy.policy.BundledInterface;
import se.npprod.privacy.policy.BundledPolicy;

/**
 * ConsentFunction: the cookie banner's API, {@code POST /consent} and {@code GET /consent/{consentId}}.
 * It takes the payload 2.0 event as a stream and reads it with Jackson's streaming API (see
 * {@link HttpApiEvents}): the runtime's copy of Jackson is then never loaded.
 */
public class ConsentHandler implements RequestStreamHandler, Resource {
  private final ConsentApi api;

  /** Used by Lambda: real adapters, built once per container from template.yaml's environment. */
  public ConsentHandler() {
    this(BundledPolicy.policy());
    Core.getGlobalContext().register(this);
  }

  /** The policy and its banner as compiled at build time: nothing to parse or hash at start. */
  private ConsentHandler(Policy policy) {
    this(policy, BundledPolicy.banner(policy), bundledInterface(),
        new ConsentTable(AwsClients.dynamoDb(), Env.require(Table.TABLE_NAME_ENV), Clock.systemUTC()),
        Clock.systemUTC());
  }

  /** The test seam: the same function over any store, for example an in-memory one. */
  <T extends ConsentStore & BannerArchive> ConsentHandler(Policy policy, T table, Clock clock) {
    this(policy, BannerConfig.of(policy.consent().banner()), bundledInterface(), table, clock);
  }

  private <T extends ConsentStore & BannerArchive> ConsentHandler(
      Policy policy, BannerConfig banner, ConsentInterface ui, T table, Clock clock) {
    this.api = new ConsentApi(policy, banner, ui, table, table, clock);
  }

  /** The consent interface this function was built with (web/ and the pinned banner library). */
  static ConsentInterface bundledInterface() {
    return new ConsentInterface(BundledInterface.UI_VERSION, BundledInterface.LIBRARY, BundledInterface.BANNER_SHA256,
        BundledInterface.BANNER_JS, BundledInterface.CONSENT_MODE_JS);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    HttpApiEvents.write(handleRequest(HttpApiEvents.read(input), context), output);
  }

  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    APIGatewayV2HTTPResponse response = api.handle(event);
    // Route and status only: never the body, the address or the visitor id.
    context.getLogger().log("route=\"" + event.getRouteKey() + "\" status=" + response.getStatusCode() + "\n");
    return response;
  }

  /** SnapStart: warm every path before the snapshot is taken (see {@link ConsentApi#prime()}). */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
    api.prime();
    // The event reader and the response writer, as the runtime will call them.
    byte[] event = ("{\"version\":\"2.0\",\"routeKey\":\"" + ConsentApi.GET_CONFIG + "\",\"headers\":{},"
        + "\"requestContext\":{\"http\":{\"method\":\"GET\",\"sourceIp\":\"192.0.2.1\"}},\"isBase64Encoded\":false}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpApiEvents.write(api.handle(HttpApiEvents.read(new java.io.ByteArrayInputStream(event))),
        OutputStream.nullOutputStream());
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to refresh: clients reconnect on demand and ids come from SecureRandom.
  }
}
