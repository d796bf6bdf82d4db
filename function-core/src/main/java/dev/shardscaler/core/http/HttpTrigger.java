package dev.shardscaler.core.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.Json;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.Statuses;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP contract every adapter shares (Knative, Lambda function URL, Cloud Functions): POST only
 * (405 with {@code Allow: POST}), a body of at most 16 KiB, a CloudEvent or plain JSON read
 * strictly (400 naming the field), the override token (401/403), one pass at a time, the result
 * JSON with the status of {@link Statuses#httpStatus}.
 */
public final class HttpTrigger {
  public static final int MAX_BODY_BYTES = 16 * 1024;
  private static final String CHALLENGE = "Bearer realm=\"shardscaler\"";
  private static final Logger log = LoggerFactory.getLogger(HttpTrigger.class);

  private final Function<ScaleRequest, ScaleResult> function;
  private final OverrideToken token;
  private final ReentrantLock onePassAtATime = new ReentrantLock();

  public HttpTrigger(Function<ScaleRequest, ScaleResult> function, OverrideToken token) {
    this.function = function;
    this.token = token;
  }

  /**
   * Handles one request.
   *
   * @param header looks up a request header by name, case-insensitively; null when absent
   * @param body the body as received, read up to {@code MAX_BODY_BYTES + 1} bytes at most
   */
  public HttpAnswer handle(String method, UnaryOperator<String> header, byte[] body) {
    if (!"POST".equalsIgnoreCase(method)) {
      return error(
          405,
          "Method Not Allowed",
          List.of(method + " is not allowed here: use POST"),
          Map.of("Allow", "POST"));
    }
    if (body.length > MAX_BODY_BYTES) {
      return error(
          400,
          "Bad Request",
          List.of(
              "body is larger than "
                  + MAX_BODY_BYTES
                  + " bytes: a scale request is a small JSON object"),
          Map.of());
    }
    Trigger trigger;
    try {
      trigger =
          Trigger.parse(
              header.apply("Content-Type"),
              header.apply("ce-specversion"),
              header.apply("ce-type"),
              header.apply("ce-id"),
              new String(body, StandardCharsets.UTF_8));
    } catch (InvalidRequestException e) {
      return error(400, "Bad Request", e.problems(), Map.of());
    }
    ScaleRequest request = trigger.request();
    if (request.overrides()) {
      HttpAnswer refused =
          refusal(token.check(header.apply(OverrideToken.HEADER), header.apply("Authorization")));
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
    ScaleResult result;
    onePassAtATime.lock();
    try {
      result = function.apply(request);
    } finally {
      onePassAtATime.unlock();
    }
    return new HttpAnswer(Statuses.httpStatus(result), Map.of(), result.toJson());
  }

  private static HttpAnswer refusal(OverrideToken.Verdict verdict) {
    return switch (verdict) {
      case ALLOWED -> null;
      case NOT_CONFIGURED ->
          error(
              403,
              "Forbidden",
              List.of(
                  "requests with overrides (shards, shardsPerBot, target, dryRun=false) are"
                      + " disabled: set SCALER_HTTP_TOKEN to allow them"),
              Map.of());
      case MISSING ->
          error(
              401,
              "Unauthorized",
              List.of(
                  "requests with overrides need Authorization: Bearer <SCALER_HTTP_TOKEN> (or "
                      + OverrideToken.HEADER
                      + ")"),
              Map.of("WWW-Authenticate", CHALLENGE));
      case WRONG ->
          error(
              401,
              "Unauthorized",
              List.of("the override token is not valid"),
              Map.of("WWW-Authenticate", CHALLENGE));
    };
  }

  /** A refusal in the shape {@code {"status","error","message","problems"}}. */
  public static HttpAnswer error(
      int status, String error, List<String> problems, Map<String, String> headers) {
    JsonObject body = new JsonObject();
    body.addProperty("status", status);
    body.addProperty("error", error);
    body.addProperty("message", String.join("; ", problems));
    JsonArray list = new JsonArray();
    problems.forEach(list::add);
    body.add("problems", list);
    return new HttpAnswer(status, headers, Json.GSON.toJson(body));
  }
}
