package dev.shardscaler.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared HTTP contract, with a recording function in place of the scaling pass. */
class HttpTriggerTest {
  final List<ScaleRequest> passes = new ArrayList<>();
  Outcome outcome = Outcome.UNCHANGED;
  Reason reason = Reason.IN_SYNC;

  final HttpTrigger trigger =
      new HttpTrigger(
          request -> {
            passes.add(request);
            return Results.of(outcome, reason, request.reason());
          },
          OverrideAuthority.bearerOrHeader(
              OverrideToken.fromEnv(Map.of("SCALER_HTTP_TOKEN", "t0ken"))));

  static JsonObject body(HttpAnswer answer) {
    return JsonParser.parseString(answer.body()).getAsJsonObject();
  }

  @Test
  void aScheduledPostRunsOnePass() {
    HttpAnswer answer = trigger.handle(Calls.json("{\"reason\":\"scheduled\"}"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(body(answer).get("requestReason").getAsString()).isEqualTo("scheduled");
    assertThat(passes).hasSize(1);
  }

  @ParameterizedTest(name = "{0} {1} {2} → {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      value = {
        "POST | /       | {}                | NONE         | 200",
        "POST | /scale  | {}                | NONE         | 200",
        "GET  | /       | {}                | NONE         | 405",
        "post | /       | {}                | NONE         | 405",
        "POST | /x      | {}                | NONE         | 404",
        "GET  | /x      | {}                | NONE         | 404",
        "POST | /scale/ | {}                | NONE         | 404",
        "POST | /       | {\"shards\":8}     | NONE         | 401",
        "POST | /       | {\"shards\":8}     | Bearer nope  | 401",
        "POST | /       | {\"shards\":8}     | Bearer t0ken | 200",
        "POST | /       | {\"shards\":\"8\"} | Bearer t0ken | 400",
        "POST | /       | not json          | NONE         | 400",
        "POST | /       | null              | NONE         | 400",
      })
  void appliesTheContract(
      String method, String path, String body, String authorization, int status) {
    HttpCall call =
        Calls.call(
            method,
            path,
            null,
            body.getBytes(StandardCharsets.UTF_8),
            authorization == null
                ? new String[] {"Content-Type", "application/json"}
                : new String[] {
                  "Content-Type", "application/json", "Authorization", authorization
                });

    HttpAnswer answer = trigger.handle(call);

    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(passes).hasSize(status == 200 ? 1 : 0);
    if (status == 405) {
      assertThat(answer.headers()).containsEntry("Allow", "POST");
    }
    if (status == 401) {
      assertThat(answer.headers())
          .containsEntry("WWW-Authenticate", "Bearer realm=\"shardscaler\"");
    }
    if (status != 200) {
      assertThat(body(answer).get("status").getAsInt()).isEqualTo(status);
    }
  }

  @ParameterizedTest(name = "Content-Type {0} → {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "application/json                      | 200",
        "APPLICATION/JSON; charset=UTF-8       | 200",
        "application/json;charset=\"utf-8\"    | 200",
        "application/cloudevents+json          | 400",
        "application/json; charset=iso-8859-1  | 415",
        "text/plain                            | 415",
        "application/x-www-form-urlencoded     | 415",
        "application/json, text/plain          | 415",
        "application/cloudevents-batch+json    | 415",
        "null                                  | 415",
      })
  void readsOnlyJsonInUtf8(String contentType, int status) {
    HttpCall call =
        contentType == null ? Calls.post("{}") : Calls.post("{}", "Content-Type", contentType);

    assertThat(trigger.handle(call).status()).isEqualTo(status);
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeParsing() {
    HttpAnswer answer = trigger.handle(Calls.json("x".repeat(HttpTrigger.MAX_BODY_BYTES + 1)));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).contains("larger than 16384 bytes");
    assertThat(passes).isEmpty();
  }

