package dev.shardscaler.core.http;

import static dev.shardscaler.testkit.property.Property.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleRequestParser;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.testkit.property.Source;
import dev.shardscaler.testkit.property.Weighted;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Random calls (methods, paths, queries, headers, bodies from random bytes to almost-valid requests
 * with absurd numbers and control characters) against the shared HTTP trigger, with a stand-in pass
 * that answers any outcome or throws: no exception ever escapes, every answer has the contract's
 * shape, a refusal never reaches the pass, and no answer shows the token.
 */
class HttpTriggerPropertyTest {
  static final String TOKEN = "property-override-token-42";
  static final Set<Integer> STATUSES =
      Set.of(200, 400, 401, 403, 404, 405, 413, 415, 500, 502, 503, 504);

  /** A call and how the trigger is set up for it. */
  record Case(HttpCall call, int authority, int behaviour) {
    @Override
    public String toString() {
      return call.method()
          + " "
          + call.path()
          + "?"
          + call.query()
          + " headers="
          + headersOf(call)
          + " body="
          + new String(call.body(), StandardCharsets.UTF_8)
          + " authority="
          + authority
          + " behaviour="
          + behaviour;
    }
  }

  /** Thousands of refusals and passes would flood the build's output with their log lines. */
  @BeforeAll
  static void quiet() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(HttpTrigger.class))
        .setLevel(ch.qos.logback.classic.Level.OFF);
  }

  @AfterAll
  static void loud() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(HttpTrigger.class)).setLevel(null);
  }

  @Test
  void everyAnswerHasTheContractsShape() {
    forAll(
        "HttpTriggerPropertyTest.everyAnswerHasTheContractsShape",
        3000,
        HttpTriggerPropertyTest::cases,
        (c, statistics) -> {
          AtomicInteger passes = new AtomicInteger();
          HttpTrigger trigger =
              new HttpTrigger(pass(c.behaviour(), passes), authority(c.authority()), Duration.ZERO);

          HttpAnswer answer = trigger.handle(c.call());
          statistics.collect("status", answer.status());

          assertThat(STATUSES).as("status of %s", answer).contains(answer.status());
          assertThat(answer.body()).as("the answer shows the token").doesNotContain(TOKEN);
          JsonObject body = strictObject(answer.body());
          if (body.has("outcome")) {
            assertThat(passes.get()).as("a result comes from a pass").isEqualTo(1);
            assertThat(body.get("outcome").getAsString().equals("FAILED"))
                .isEqualTo(answer.status() != 200);
            return;
          }
          assertThat(body.keySet())
              .containsExactlyInAnyOrder("status", "error", "message", "problems");
          assertThat(body.get("status").getAsInt()).isEqualTo(answer.status());
          JsonArray problems = body.getAsJsonArray("problems");
          assertThat(problems).isNotEmpty();
          List<String> each = new ArrayList<>();
          problems.forEach(p -> each.add(p.getAsString()));
          assertThat(body.get("message").getAsString()).isEqualTo(String.join("; ", each));
          assertThat(each)
              .as("problems carry no raw control character")
              .allMatch(p -> p.codePoints().noneMatch(CallerText::unsafe));
          if (answer.status() < 500) {
            assertThat(passes.get()).as("a refusal never reaches the pass").isZero();
          }
          if (answer.status() == 405) {
            assertThat(answer.headers()).containsEntry("Allow", "POST");
          }
          if (answer.status() == 401) {
            assertThat(answer.headers()).containsKey("WWW-Authenticate");
          }
        });
  }

  @Test
  void parsingThrowsNothingButInvalidRequest() {
    forAll(
        "HttpTriggerPropertyTest.parsingThrowsNothingButInvalidRequest",
        3000,
        HttpTriggerPropertyTest::bodies,
        body -> {
          String text = new String(body, StandardCharsets.UTF_8);
          try {
            ScaleRequest request = ScaleRequestParser.parse(text);
            assertThat(request.problems()).isEmpty();
            if (request.reason() != null) {
              assertThat(request.reason().codePoints().noneMatch(CallerText::unsafe)).isTrue();
            }
          } catch (InvalidRequestException e) {
            assertThat(e.problems())
                .isNotEmpty()
                .allMatch(p -> p.codePoints().noneMatch(CallerText::unsafe));
          }
        });
  }

  @Test
  void whatStrictJsonReadsGsonReadsTheSame() {
    forAll(
        "HttpTriggerPropertyTest.whatStrictJsonReadsGsonReadsTheSame",
        2000,
        HttpTriggerPropertyTest::jsonTexts,
        text -> {
          JsonElement ours;
          try {
            ours = StrictJson.parse(text, "body");
          } catch (InvalidRequestException e) {
            return;
          }
          JsonReader reader = new JsonReader(new StringReader(text));
          reader.setStrictness(Strictness.STRICT);
          assertThat(ours.toString()).isEqualTo(JsonParser.parseReader(reader).toString());
        });
  }

  // ---- the stand-ins -------------------------------------------------------------------------

  static Function<ScaleRequest, ScaleResult> pass(int behaviour, AtomicInteger passes) {
    return request -> {
      passes.incrementAndGet();
      return switch (behaviour) {
        case 0 -> Results.of(Outcome.SCALED, Reason.SCALED_UP, request.reason());
        case 1 -> Results.of(Outcome.BLOCKED, Reason.MIN_INTERVAL, request.reason());
        case 2 -> Results.of(Outcome.FAILED, Reason.DISCORD_UNAVAILABLE, request.reason());
        case 3 -> Results.of(Outcome.FAILED, Reason.KUBERNETES_FORBIDDEN, request.reason());
        case 4 -> Results.of(Outcome.FAILED, Reason.ROLLOUT_STUCK, request.reason());
        case 5 -> throw new ConfigException(List.of("missing required parameter \"BOT_TOKEN\""));
        case 6 -> throw new IllegalStateException("boom " + request.reason() + " " + TOKEN);
        default -> throw new StackOverflowError();
      };
    };
  }

  static OverrideAuthority authority(int kind) {
    OverrideToken token = OverrideToken.fromEnv(Map.of("SCALER_HTTP_TOKEN", TOKEN));
    return switch (kind) {
      case 0 -> OverrideAuthority.bearerOrHeader(token);
      case 1 -> OverrideAuthority.header(token);
      case 2 -> OverrideAuthority.iam();
      default -> OverrideAuthority.bearerOrHeader(OverrideToken.fromEnv(Map.of()));
    };
  }

  static JsonObject strictObject(String text) {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    JsonElement parsed = JsonParser.parseReader(reader);
    assertThat(parsed.isJsonObject()).as(text).isTrue();
    return parsed.getAsJsonObject();
  }

  static String headersOf(HttpCall call) {
    Map<String, String> shown = new LinkedHashMap<>();
    for (String name :
        List.of(
            "Content-Type", "ce-specversion", "ce-id", "Authorization", "X-Shardscaler-Token")) {
      shown.put(name, call.headers().get(name));
    }
    return shown.toString();
  }

  // ---- generators ----------------------------------------------------------------------------

  static Case cases(Source s) {
    String method =
        s.frequency(
            Weighted.value(24, "POST"),
            Weighted.of(
                2, t -> t.oneOf("GET", "post", "PUT", "TRACE", "OPTIONS", "HEAD", "DELETE", "")),
            Weighted.of(1, t -> t.strings(8)));
    String path =
        s.frequency(
            Weighted.of(24, t -> t.oneOf("/", "/scale")),
            Weighted.of(2, t -> t.oneOf("/x", "/scale/", "//", "/SCALE", "", "/\u001b")),
            Weighted.of(1, t -> t.strings(12)));
    String query =
        s.frequency(
            Weighted.of(24, t -> t.nullable(0.5, u -> "")), Weighted.of(1, t -> t.strings(10)));
    Map<String, String> headers = new LinkedHashMap<>();
    put(headers, "content-type", contentTypes(s));
    headers.putAll(cloudEvent(s));
    String authorization = credential(s);
    put(headers, "authorization", authorization == null ? null : "Bearer " + authorization);
    put(headers, "x-shardscaler-token", credential(s));
    byte[] body = bodies(s);
    String iamCaller = s.nullable(0.5, t -> "arn:aws:sts::123456789012:assumed-role/ops/ops");
    return new Case(
        new HttpCall(
            method,
            path,
            query,
            name -> headers.get(name.toLowerCase(Locale.ROOT)),
            body,
            iamCaller),
        s.ints(0, 3),
        s.ints(0, 7));
  }

  private static void put(Map<String, String> map, String name, String value) {
    if (value != null) {
      map.put(name, value);
    }
  }

  static String contentTypes(Source s) {
    return s.frequency(
        Weighted.of(
            30,
            t ->
                t.oneOf(
                    "application/json",
                    "application/json; charset=utf-8",
                    "application/cloudevents+json")),
        Weighted.of(
            3,
            t ->
                t.oneOf(
                    "text/plain",
                    "application/json; charset=latin1",
                    "application/cloudevents-batch+json",
                    "application/json, text/plain",
                    "application/",
                    "multipart/form-data; boundary=x")),
        Weighted.of(1, t -> t.strings(30)),
        Weighted.value(2, (String) null));
  }

  static Map<String, String> cloudEvent(Source s) {
    return s.frequency(
        Weighted.value(3, Map.<String, String>of()),
        Weighted.value(
            1, Map.of("ce-specversion", "1.0", "ce-id", "1", "ce-type", "t", "ce-source", "/s")),
        Weighted.value(1, Map.of("ce-specversion", "0.3")));
  }

  static String credential(Source s) {
    return s.frequency(
        Weighted.value(3, (String) null),
        Weighted.value(2, TOKEN),
        Weighted.of(1, t -> t.strings(20)));
  }

  static byte[] bodies(Source s) {
    return s.frequency(
        Weighted.of(8, t -> utf8(RequestTexts.validRequests(t))),
        Weighted.of(6, t -> utf8(RequestTexts.requests(t))),
        Weighted.of(2, t -> utf8(RequestTexts.envelopes(t))),
        Weighted.of(2, t -> utf8(t.strings(60))),
        Weighted.of(2, t -> t.bytes(80)),
        Weighted.of(
            1,
            t -> {
              int n = t.ints(HttpTrigger.MAX_BODY_BYTES - 2, HttpTrigger.MAX_BODY_BYTES + 2);
              return utf8("{" + " ".repeat(n - 2) + "}");
            }));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * JSON texts: valid ones (generated), and mutations of them. Without runs of 19 digits or more:
   * Gson, the oracle here, reads those as unquoted strings (and refuses them when strict), where
   * RFC 8259 has a number.
   */
  static String jsonTexts(Source s) {
    String text;
    do {
      text =
          s.frequency(
              Weighted.of(3, RequestTexts::requests),
              Weighted.of(1, t -> RequestTexts.mutate(RequestTexts.requests(t))));
    } while (LONG_DIGITS.matcher(text).find());
    return text;
  }

  private static final Pattern LONG_DIGITS = Pattern.compile("[0-9]{19,}");
}
