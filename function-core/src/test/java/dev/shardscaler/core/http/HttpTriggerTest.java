package dev.shardscaler.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            return new ScaleResult(
                outcome,
                reason,
                "m",
                false,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                request.reason(),
                "2026-11-28T12:00:00Z",
                null);
          },
          OverrideToken.fromEnv(Map.of("SCALER_HTTP_TOKEN", "t0ken")));

  HttpAnswer call(String method, String body, String... headers) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i].toLowerCase(Locale.ROOT), headers[i + 1]);
    }
    return trigger.handle(
        method,
        name -> map.get(name.toLowerCase(Locale.ROOT)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aScheduledPostRunsOnePass() {
    HttpAnswer answer =
        call("POST", "{\"reason\":\"scheduled\"}", "Content-Type", "application/json");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(
            JsonParser.parseString(answer.body())
                .getAsJsonObject()
                .get("requestReason")
                .getAsString())
        .isEqualTo("scheduled");
    assertThat(passes).hasSize(1);
  }

  @ParameterizedTest(name = "{0} {1} → {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "GET    | {}                 | null               | 405",
        "POST   | {\"shards\":8}      | null               | 401",
        "POST   | {\"shards\":8}      | Bearer nope        | 401",
        "POST   | {\"shards\":8}      | Bearer t0ken       | 200",
        "POST   | {\"shards\":\"8\"}  | Bearer t0ken       | 400",
        "POST   | not json           | null               | 400",
      })
  void appliesTheContract(String method, String body, String authorization, int status) {
    HttpAnswer answer =
        authorization == null
            ? call(method, body)
            : call(method, body, "Authorization", authorization);

    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(passes).hasSize(status == 200 ? 1 : 0);
    if (status == 405) {
      assertThat(answer.headers()).containsEntry("Allow", "POST");
    }
    if (status == 401) {
      assertThat(answer.headers()).containsKey("WWW-Authenticate");
    }
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeParsing() {
    HttpAnswer answer = call("POST", "x".repeat(HttpTrigger.MAX_BODY_BYTES + 1));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("larger than 16384 bytes");
    assertThat(passes).isEmpty();
  }

  @Test
  void failedPassesMapToTheirStatus() {
    outcome = Outcome.FAILED;
    reason = Reason.DISCORD_UNAVAILABLE;
    assertThat(call("POST", "").status()).isEqualTo(502);
    reason = Reason.KUBERNETES_FORBIDDEN;
    assertThat(call("POST", "").status()).isEqualTo(503);
    reason = Reason.ROLLOUT_STUCK;
    assertThat(call("POST", "").status()).isEqualTo(500);
  }

  @Test
  void withoutAConfiguredTokenOverridesAreForbidden() {
    HttpTrigger closed = new HttpTrigger(request -> null, OverrideToken.fromEnv(Map.of()));

    HttpAnswer answer =
        closed.handle("POST", name -> null, "{\"shards\":3}".getBytes(StandardCharsets.UTF_8));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body()).contains("set SCALER_HTTP_TOKEN");
  }
}
