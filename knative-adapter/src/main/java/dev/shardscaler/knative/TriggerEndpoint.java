package dev.shardscaler.knative;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.Json;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.Statuses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code POST /} (and {@code POST /scale}): a PingSource tick, a structured CloudEvent, or an
 * ad-hoc JSON call. Requests that override anything need the bearer token. The result JSON is the
 * body; the status follows {@link Statuses#httpStatus}.
 */
final class TriggerEndpoint {
  static final int MAX_BODY_BYTES = 16 * 1024;
  private static final String CHALLENGE = "Bearer realm=\"shardscaler\"";
  private static final Logger log = LoggerFactory.getLogger(TriggerEndpoint.class);

  private final FunctionCatalog catalog;
  private final HttpTokenCheck tokens;
  private final ReentrantLock onePassAtATime = new ReentrantLock();

  TriggerEndpoint(FunctionCatalog catalog, HttpTokenCheck tokens) {
    this.catalog = catalog;
    this.tokens = tokens;
  }

  static RouterFunction<ServerResponse> routes(TriggerEndpoint endpoint) {
    return RouterFunctions.route()
        .POST("/", endpoint::handle)
        .POST("/scale", endpoint::handle)
        .route(
            RequestPredicates.path("/").or(RequestPredicates.path("/scale")),
            request -> endpoint.methodNotAllowed(request.method()))
        .build();
  }

  ServerResponse handle(ServerRequest http) throws IOException {
    String body;
    try {
      body = readBody(http);
    } catch (BodyTooLargeException e) {
      return error(400, "Bad Request", List.of(e.getMessage()));
    }
    Trigger trigger;
    try {
      HttpHeaders headers = http.headers().asHttpHeaders();
      trigger =
          Trigger.parse(
              headers.getFirst(HttpHeaders.CONTENT_TYPE),
              headers.getFirst("ce-specversion"),
              headers.getFirst("ce-type"),
              headers.getFirst("ce-id"),
              body);
    } catch (InvalidRequestException e) {
      return error(400, "Bad Request", e.problems());
    }
    ScaleRequest request = trigger.request();
    if (request.overrides()) {
      ServerResponse refused = authorize(http.headers().firstHeader(HttpHeaders.AUTHORIZATION));
      if (refused != null) {
        return refused;
      }
    }
    log.info(
        "trigger {}{} reason={} overrides={}",
        trigger.kind(),
        trigger.eventType() == null
            ? ""
            : " type=" + trigger.eventType() + " id=" + trigger.eventId(),
        request.reason(),
        request.overrides());
    ScaleResult result = run(request);
    return ServerResponse.status(Statuses.httpStatus(result))
        .contentType(MediaType.APPLICATION_JSON)
        .body(result.toJson());
  }

  @SuppressWarnings("unchecked")
  private ScaleResult run(ScaleRequest request) {
    Function<ScaleRequest, ScaleResult> scale =
        (Function<ScaleRequest, ScaleResult>) catalog.lookup(ScalerBeans.FUNCTION_NAME);
    onePassAtATime.lock();
    try {
      return scale.apply(request);
    } finally {
      onePassAtATime.unlock();
    }
  }

  private ServerResponse authorize(String authorization) {
    return switch (tokens.check(authorization)) {
      case ALLOWED -> null;
      case NOT_CONFIGURED ->
          error(
              403,
              "Forbidden",
              List.of(
                  "requests with overrides (shards, shardsPerBot, target, dryRun=false) are"
                      + " disabled: set SCALER_HTTP_TOKEN to allow them"));
      case MISSING ->
          error(
              401,
              "Unauthorized",
              List.of("requests with overrides need Authorization: Bearer <SCALER_HTTP_TOKEN>"),
              HttpHeaders.WWW_AUTHENTICATE,
              CHALLENGE);
      case WRONG ->
          error(
              401,
              "Unauthorized",
              List.of("the bearer token is not valid"),
              HttpHeaders.WWW_AUTHENTICATE,
              CHALLENGE);
    };
  }

  ServerResponse methodNotAllowed(HttpMethod method) {
    return error(
        405,
        "Method Not Allowed",
        List.of(method + " is not allowed here: use POST"),
        HttpHeaders.ALLOW,
        "POST");
  }

  static ServerResponse error(int status, String error, List<String> problems) {
    return error(status, error, problems, null, null);
  }

  static ServerResponse error(
      int status, String error, List<String> problems, String header, String value) {
    JsonObject body = new JsonObject();
    body.addProperty("status", status);
    body.addProperty("error", error);
    body.addProperty("message", String.join("; ", problems));
    JsonArray list = new JsonArray();
    problems.forEach(list::add);
    body.add("problems", list);
    ServerResponse.BodyBuilder response =
        ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON);
    if (header != null) {
      response.header(header, value);
    }
    return response.body(Json.GSON.toJson(body));
  }

  private static String readBody(ServerRequest http) throws IOException {
    long declared = http.headers().contentLength().orElse(-1);
    if (declared > MAX_BODY_BYTES) {
      throw new BodyTooLargeException(declared);
    }
    InputStream in = http.servletRequest().getInputStream();
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new BodyTooLargeException(-1);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long size) {
      super(
          "body is larger than "
              + MAX_BODY_BYTES
              + " bytes"
              + (size > 0 ? " (Content-Length " + size + ")" : "")
              + ": a scale request is a small JSON object");
    }
  }
}
