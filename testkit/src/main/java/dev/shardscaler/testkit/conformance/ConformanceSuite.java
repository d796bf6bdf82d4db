package dev.shardscaler.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP conformance suite: every case of {@link ConformanceCases} sent to one entry point
 * through its real transport, plus what needs an entry point of its own (a stuck pass, a broken
 * configuration, no override authority). An adapter module gets the whole suite by extending this
 * class and saying how to start its entry point ({@link #transport()}).
 *
 * <p>Every case checks the status, the body's shape and words, the headers, what reached Discord
 * and the cluster, that no secret is in the answer or in any log line, and that every log line is
 * well formed (no raw control character; the platform's own format). The table of the run lands in
 * {@code target/conformance-<transport>.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ConformanceSuite {
  private static final Set<String> OUTCOMES =
      Set.of("SCALED", "UNCHANGED", "BLOCKED", "DRY_RUN", "FAILED");
  private static final String PLATFORM_DEBUG = "DEBUG org.apache.";

  private Transport transport;
  private Backends backends;
  private EntryPoint entry;
  private final List<String> table = new ArrayList<>();

  /** How this module starts its entry point and reaches it. */
  protected abstract Transport transport();

  @BeforeAll
  void start() throws Exception {
    transport = transport();
    backends = new Backends();
    backends.reset();
    entry = transport.start(backends.env(transport.authentication()));
  }

  @AfterAll
  void stop() throws IOException {
    if (entry != null) {
      entry.close();
    }
    backends.close();
    List<String> lines = new ArrayList<>();
    lines.add("| area | case | status | cluster | answer says |");
    lines.add("|---|---|---|---|---|");
    lines.addAll(table);
    Path report = Path.of("target", "conformance-" + transport.name() + ".md");
    Files.createDirectories(report.getParent());
    Files.write(report, lines, StandardCharsets.UTF_8);
    System.out.println(
        "HTTP conformance, " + transport.name() + ": " + table.size() + " cases → " + report);
  }

  Stream<Arguments> cases() {
    return ConformanceCases.all().stream().map(c -> Arguments.of(Named.of(c.toString(), c)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Order(1)
  void conforms(Case c) {
    backends.reset();
    c.arrange().accept(backends);
    Expectation expected = c.expectation(transport.authentication());

    List<String> logged = sendAndCheck(prepared(c.call()), expected);

    if (expected.shape() == Expectation.Shape.RESULT) {
      assertThat(logged)
          .as("the pass's trigger is logged")
          .anyMatch(line -> line.contains("trigger "));
    }
    table.add(
        "| "
            + c.area()
            + " | "
            + c.name().replace("|", "\\|")
            + " | "
            + expected.statusText()
            + " | "
            + expected.cluster().name().toLowerCase().replace('_', ' ')
            + " | "
            + String.join(", ", expected.saying().stream().map(s -> "`" + s + "`").toList())
                .replace("|", "\\|")
            + " |");
  }

  /**
   * A second call while a pass is stuck waits a few seconds, then is told to come back: 503 with
   * {@code Retry-After}; it never queues behind the stuck pass and never reaches Discord.
   */
  @Test
  @Order(2)
  void aCallWhileAPassIsStuckIsToldToRetry() throws Exception {
    backends.reset();
    Map<String, String> env = backends.env(transport.authentication());
    env.put("SCALER_DISCORD_READ_TIMEOUT", "60s");
    try (EntryPoint second = transport.start(env)) {
      CompletableFuture<Answer> first;
      Answer busy;
      try (AutoCloseable gate = backends.discord.holdAnswers()) {
        first =
            CompletableFuture.supplyAsync(
                () -> second.send(prepared(Call.post("{\"reason\":\"first\"}"))));
        backends.discord.awaitRequests(1, Duration.ofSeconds(30));
        busy = second.send(prepared(Call.post("{\"reason\":\"second\"}")));
      }
      Answer done = first.get(60, TimeUnit.SECONDS);

      checkAnswer(
          Expectation.refusal(503).saying("another pass is running").headerPresent("Retry-After"),
          busy);
      assertThat(Integer.parseInt(busy.header("Retry-After"))).isPositive();
      assertThat(done.status()).as(done.toString()).isEqualTo(200);
      assertThat(backends.discord.requests()).as("only the first call reached Discord").hasSize(1);
      checkLogs(second.logLines());
    }
  }

  /** A broken configuration answers every call with 500 naming each problem, contacting nobody. */
  @Test
  @Order(3)
  void aBrokenConfigurationIsNamedOnEveryCall() throws Exception {
    backends.reset();
    Map<String, String> env = backends.env(transport.authentication());
    env.put("K8S_SHARDS_PER_BOT", "zero");
    env.put("SCALER_MIN_SHARDS", "many");
    env.remove("K8S_CONTAINER");
    try (EntryPoint broken = transport.start(env)) {
      Answer answer = broken.send(prepared(Call.post("{\"reason\":\"scheduled\"}")));

      checkAnswer(
          Expectation.refusal(500)
              .saying("K8S_SHARDS_PER_BOT", "SCALER_MIN_SHARDS", "K8S_CONTAINER"),
          answer);
      checkCluster(Expectation.Cluster.UNTOUCHED);
      checkLogs(broken.logLines());
      assertThat(broken.logLines())
          .as("the problems are logged")
          .anyMatch(line -> line.contains("K8S_SHARDS_PER_BOT"));
    }
  }

  /**
   * Who may send overrides when nothing authorizes them: a token style without {@code
   * SCALER_HTTP_TOKEN} refuses overrides (403) and still runs scheduled passes; IAM needs no token,
   * and a {@code SCALER_HTTP_TOKEN} set anyway is a configuration problem naming the key (it would
   * sit in plain text in the function's configuration).
   */
  @Test
  @Order(4)
  void overridesWithoutTheirAuthority() throws Exception {
    backends.reset();
    Map<String, String> env = backends.env(transport.authentication());
    if (transport.authentication() == AuthenticationStyle.IAM) {
      env.put("SCALER_HTTP_TOKEN", Backends.HTTP_TOKEN);
      try (EntryPoint misconfigured = transport.start(env)) {
        Answer answer =
            misconfigured.send(
                prepared(Call.post("{\"shards\":20}").credentials(Credentials.VALID)));

        checkAnswer(
            Expectation.refusal(500).saying("SCALER_HTTP_TOKEN").notSaying(Backends.HTTP_TOKEN),
            answer);
        checkCluster(Expectation.Cluster.UNTOUCHED);
        checkLogs(misconfigured.logLines());
      }
      return;
    }
    env.remove("SCALER_HTTP_TOKEN");
    try (EntryPoint closed = transport.start(env)) {
      Answer override =
          closed.send(prepared(Call.post("{\"shards\":20}").credentials(Credentials.WRONG)));
      checkAnswer(Expectation.refusal(403).saying("set SCALER_HTTP_TOKEN"), override);
      checkCluster(Expectation.Cluster.UNTOUCHED);

      Answer scheduled = closed.send(prepared(Call.post("{\"reason\":\"scheduled\"}")));
      checkAnswer(Expectation.result(200).saying("SCALED_UP"), scheduled);
      checkCluster(Expectation.Cluster.WRITTEN);
      checkLogs(closed.logLines());
    }
  }

  /**
   * Two targets behind one entry point: the result lists each under its name with the worst on top
   * and the worst status (one target scaled, one refused by Discord: 502); a request may pick one
   * target by name, and a name that is not configured is 400 naming the configured ones, before
   * anything is contacted.
   */
  @Test
  @Order(5)
  void severalTargetsAnswerTogetherOrOneByName() throws Exception {
    backends.reset();
    Map<String, String> env = backends.severalTargets(transport.authentication());
    try (EntryPoint several = transport.start(env)) {
      backends.kube.clearRequests();
      backends.api.resetRequests();
      Answer all = several.send(prepared(Call.post("{\"reason\":\"scheduled\"}")));

      checkAnswer(
          Expectation.result(502)
              .saying(
                  "FAILED DISCORD_UNAUTHORIZED",
                  "2 targets: main SCALED (SCALED_UP); premium FAILED (DISCORD_UNAUTHORIZED)"),
          all);
      JsonArray targets = all.json().getAsJsonObject().getAsJsonArray("targets");
      assertThat(targets).as("each target's result under its name").hasSize(2);
      assertThat(targets.get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("main");
      assertThat(targets.get(0).getAsJsonObject().get("outcome").getAsString()).isEqualTo("SCALED");
      assertThat(
              targets
                  .get(0)
                  .getAsJsonObject()
                  .getAsJsonObject("target")
                  .get("statefulSet")
                  .getAsString())
          .isEqualTo("bot");
      assertThat(targets.get(1).getAsJsonObject().get("reason").getAsString())
          .isEqualTo("DISCORD_UNAUTHORIZED");
      assertThat(backends.discord.requestsWith(Backends.MAIN_TOKEN)).hasSize(1);
      assertThat(backends.discord.requestsWith(Backends.PREMIUM_TOKEN)).hasSize(1);
      checkCluster(Expectation.Cluster.WRITTEN);

      backends.discord.clearRequests();
      Answer one = several.send(prepared(Call.post("{\"target\":\"main\",\"dryRun\":true}")));
      checkAnswer(Expectation.result(200).saying("1 target: main"), one);
      assertThat(one.json().getAsJsonObject().getAsJsonArray("targets")).hasSize(1);
      assertThat(backends.discord.requests()).hasSize(1);
      assertThat(backends.discord.requestsWith(Backends.MAIN_TOKEN)).hasSize(1);

      backends.discord.clearRequests();
      backends.kube.clearRequests();
      backends.api.resetRequests();
      Answer unknown = several.send(prepared(Call.post("{\"target\":\"staging\"}")));
      checkAnswer(
          Expectation.refusal(400)
              .saying("no target named \"staging\" is configured (configured: main, premium)"),
          unknown);
      checkCluster(Expectation.Cluster.UNTOUCHED);
      checkLogs(several.logLines());
    }
  }

  /** Every line the entry point logged in the whole run: no secret, well formed. */
  @Test
  @Order(6)
  void everyLogLineOfTheRunIsSafe() {
    assertThat(entry.logLines()).isNotEmpty();
    checkLogs(entry.logLines());
  }

  // ---- for a transport's own tests -----------------------------------------------------------

  /**
   * Sends this call to the suite's entry point exactly as written (no credentials or platform
   * headers added) on fresh backends, checks the answer, the cluster and the log lines the call
   * caused against {@code expected}, and returns those lines.
   */
  protected final List<String> exchange(Call call, Expectation expected) {
    backends.reset();
    return sendAndCheck(call, expected);
  }

  // ---- the checks ----------------------------------------------------------------------------

  private List<String> sendAndCheck(Call call, Expectation expected) {
    int logMark = entry.logLines().size();
    Answer answer = entry.send(call);
    checkAnswer(expected, answer);
    checkCluster(expected.cluster());
    List<String> all = entry.logLines();
    List<String> logged = List.copyOf(all.subList(Math.min(logMark, all.size()), all.size()));
    checkLogs(logged);
    return logged;
  }

  /** The call as this entry point's callers would present its credentials. */
  private Call prepared(Call call) {
    Call prepared = call;
    for (Map.Entry<String, String> header : transport.platformHeaders()) {
      prepared = prepared.header(header.getKey(), header.getValue());
    }
    String token =
        switch (call.credentials()) {
          case VALID -> Backends.HTTP_TOKEN;
          case WRONG -> Backends.WRONG_TOKEN;
          case NONE -> null;
        };
    if (token == null) {
      return prepared;
    }
    return switch (transport.authentication()) {
      case BEARER_TOKEN -> prepared.header("Authorization", "Bearer " + token);
      case TOKEN_HEADER -> prepared.header("X-Shardscaler-Token", token);
      case IAM -> prepared; // the transport tells the function who the caller is
    };
  }

  private void checkAnswer(Expectation expected, Answer answer) {
    assertThat(answer.status())
        .as("status of %s", answer)
        .matches(expected::allows, expected.statusText());
    assertThat(answer.header("Content-Type"))
        .as("Content-Type of %s", answer)
        .isNotNull()
        .startsWith("application/json");
    expected
        .headers()
        .forEach(
            (name, value) -> {
              assertThat(answer.header(name)).as("header %s of %s", name, answer).isNotNull();
              if (value != null) {
                assertThat(answer.header(name)).as("header %s", name).isEqualTo(value);
              }
            });
    for (String absent : expected.absentHeaders()) {
      assertThat(answer.header(absent)).as("header %s of %s", absent, answer).isNull();
    }
    for (String secret : secrets()) {
      assertThat(answer.toString()).as("the answer shows a secret").doesNotContain(secret);
    }
    for (String fragment : expected.notSaying()) {
      assertThat(answer.body()).as("the body of %s", answer).doesNotContain(fragment);
    }
    if (expected.shape() == Expectation.Shape.NO_BODY) {
      return;
    }
    JsonElement json = answer.json();
    assertThat(json).as("the body is JSON: %s", answer).isNotNull();
    assertThat(json.isJsonObject()).as("the body is a JSON object: %s", answer).isTrue();
    JsonObject body = json.getAsJsonObject();
    boolean isResult = body.has("outcome");
    switch (expected.shape()) {
      case RESULT -> assertThat(isResult).as("a result: %s", answer).isTrue();
      case ERROR -> assertThat(isResult).as("an error: %s", answer).isFalse();
      default -> {}
    }
    String says = isResult ? checkResult(body, answer) : checkError(body, answer);
    for (String fragment : expected.saying()) {
      assertThat(says).as("what %s says", answer).contains(fragment);
    }
  }

  private static String checkResult(JsonObject body, Answer answer) {
    assertThat(OUTCOMES).as("outcome of %s", answer).contains(body.get("outcome").getAsString());
    assertThat(body.get("reason").isJsonPrimitive()).as("reason of %s", answer).isTrue();
    assertThat(body.get("message").isJsonPrimitive()).as("message of %s", answer).isTrue();
    assertThat(body.get("outcome").getAsString().equals("FAILED"))
        .as("FAILED exactly when the status is not 200: %s", answer)
        .isEqualTo(answer.status() != 200);
    return body.get("outcome").getAsString()
        + " "
        + body.get("reason").getAsString()
        + ": "
        + body.get("message").getAsString();
  }

  private static String checkError(JsonObject body, Answer answer) {
    assertThat(body.keySet())
        .as("an error's fields: %s", answer)
        .containsExactlyInAnyOrder("status", "error", "message", "problems");
    assertThat(body.get("status").getAsInt()).as("status in %s", answer).isEqualTo(answer.status());
    assertThat(body.get("error").getAsString()).as("error in %s", answer).isNotBlank();
    JsonArray problems = body.getAsJsonArray("problems");
    assertThat(problems).as("problems in %s", answer).isNotEmpty();
    List<String> each = new ArrayList<>();
    problems.forEach(p -> each.add(p.getAsString()));
    assertThat(body.get("message").getAsString())
        .as("message = the problems joined: %s", answer)
        .isEqualTo(String.join("; ", each));
    return body.get("message").getAsString();
  }

  private void checkCluster(Expectation.Cluster expected) {
    switch (expected) {
      case WRITTEN -> assertThat(backends.kube.writes()).as("the cluster was written").isNotEmpty();
      case NOT_WRITTEN ->
          assertThat(backends.kube.writes()).as("no write reached the cluster").isEmpty();
      case UNTOUCHED -> {
        assertThat(backends.clusterRequests()).as("requests to the API server").isZero();
        assertThat(backends.kube.requests()).as("requests to the cluster's store").isEmpty();
        assertThat(backends.discord.requests()).as("requests to Discord").isEmpty();
      }
    }
  }

  /**
   * No secret in any line, and every line that a shipped configuration writes (INFO and above, or
   * any level of the scaler's own loggers) free of raw control characters and well formed. The
   * tests capture libraries' DEBUG lines too, which the shipped configurations do not write.
   */
  private void checkLogs(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith(PLATFORM_DEBUG)) {
        continue; // Tomcat's request dumps at DEBUG: off in every shipped configuration
      }
      for (String secret : secrets()) {
        assertThat(line).as("a log line shows a secret").doesNotContain(secret);
      }
      boolean libraryDebug =
          (line.startsWith("DEBUG ") || line.startsWith("TRACE "))
              && !line.substring(6).startsWith("dev.shardscaler.");
      if (libraryDebug) {
        continue;
      }
      assertThat(line.codePoints().filter(ConformanceSuite::unsafe).findFirst())
          .as("a raw control character in the log line %s", line)
          .isEmpty();
      transport.checkLogLine(line);
    }
  }

  /** Characters that break log lines or their display when written raw. */
  static boolean unsafe(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }

  private List<String> secrets() {
    List<String> secrets =
        new ArrayList<>(
            List.of(
                Backends.BOT_TOKEN,
                Backends.HTTP_TOKEN,
                Backends.MAIN_TOKEN,
                Backends.PREMIUM_TOKEN));
    secrets.addAll(transport.secrets());
    return secrets;
  }
}
