package se.npprod.privacy.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads the payload 2.0 event and writes the response with the function's own Jackson, for
 * handlers that take the stream ({@code RequestStreamHandler}). The runtime would otherwise bind
 * the same types with its own shaded copy of Jackson: a second JSON library to load and warm at
 * every cold start (about 700 classes), for the same result: the runtime binds these two types
 * with plain Jackson bean rules too, as they are not among its special event serialisers.
 */
public final class HttpApiEvents {
  private static final ObjectReader EVENT = HttpApi.JSON.readerFor(APIGatewayV2HTTPEvent.class)
      .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectWriter RESPONSE = HttpApi.JSON.copy()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .writerFor(APIGatewayV2HTTPResponse.class);

  private HttpApiEvents() {}

  public static APIGatewayV2HTTPEvent read(InputStream in) throws IOException {
    return EVENT.readValue(in);
  }

  public static void write(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
    RESPONSE.writeValue(out, response);
  }
}
