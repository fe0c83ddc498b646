package se.npprod.privacy.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Invokes a handler class the way the Lambda Java runtime does: the event arrives as JSON bytes,
 * is deserialised with aws-lambda-java-serialization into the handler's declared input type, and
 * the result is serialised back to JSON.
 */
public final class LambdaInvoker {
  private final RequestHandler<Object, Object> handler;
  private final PojoSerializer<Object> input;
  private final PojoSerializer<Object> output;

  @SuppressWarnings("unchecked")
  private LambdaInvoker(RequestHandler<Object, Object> handler, Class<?> in, Class<?> out) {
    this.handler = handler;
    this.input = (PojoSerializer<Object>) serializerFor(in);
    this.output = (PojoSerializer<Object>) serializerFor(out);
  }

  /** Loads and constructs the handler (its cold start) with its no-argument constructor. */
  @SuppressWarnings("unchecked")
  public static LambdaInvoker load(String handlerClass) {
    try {
      Class<?> type = Class.forName(handlerClass);
      Class<?>[] io = requestHandlerTypes(type);
      Object handler = type.getDeclaredConstructor().newInstance();
      return new LambdaInvoker((RequestHandler<Object, Object>) handler, io[0], io[1]);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("cannot start handler " + handlerClass + ": " + cause, cause);
    }
  }

  public byte[] invoke(byte[] eventJson, Context context) {
    Object event = input.fromJson(new ByteArrayInputStream(eventJson));
    Object result = handler.handleRequest(event, context);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    output.toJson(result, out);
    return out.toByteArray();
  }

  /** The I and O of {@code RequestHandler<I, O>}, looked up as the runtime does. */
  static Class<?>[] requestHandlerTypes(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Type t : c.getGenericInterfaces()) {
        if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
          return new Class<?>[] {(Class<?>) p.getActualTypeArguments()[0], (Class<?>) p.getActualTypeArguments()[1]};
        }
      }
    }
    throw new IllegalArgumentException(type.getName() + " does not implement RequestHandler<I, O>");
  }

  /** The runtime's choice: its event serialisers for the event types it lists, plain Jackson otherwise. */
  private static PojoSerializer<?> serializerFor(Class<?> type) {
    if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
      return LambdaEventSerializers.serializerFor(type, type.getClassLoader());
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }
}
