package dev.shardscaler.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.Statuses;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.http.HttpAnswer;
import dev.shardscaler.core.http.HttpTrigger;
import dev.shardscaler.core.http.OverrideToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cloud Run functions (Functions Framework) entry point. The shared {@link HttpTrigger}
 * contract: {@code POST} with a {@link ScaleRequest} JSON body (what Cloud Scheduler sends; an
 * empty body is the scheduled pass), the {@link ScaleResult} JSON back with the status of {@link
 * Statuses#httpStatus}; requests with overrides need {@value OverrideToken#HEADER} (Authorization
 * carries the caller's Google identity token for Cloud Run's IAM check). The core function is built
 * on the first request and kept for as long as the instance lives.
 */
public final class ScalerFunction implements HttpFunction {
  static final List<String> SCOPES =
      List.of(
          "https://www.googleapis.com/auth/cloud-platform",
          "https://www.googleapis.com/auth/userinfo.email");
  private static final Logger log = LoggerFactory.getLogger(ScalerFunction.class);

  private final Map<String, String> env;
  private final Scaler.CredentialsSource credentials;
  private final Clock clock;
  private final HttpTrigger trigger;
  private ScaleFunction scale; // built and read only inside the trigger's one-pass-at-a-time lock

  /** What the Functions Framework invoker calls: the process environment, ADC credentials. */
  public ScalerFunction() {
    this(System.getenv(), ScalerFunction::applicationDefaultCredentials, Clock.systemUTC());
  }

  ScalerFunction(Map<String, String> env, Scaler.CredentialsSource credentials, Clock clock) {
    this.env = Map.copyOf(env);
    this.credentials = credentials;
    this.clock = clock;
    this.trigger = new HttpTrigger(this::pass, OverrideToken.fromEnv(this.env));
  }

  private static GoogleCredentials applicationDefaultCredentials() throws IOException {
    return GoogleCredentials.getApplicationDefault().createScoped(SCOPES);
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      // One byte over the limit is enough for the trigger to refuse it.
      body = in.readNBytes(HttpTrigger.MAX_BODY_BYTES + 1);
    }
    HttpAnswer answer;
    try {
      answer =
          trigger.handle(
              request.getMethod(), name -> request.getFirstHeader(name).orElse(null), body);
    } catch (ConfigException e) {
      log.error("cannot run: {}", e.getMessage());
      answer = HttpTrigger.error(500, "Internal Server Error", e.problems(), Map.of());
    } catch (RuntimeException e) {
      // A bug rather than a failed pass (those are results): class and message, no stack trace
      // whose messages could quote anything.
      log.error("the pass failed unexpectedly: {}", e.toString());
      answer =
          HttpTrigger.error(
              500,
              "Internal Server Error",
              List.of("the pass failed unexpectedly (" + e.getClass().getSimpleName() + ")"),
              Map.of());
    }
    write(answer, response);
  }

  private ScaleResult pass(ScaleRequest request) {
    if (scale == null) {
      scale = Scaler.build(env, credentials, clock);
    }
    return scale.apply(request);
  }

  private static void write(HttpAnswer answer, HttpResponse response) throws IOException {
    response.setStatusCode(answer.status());
    answer.headers().forEach(response::appendHeader);
    response.setContentType(HttpAnswer.CONTENT_TYPE);
    try (OutputStream out = response.getOutputStream()) {
      out.write(answer.body().getBytes(StandardCharsets.UTF_8));
    }
  }
}
