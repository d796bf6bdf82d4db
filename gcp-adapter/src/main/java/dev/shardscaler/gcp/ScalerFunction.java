package dev.shardscaler.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.shardscaler.core.PassReport;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.Statuses;
import dev.shardscaler.core.http.HttpAnswer;
import dev.shardscaler.core.http.HttpCall;
import dev.shardscaler.core.http.HttpTrigger;
import dev.shardscaler.core.http.OverrideAuthority;
import dev.shardscaler.core.http.OverrideToken;
import dev.shardscaler.core.targets.TargetsFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The Cloud Run functions (Functions Framework) entry point. The shared {@link HttpTrigger}
 * contract: {@code POST /} (or {@code /scale}) with a {@link ScaleRequest} JSON body (what Cloud
 * Scheduler sends; an empty body is the scheduled pass), the {@link ScaleResult} JSON back with the
 * status of {@link Statuses#httpStatus}. Requests with overrides need {@value
 * OverrideToken#HEADER}: Authorization carries the caller's Google identity token for Cloud Run's
 * IAM check and is never read as the override token. The core function is built on the first pass
 * and kept for as long as the instance lives.
 */
public final class ScalerFunction implements HttpFunction {
  static final List<String> SCOPES =
      List.of(
          "https://www.googleapis.com/auth/cloud-platform",
          "https://www.googleapis.com/auth/userinfo.email");

  static {
    // The invoker's own JSON log handler leaves tabs and other control characters raw, which
    // breaks the line for Cloud Logging; this one writes strict JSON.
    CloudLogging.install();
  }

  private final Map<String, String> env;
  private final Scaler.CredentialsSource credentials;
  private final Clock clock;
  private final HttpTrigger trigger;
  private TargetsFunction scale; // built and read only inside the trigger's one-pass-at-a-time lock

  /** What the Functions Framework invoker calls: the process environment, ADC credentials. */
  public ScalerFunction() {
    this(System.getenv(), ScalerFunction::applicationDefaultCredentials, Clock.systemUTC());
  }

  ScalerFunction(Map<String, String> env, Scaler.CredentialsSource credentials, Clock clock) {
    this.env = Map.copyOf(env);
    this.credentials = credentials;
    this.clock = clock;
    this.trigger =
        new HttpTrigger(this::pass, OverrideAuthority.header(OverrideToken.fromEnv(this.env)));
  }

  private static GoogleCredentials applicationDefaultCredentials() throws IOException {
    return GoogleCredentials.getApplicationDefault().createScoped(SCOPES);
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    HttpAnswer answer;
    try {
      answer = trigger.handle(call(request));
    } catch (IOException | RuntimeException e) {
      // Reading the request failed (the caller went away) or a bug outside the trigger: still the
      // contract's answer, never the invoker's empty 500.
      answer =
          HttpAnswer.error(
              500, List.of("the request could not be read (" + e.getClass().getSimpleName() + ")"));
    }
    write(answer, response);
  }

  private static HttpCall call(HttpRequest request) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      // One byte over the limit is enough for the trigger to refuse it.
      body = in.readNBytes(HttpTrigger.MAX_BODY_BYTES + 1);
    }
    Map<String, List<String>> headers = request.getHeaders();
    return HttpCall.of(
        request.getMethod(),
        request.getPath(),
        request.getQuery().orElse(null),
        name -> joined(headers, name),
        body);
  }

  /** Every value of a header, joined; null when absent. */
  private static String joined(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return String.join(", ", header.getValue());
      }
    }
    return null;
  }

  private PassReport pass(ScaleRequest request) {
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
