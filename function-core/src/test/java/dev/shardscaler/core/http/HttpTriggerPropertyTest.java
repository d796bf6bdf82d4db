package dev.shardscaler.core.http;

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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
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
  @BeforeContainer
  static void quiet() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(HttpTrigger.class))
        .setLevel(ch.qos.logback.classic.Level.OFF);
  }

  @AfterContainer
  static void loud() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(HttpTrigger.class)).setLevel(null);
  }

  // Edge cases off: mixed in, they would use up the tries on empty methods and paths.
  @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
  void everyAnswerHasTheContractsShape(@ForAll("cases") Case c) {
    AtomicInteger passes = new AtomicInteger();
    HttpTrigger trigger =
        new HttpTrigger(pass(c.behaviour(), passes), authority(c.authority()), Duration.ZERO);

    HttpAnswer answer = trigger.handle(c.call());
    Statistics.label("status").collect(answer.status());

    assertThat(STATUSES).as("status of %s", answer).contains(answer.status());
    assertThat(answer.body()).as("the answer shows the token").doesNotContain(TOKEN);
    JsonObject body = strictObject(answer.body());
    if (body.has("outcome")) {
      assertThat(passes.get()).as("a result comes from a pass").isEqualTo(1);
      assertThat(body.get("outcome").getAsString().equals("FAILED"))
          .isEqualTo(answer.status() != 200);
      return;
    }
    assertThat(body.keySet()).containsExactlyInAnyOrder("status", "error", "message", "problems");
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
  }

  @Property(tries = 3000)
  void parsingThrowsNothingButInvalidRequest(@ForAll("bodies") byte[] body) {
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
  }

  @Property(tries = 2000)
  void whatStrictJsonReadsGsonReadsTheSame(@ForAll("jsonTexts") String text) {
    JsonElement ours;
    try {
      ours = StrictJson.parse(text, "body");
    } catch (InvalidRequestException e) {
      return;
    }
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    assertThat(ours.toString()).isEqualTo(JsonParser.parseReader(reader).toString());
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

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<String> method =
        Arbitraries.frequencyOf(
            Tuple.of(24, Arbitraries.just("POST")),
            Tuple.of(
                2, Arbitraries.of("GET", "post", "PUT", "TRACE", "OPTIONS", "HEAD", "DELETE", "")),
            Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
    Arbitrary<String> path =
        Arbitraries.frequencyOf(
            Tuple.of(24, Arbitraries.of("/", "/scale")),
            Tuple.of(2, Arbitraries.of("/x", "/scale/", "//", "/SCALE", "", "/\u001b")),
            Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
    Arbitrary<String> query =
        Arbitraries.frequencyOf(
            Tuple.of(24, Arbitraries.of("", "").injectNull(0.5)),
            Tuple.of(1, Arbitraries.strings().ofMaxLength(10)));
    Arbitrary<Map<String, String>> headers =
        Combinators.combine(contentTypes(), cloudEvent(), credential(), credential())
            .as(
                (type, ce, authorization, tokenHeader) -> {
                  Map<String, String> map = new LinkedHashMap<>();
                  put(map, "content-type", type);
                  map.putAll(ce);
                  put(
                      map,
                      "authorization",
                      authorization == null ? null : "Bearer " + authorization);
                  put(map, "x-shardscaler-token", tokenHeader);
                  return map;
                });
    Arbitrary<String> iamCaller =
        Arbitraries.of("arn:aws:sts::123456789012:assumed-role/ops/ops").injectNull(0.5);
    return Combinators.combine(
            method,
            path,
            query,
            headers,
            bodies(),
            iamCaller,
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 7))
        .as(
            (m, p, q, h, b, iam, authority, behaviour) ->
                new Case(
                    new HttpCall(m, p, q, name -> h.get(name.toLowerCase(Locale.ROOT)), b, iam),
                    authority,
                    behaviour));
  }

  private static void put(Map<String, String> map, String name, String value) {
    if (value != null) {
      map.put(name, value);
    }
  }

  static Arbitrary<String> contentTypes() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            30,
            Arbitraries.of(
                "application/json",
                "application/json; charset=utf-8",
                "application/cloudevents+json")),
        Tuple.of(
            3,
            Arbitraries.of(
                "text/plain",
                "application/json; charset=latin1",
                "application/cloudevents-batch+json",
                "application/json, text/plain",
                "application/",
                "multipart/form-data; boundary=x")),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(30)),
        Tuple.of(2, Arbitraries.just((String) null)));
  }

  static Arbitrary<Map<String, String>> cloudEvent() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(Map.of())),
        Tuple.of(
            1,
            Arbitraries.just(
                Map.of("ce-specversion", "1.0", "ce-id", "1", "ce-type", "t", "ce-source", "/s"))),
        Tuple.of(1, Arbitraries.just(Map.of("ce-specversion", "0.3"))));
  }

  static Arbitrary<String> credential() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just((String) null)),
        Tuple.of(2, Arbitraries.just(TOKEN)),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(20)));
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, validRequests().map(text -> text.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(6, requests().map(text -> text.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(2, envelopes().map(text -> text.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(
            2, Arbitraries.strings().ofMaxLength(60).map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(80)),
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(HttpTrigger.MAX_BODY_BYTES - 2, HttpTrigger.MAX_BODY_BYTES + 2)
                .map(n -> ("{" + " ".repeat(n - 2) + "}").getBytes(StandardCharsets.UTF_8))));
  }

  /** Scale requests the contract accepts (the pass runs, unless credentials are missing). */
  static Arbitrary<String> validRequests() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 100_000).injectNull(0.7),
            Arbitraries.of("true", "false").injectNull(0.4),
            Arbitraries.strings().alpha().numeric().withChars(' ', '-', 'é').ofMaxLength(40))
        .as(
            (shards, dryRun, reason) ->
                "{"
                    + (shards == null ? "" : "\"shards\":" + shards + ",")
                    + (dryRun == null ? "" : "\"dryRun\":" + dryRun + ",")
                    + "\"reason\":"
                    + quoted(reason)
                    + "}");
  }

  /** Scale requests, right or subtly wrong: known and unknown fields, any kind of value. */
  static Arbitrary<String> requests() {
    Arbitrary<String> field =
        Arbitraries.frequencyOf(
            Tuple.of(
                8,
                Arbitraries.of(
                    "shards",
                    "shardsPerBot",
                    "overrideFor",
                    "clearOverride",
                    "dryRun",
                    "reason",
                    "namespace")),
            Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
    Arbitrary<String> entry =
        Combinators.combine(field, values()).as((name, value) -> quoted(name) + ":" + value);
    Arbitrary<String> object =
        entry.list().ofMaxSize(4).map(entries -> "{" + String.join(",", entries) + "}");
    return Arbitraries.frequencyOf(
        Tuple.of(8, object),
        Tuple.of(2, object.map(HttpTriggerPropertyTest::mutate)),
        Tuple.of(1, Arbitraries.of("", " ", "null", "[]", "{}", "{\"dryRun\":true}")));
  }

  static Arbitrary<String> envelopes() {
    Arbitrary<String> data =
        Arbitraries.frequencyOf(
            Tuple.of(3, requests().map(r -> ",\"data\":" + r)),
            Tuple.of(
                2,
                requests()
                    .map(
                        r ->
                            ",\"data_base64\":\""
                                + java.util.Base64.getEncoder()
                                    .encodeToString(r.getBytes(StandardCharsets.UTF_8))
                                + "\"")),
            Tuple.of(1, Arbitraries.of("", ",\"data_base64\":[1]", ",\"data\":\"x\"")));
    return data.map(
        d -> "{\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"/s\",\"id\":\"1\"" + d + "}");
  }

  static Arbitrary<String> values() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().between(-5, 200_000).map(String::valueOf)),
        Tuple.of(
            3,
            Arbitraries.of(
                "1e10001",
                "1e9999999999",
                "-1e10001",
                "1e-10001",
                "1E400",
                "1.5",
                "99999999999",
                "4.0",
                "0",
                "-0",
                "1" + "0".repeat(70))),
        Tuple.of(2, Arbitraries.of("true", "false", "null", "[]", "{}", "[1,\"x\"]")),
        Tuple.of(3, Arbitraries.strings().ofMaxLength(20).map(HttpTriggerPropertyTest::quoted)),
        Tuple.of(
            2,
            Arbitraries.of(
                "\"6h\"",
                "\"a day\"",
                "\"tick\\u001b[31m\"",
                "\"a\\tb\"",
                "\"\\u2028\"",
                "\"\\ud800\"",
                "\"" + "r".repeat(300) + "\"")));
  }

  /**
   * JSON texts: valid ones (generated), and mutations of them. Without runs of 19 digits or more:
   * Gson, the oracle here, reads those as unquoted strings (and refuses them when strict), where
   * RFC 8259 has a number.
   */
  @Provide
  Arbitrary<String> jsonTexts() {
    return Arbitraries.frequencyOf(
            Tuple.of(3, requests()), Tuple.of(1, requests().map(HttpTriggerPropertyTest::mutate)))
        .filter(text -> !LONG_DIGITS.matcher(text).find());
  }

  private static final java.util.regex.Pattern LONG_DIGITS =
      java.util.regex.Pattern.compile("[0-9]{19,}");

  /** The text with one character dropped, doubled or replaced. */
  static String mutate(String text) {
    if (text.isEmpty()) {
      return "{";
    }
    int at = Math.floorMod(text.hashCode(), text.length());
    return switch (Math.floorMod(text.length(), 3)) {
      case 0 -> text.substring(0, at) + text.substring(at + 1);
      case 1 -> text.substring(0, at) + text.charAt(at) + text.substring(at);
      default -> text.substring(0, at) + "'\u0000,]}:".charAt(at % 6) + text.substring(at + 1);
    };
  }

  static String quoted(String text) {
    return new com.google.gson.JsonPrimitive(text).toString();
  }
}
