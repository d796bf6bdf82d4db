package dev.shardscaler.knative;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.shardscaler.core.Json;
import dev.shardscaler.core.http.HttpAnswer;
import dev.shardscaler.core.http.HttpCall;
import dev.shardscaler.core.http.HttpTrigger;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every request the app gets, as one servlet mapped to {@code /*}: {@code POST /} and {@code
 * /scale} (a PingSource tick, a structured CloudEvent, an ad-hoc call) go to the shared {@link
 * HttpTrigger}, which answers every other path and method itself (404, 405 with {@code Allow:
 * POST}, also for TRACE and CORS preflights); {@code GET /actuator/health/liveness} and {@code
 * /readiness} serve Knative's probes. No Spring MVC handler, error page or CORS processing is in
 * the way, so every answer has the contract's shape.
 */
final class TriggerEndpoint extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String LIVENESS = "/actuator/health/liveness";
  static final String READINESS = "/actuator/health/readiness";
  static final Set<String> HEALTH = Set.of("/actuator/health", LIVENESS, READINESS);

  private final transient HttpTrigger trigger;
  private final transient Readiness readiness;

  TriggerEndpoint(HttpTrigger trigger, Readiness readiness) {
    this.trigger = trigger;
    this.readiness = readiness;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    HttpAnswer answer;
    try {
      answer = HEALTH.contains(request.getRequestURI()) ? health(request) : trigger(request);
    } catch (IOException | RuntimeException e) {
      // reading the request failed (the caller went away): still the contract's shape
      answer =
          HttpAnswer.error(
              500, List.of("the request could not be read (" + e.getClass().getSimpleName() + ")"));
    }
    response.setStatus(answer.status());
    answer.headers().forEach(response::setHeader);
    response.setContentType(HttpAnswer.CONTENT_TYPE);
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(body);
    }
  }

  private HttpAnswer trigger(HttpServletRequest request) throws IOException {
    return trigger.handle(
        HttpCall.of(
            request.getMethod(),
            request.getRequestURI(),
            request.getQueryString(),
            name -> joined(request.getHeaders(name)),
            body(request)));
  }

  /** The body, read up to one byte over the limit (enough for the trigger to refuse it). */
  private static byte[] body(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > HttpTrigger.MAX_BODY_BYTES) {
      return new byte[HttpTrigger.MAX_BODY_BYTES + 1];
    }
    try (InputStream in = request.getInputStream()) {
      return in.readNBytes(HttpTrigger.MAX_BODY_BYTES + 1);
    }
  }

  private static String joined(Enumeration<String> values) {
    List<String> all = values == null ? List.of() : Collections.list(values);
    return all.isEmpty() ? null : String.join(", ", all);
  }

  /**
   * Liveness: the app answers. Readiness (and {@code /actuator/health}): the configuration lets it
   * run a pass; otherwise 503 listing the problems. Every pass reports its own failures.
   */
  private HttpAnswer health(HttpServletRequest request) {
    if (!request.getMethod().equals("GET")) {
      return HttpAnswer.error(
          405, List.of("the health endpoints answer GET only"), Map.of("Allow", "GET"));
    }
    if (request.getRequestURI().equals(LIVENESS) || readiness.ready()) {
      return new HttpAnswer(200, Map.of(), "{\"status\":\"UP\"}");
    }
    JsonObject body = new JsonObject();
    body.addProperty("status", "DOWN");
    JsonArray problems = new JsonArray();
    readiness.problems().forEach(problems::add);
    body.add("problems", problems);
    return new HttpAnswer(503, Map.of(), Json.GSON.toJson(body));
  }
}