  @Test
  void aQueryStringIsRefused() {
    HttpAnswer answer =
        trigger.handle(
            Calls.call(
                "POST", "/", "dryRun=true", new byte[0], "Content-Type", "application/json"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("query parameters are not read");
    assertThat(passes).isEmpty();
  }

  @Test
  void failedPassesMapToTheirStatus() {
    outcome = Outcome.FAILED;
    reason = Reason.DISCORD_UNAVAILABLE;
    assertThat(trigger.handle(Calls.json("")).status()).isEqualTo(502);
    reason = Reason.KUBERNETES_FORBIDDEN;
    assertThat(trigger.handle(Calls.json("")).status()).isEqualTo(503);
    reason = Reason.ROLLOUT_STUCK;
    assertThat(trigger.handle(Calls.json("")).status()).isEqualTo(500);
  }

  @Test
  void withoutAConfiguredTokenOverridesAreForbidden() {
    HttpTrigger closed =
        new HttpTrigger(
            request -> null, OverrideAuthority.bearerOrHeader(OverrideToken.fromEnv(Map.of())));

    HttpAnswer answer = closed.handle(Calls.json("{\"shards\":3}"));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body()).contains("set SCALER_HTTP_TOKEN");
  }

  @Test
  void withTheHeaderStyleOnlyTheTokenHeaderCounts() {
    HttpTrigger cloudRun =
        new HttpTrigger(
            request -> Results.of(Outcome.SCALED, Reason.SCALED_UP, null),
            OverrideAuthority.header(OverrideToken.fromEnv(Map.of("SCALER_HTTP_TOKEN", "t0ken"))));

    HttpAnswer identityOnly =
        cloudRun.handle(Calls.json("{\"shards\":3}", "Authorization", "Bearer t0ken"));
    HttpAnswer withHeader =
        cloudRun.handle(Calls.json("{\"shards\":3}", "X-Shardscaler-Token", "t0ken"));

    assertThat(identityOnly.status()).isEqualTo(401);
    assertThat(body(identityOnly).get("message").getAsString())
        .contains("X-Shardscaler-Token", "which is missing");
    assertThat(identityOnly.headers().get("WWW-Authenticate")).startsWith("X-Shardscaler-Token");
    assertThat(withHeader.status()).isEqualTo(200);
  }

  @Test
  void iamAllowsOverridesOnlyFromAnAuthenticatedCaller() {
    HttpTrigger lambda =
        new HttpTrigger(
            request -> Results.of(Outcome.SCALED, Reason.SCALED_UP, null), OverrideAuthority.iam());
    byte[] body = "{\"shards\":3}".getBytes(StandardCharsets.UTF_8);
    HttpCall.Headers json =
        name -> name.equalsIgnoreCase("Content-Type") ? "application/json" : null;

    HttpAnswer anonymous = lambda.handle(new HttpCall("POST", "/", "", json, body, null));
    HttpAnswer signed =
        lambda.handle(
            new HttpCall("POST", "/", "", json, body, "arn:aws:sts::1:assumed-role/ops/ops"));

    assertThat(anonymous.status()).isEqualTo(403);
    assertThat(anonymous.body()).contains("AWS_IAM");
    assertThat(signed.status()).isEqualTo(200);
  }

  @Test
  void aBrokenConfigurationIs500NamingEveryProblem() {
    HttpTrigger broken =
        new HttpTrigger(
            request -> {
              throw new ConfigException(List.of("missing required parameter \"K8S_CONTAINER\""));
            },
            OverrideAuthority.iam());

    HttpAnswer answer = broken.handle(Calls.json(""));

    assertThat(answer.status()).isEqualTo(500);
    assertThat(body(answer).get("problems").getAsJsonArray().get(0).getAsString())
        .isEqualTo("missing required parameter \"K8S_CONTAINER\"");
  }

  @Test
  void aBugInThePassIsTheContracts500WithoutItsMessage() {
    HttpTrigger buggy =
        new HttpTrigger(
            request -> {
              throw new IllegalStateException("caller said \u001b[31m" + request.reason());
            },
            OverrideAuthority.iam());

    HttpAnswer answer = buggy.handle(Calls.json("{\"reason\":\"secret-ish\"}"));

    assertThat(answer.status()).isEqualTo(500);
    assertThat(body(answer).get("message").getAsString())
        .contains("IllegalStateException")
        .doesNotContain("secret-ish");
  }

  @Test
  void aSecondCallWhileAPassRunsIsToldToComeBack() throws Exception {
    CountDownLatch inPass = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpTrigger slow =
        new HttpTrigger(
            request -> {
              inPass.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Results.of(Outcome.UNCHANGED, Reason.IN_SYNC, request.reason());
            },
            OverrideAuthority.iam(),
            Duration.ofMillis(50));
    CompletableFuture<HttpAnswer> first =
        CompletableFuture.supplyAsync(() -> slow.handle(Calls.json("")));
    inPass.await(10, TimeUnit.SECONDS);

    HttpAnswer second = slow.handle(Calls.json(""));
    release.countDown();

    assertThat(second.status()).isEqualTo(503);
    assertThat(second.headers()).containsEntry("Retry-After", "10");
    assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
  }
}
