package dev.shardscaler.testkit.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.shardscaler.testkit.DiscordFake.cloudflareBan;
import static dev.shardscaler.testkit.DiscordFake.forbidden;
import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static dev.shardscaler.testkit.DiscordFake.json;
import static dev.shardscaler.testkit.DiscordFake.rateLimited;
import static dev.shardscaler.testkit.DiscordFake.serverError;
import static dev.shardscaler.testkit.DiscordFake.unauthorized;
import static dev.shardscaler.testkit.conformance.AuthenticationStyle.IAM;
import static dev.shardscaler.testkit.conformance.AuthenticationStyle.TOKEN_HEADER;
import static dev.shardscaler.testkit.conformance.Backends.EVENTS;
import static dev.shardscaler.testkit.conformance.Backends.STATEFULSET;
import static dev.shardscaler.testkit.conformance.Expectation.refusal;
import static dev.shardscaler.testkit.conformance.Expectation.result;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The HTTP contract as a table: every case any entry point must answer the same way (docs/HTTP.md
 * states the contract in words). The fault rows script Discord and the API server; the others are
 * the caller's mistakes and attacks, each refused before anyone is contacted.
 */
public final class ConformanceCases {
  /** What no 400 message may carry: the JSON library's own words. */
  static final String[] LIBRARY_WORDS = {
    "JsonReader", "Strictness", "LENIENT", "lenient", "gson", "Gson", "Malformed", "See https"
  };

  private static final String PING_SOURCE = "/apis/v1/namespaces/discord/pingsources/shardscaler";

  private ConformanceCases() {}

  public static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    cases.addAll(accepted());
    cases.addAll(overrides());
    cases.addAll(methodsAndPaths());
    cases.addAll(contentTypes());
    cases.addAll(jsonSyntax());
    cases.addAll(fields());
    cases.addAll(target());
    cases.addAll(cloudEvents());
    cases.addAll(discord());
    cases.addAll(kubernetes());
    return List.copyOf(cases);
  }

  // ---- what is accepted ----------------------------------------------------------------------

  static List<Case> accepted() {
    String padded = "{\"dryRun\":true}";
    padded = padded + " ".repeat(16 * 1024 - padded.length());
    return List.of(
        Case.of(
            "accepted",
            "plain JSON, the scheduled pass",
            Call.post("{\"reason\":\"scheduled\"}"),
            result(200).saying("SCALED_UP").written()),
        Case.of(
            "accepted",
            "empty body with application/json: the scheduled pass",
            Call.post(""),
            result(200).saying("SCALED_UP").written()),
        Case.of(
            "accepted",
            "PingSource tick (binary-mode CloudEvent)",
            pingSource("{\"reason\":\"scheduled\"}"),
            result(200).saying("SCALED_UP").written()),
        Case.of(
            "accepted",
            "binary-mode CloudEvent without Content-Type or data",
            pingSource("").contentType(null),
            result(200).saying("SCALED_UP").written()),
        Case.of(
            "accepted",
            "structured CloudEvent with data",
            structured("\"data\":{\"reason\":\"scheduled\"}"),
            result(200).saying("SCALED_UP").written()),
        Case.of(
            "accepted",
            "structured CloudEvent with data_base64",
            structured("\"data_base64\":\"" + base64("{\"dryRun\":true}") + "\""),
            result(200).saying("DRY_RUN")),
        Case.of(
            "accepted",
            "structured CloudEvent without data: the scheduled pass",
            structured(null),
            result(200).saying("SCALED_UP").written()),
        Case.of(
            "accepted",
            "charset=UTF-8 in any case, quoted",
            Call.post("{\"dryRun\":true}").contentType("Application/JSON; Charset=\"UTF-8\""),
            result(200).saying("DRY_RUN")),
        Case.of(
            "accepted",
            "POST /scale, dry run without credentials",
            Call.post("{\"dryRun\":true}").target("/scale"),
            result(200).saying("DRY_RUN")),
        Case.of(
            "accepted",
            "a body of exactly 16 KiB",
            Call.post(padded),
            result(200).saying("DRY_RUN")),
        Case.of(
            "accepted",
            "a UTF-8 byte order mark before the JSON",
            Call.post("").body(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{}")),
            result(200).saying("SCALED_UP").written()),
        Case.of(
            "accepted",
            "a reason in any script, with emoji",
            Call.post("{\"dryRun\":true,\"reason\":\"Größe 📈 — 增长 👨‍👩‍👧\"}"),
            result(200).saying("DRY_RUN")),
        Case.of(
            "accepted",
            "a CloudEvent type and id with control characters are logged safely",
            structuredRaw(
                "{\"specversion\":\"1.0\",\"type\":\"t\\u001b[31m\\u0000\\n\",\"source\":\"/s\","
                    + "\"id\":\"\\u202eevil\\t1\",\"data\":{\"dryRun\":true}}"),
            result(200).saying("DRY_RUN")));
  }

  // ---- overrides and who may send them -------------------------------------------------------

  static List<Case> overrides() {
    Expectation missing =
        refusal(401).saying("need the override token").headerPresent("WWW-Authenticate");
    Expectation headerMissing =
        refusal(401).saying("X-Shardscaler-Token", "missing").headerPresent("WWW-Authenticate");
    Expectation notIam = refusal(403).saying("AWS_IAM");
    return List.of(
        Case.of(
            "overrides",
            "shards with valid credentials",
            Call.post("{\"shards\":20,\"reason\":\"launch day\"}").credentials(Credentials.VALID),
            result(200).saying("SCALED").written()),
        Case.of(
            "overrides",
            "shardsPerBot with valid credentials",
            Call.post("{\"shardsPerBot\":8}").credentials(Credentials.VALID),
            result(200).saying("SCALED").written()),
        Case.of("overrides", "shards without credentials", Call.post("{\"shards\":32}"), missing)
            .when(TOKEN_HEADER, headerMissing)
            .when(IAM, notIam),
        Case.of(
                "overrides",
                "a real run (dryRun false) without credentials",
                Call.post("{\"dryRun\":false}"),
                missing)
            .when(TOKEN_HEADER, headerMissing)
            .when(IAM, notIam),
        Case.of(
                "overrides",
                "shards with a wrong token",
                Call.post("{\"shards\":32}").credentials(Credentials.WRONG),
                refusal(401)
                    .saying("the override token is not valid")
                    .headerPresent("WWW-Authenticate")
                    .notSaying(Backends.WRONG_TOKEN, Backends.HTTP_TOKEN))
            .when(IAM, notIam.notSaying(Backends.WRONG_TOKEN)),
        Case.of(
                "overrides",
                "clearOverride without credentials",
                Call.post("{\"clearOverride\":true}"),
                missing)
            .when(TOKEN_HEADER, headerMissing)
            .when(IAM, notIam),
        Case.of(
            "overrides",
            "an invalid override is refused before credentials are asked for",
            Call.post("{\"shards\":1e10001}"),
            refusal(400).saying("field \"shards\"")));
  }

  // ---- methods, paths, query -----------------------------------------------------------------

  static List<Case> methodsAndPaths() {
    List<Case> cases = new ArrayList<>();
    for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
      cases.add(
          Case.of(
              "methods",
              method,
              Call.post("{}").method(method),
              refusal(405).saying("use POST").header("Allow", "POST")));
    }
    cases.add(
        Case.of(
            "methods",
            "HEAD",
            Call.post("").method("HEAD"),
            refusal(405).header("Allow", "POST").noBody()));
    cases.add(
        Case.of(
            "methods",
            "lower-case post (method names are case-sensitive)",
            Call.post("{\"reason\":\"scheduled\"}").method("post"),
            refusal(405).saying("use POST").header("Allow", "POST")));
    cases.add(
        Case.of(
            "methods",
            "a CORS preflight gets no CORS permission",
            Call.post("")
                .method("OPTIONS")
                .contentType(null)
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"),
            refusal(405)
                .header("Allow", "POST")
                .headerAbsent("Access-Control-Allow-Origin")
                .headerAbsent("Access-Control-Allow-Methods")));
    for (String path :
        List.of("/x", "/scale/", "/index.html", "/SCALE", "/scale/x", "/scale.json")) {
      cases.add(
          Case.of(
              "paths",
              "POST " + path,
              Call.post("{\"reason\":\"scheduled\"}").target(path),
              refusal(404).saying("no such path")));
    }
    cases.add(
        Case.of(
            "paths",
            "GET of an unknown path is 404, not 405",
            Call.post("").method("GET").target("/admin"),
            refusal(404).saying("no such path")));
    cases.add(
        Case.of(
            "paths",
            "a query string",
            Call.post("{}").target("/?dryRun=true"),
            refusal(400).saying("query")));
    return cases;
  }

  // ---- content types, charsets, bytes, size --------------------------------------------------

  static List<Case> contentTypes() {
    String body = "{\"reason\":\"scheduled\"}";
    List<Case> cases = new ArrayList<>();
    for (String type :
        List.of(
            "text/plain",
            "text/plain; charset=utf-8",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/xml",
            "application/merge-patch+json",
            "application/",
            "json")) {
      cases.add(
          Case.of(
              "content type",
              type,
              Call.post(body).contentType(type),
              refusal(415).saying("Content-Type")));
    }
    cases.add(
        Case.of(
            "content type",
            "none, with a body",
            Call.post(body).contentType(null),
            refusal(415).saying("Content-Type")));
    cases.add(
        Case.of(
            "content type",
            "none, without a body (not a CloudEvent)",
            Call.post("").contentType(null),
            refusal(415).saying("Content-Type")));
    cases.add(
        Case.of(
            "content type",
            "two Content-Type headers",
            Call.post(body).header("Content-Type", "text/plain"),
            refusal(415).saying("Content-Type")));
    cases.add(
        Case.of(
            "content type",
            "batched CloudEvents",
            Call.post("[]").contentType("application/cloudevents-batch+json"),
            refusal(415).saying("batch")));
    for (String charset : List.of("iso-8859-1", "utf-16", "us-ascii")) {
      cases.add(
          Case.of(
              "charset",
              "application/json; charset=" + charset,
              Call.post(body).contentType("application/json; charset=" + charset),
              refusal(415).saying("charset")));
    }
    cases.add(
        Case.of(
            "charset",
            "invalid UTF-8 inside a string",
            Call.post("")
                .body(concat("{\"reason\":\"caf".getBytes(), new byte[] {(byte) 0xE9}, "\"}")),
            refusal(400).saying("not valid UTF-8", "offset 14")));
    cases.add(
        Case.of(
            "charset",
            "an overlong UTF-8 encoding",
            Call.post("")
                .body(
                    concat(
                        "{\"reason\":\"".getBytes(), new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}")),
            refusal(400).saying("not valid UTF-8")));
    cases.add(
        Case.of(
            "charset",
            "an encoded surrogate",
            Call.post("")
                .body(
                    concat(
                        "{\"reason\":\"".getBytes(),
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        "\"}")),
            refusal(400).saying("not valid UTF-8")));
    cases.add(
        Case.of(
            "charset",
            "a truncated sequence at the end",
            Call.post("").body(concat("{}".getBytes(), new byte[] {(byte) 0xE2, (byte) 0x82})),
            refusal(400).saying("not valid UTF-8")));
    cases.add(
        Case.of(
            "size",
            "a body over 16 KiB",
            Call.post("{\"reason\":\"" + "x".repeat(17_000) + "\"}"),
            refusal(413).saying("larger than 16384 bytes")));
    return cases;
  }

  // ---- JSON syntax: strict, and said in our words --------------------------------------------

  static List<Case> jsonSyntax() {
    List<Case> cases = new ArrayList<>();
    String[][] rows = {
      {"unterminated object", "{\"shards\": 16,", "line 1, column 15"},
      {"unquoted field name", "{dryRun: true}", "line 1, column 2"},
      {"single quotes", "{'dryRun': true}", "line 1, column 2"},
      {"trailing comma", "{\"dryRun\": true,}", "line 1, column 17"},
      {"a second value after the object", "{\"dryRun\": true} {}", "line 1, column 18"},
      {"a comment", "{\"dryRun\": true} // tick", "line 1, column 18"},
      {"NaN", "{\"shards\": NaN}", "line 1, column 12"},
      {"a leading zero", "{\"shards\": 012}", "line 1, column 13"},
      {"True", "{\"dryRun\": True}", "line 1, column 12"},
      {"an error on line 3", "{\n  \"dryRun\": true,\n  \"reason\" \"x\"\n}", "line 3, column 12"},
      {"a raw tab inside a string", "{\"reason\":\"a\tb\"}", "line 1, column 13"},
      {"an unknown escape", "{\"reason\":\"a\\qb\"}", "line 1, column 13"},
      {"a duplicate field", "{\"dryRun\":true,\"dryRun\":false}", "\"dryRun\" appears twice"},
      {"nesting 1000 deep", "{\"reason\":" + "[".repeat(1000) + "]".repeat(1000) + "}", "deeper"},
    };
    for (String[] row : rows) {
      cases.add(
          Case.of(
              "JSON",
              row[0],
              Call.post(row[1]),
              refusal(400).saying("body is not valid JSON", row[2]).notSaying(LIBRARY_WORDS)));
    }
    for (String[] row :
        new String[][] {
          {"an array", "[1,2]"}, {"a string", "\"scale\""}, {"null", "null"}, {"a number", "7"}
        }) {
      cases.add(
          Case.of(
              "JSON",
              row[0],
              Call.post(row[1]),
              refusal(400).saying("must be a JSON object").notSaying(LIBRARY_WORDS)));
    }
    return cases;
  }

  // ---- fields: types, ranges, absurd numbers, caller text ------------------------------------

  static List<Case> fields() {
    List<Case> cases = new ArrayList<>();
    String[][] numbers = {
      {"shards 1e10001", "{\"shards\":1e10001}", "field \"shards\""},
      {"shards 1e9999999999", "{\"shards\":1e9999999999}", "field \"shards\""},
      {"shards -1e10001", "{\"shards\":-1e10001}", "field \"shards\""},
      {"shards 1e-10001", "{\"shards\":1e-10001}", "field \"shards\" must be an integer"},
      {"shards 1E400", "{\"shards\":1E400}", "field \"shards\""},
      {"shards 1.5", "{\"shards\":1.5}", "field \"shards\" must be an integer"},
      {"shards 99999999999", "{\"shards\":99999999999}", "field \"shards\""},
      {"shards 100001", "{\"shards\":100001}", "field \"shards\" must be from 1 to 100000"},
      {"shards -4", "{\"shards\":-4}", "must be from 1 to 100000, got -4"},
      {"shards as a string", "{\"shards\":\"16\"}", "field \"shards\" must be an integer"},
      {"shards true", "{\"shards\":true}", "field \"shards\" must be an integer"},
      {"shardsPerBot 0", "{\"shardsPerBot\":0}", "must be from 1 to 100000, got 0"},
      {"shardsPerBot 1e10001", "{\"shardsPerBot\":1e10001}", "field \"shardsPerBot\""},
      {"dryRun \"no\"", "{\"dryRun\":\"no\"}", "field \"dryRun\" must be true or false"},
      {"dryRun 1e10001", "{\"dryRun\":1e10001}", "field \"dryRun\" must be true or false"},
      {"reason 7", "{\"reason\":7}", "field \"reason\" must be a string"},
      {"reason 1e10001", "{\"reason\":1e10001}", "field \"reason\" must be a string"},
      {"reason of 300 characters", "{\"reason\":\"" + "r".repeat(300) + "\"}", "at most 256"},
      {"overrideFor \"a day\"", "{\"shards\":20,\"overrideFor\":\"a day\"}", "\"overrideFor\""},
      {"overrideFor without an override", "{\"overrideFor\":\"6h\"}", "\"overrideFor\""},
      {"clearOverride \"yes\"", "{\"clearOverride\":\"yes\"}", "field \"clearOverride\""},
      {"clearOverride with shards", "{\"clearOverride\":true,\"shards\":4}", "\"clearOverride\""},
      {"an unknown field", "{\"shard\":16}", "unknown field \"shard\""},
      {"a retired target field", "{\"namespace\":\"other\"}", "cannot retarget"},
      {"an empty field name", "{\"\":1}", "unknown field \"\""},
    };
    for (String[] row : numbers) {
      cases.add(
          Case.of(
              "fields",
              row[0],
              Call.post(row[1]).credentials(Credentials.VALID),
              refusal(400).saying(row[2]).notSaying(LIBRARY_WORDS)));
    }
    String[][] controls = {
      {"a tab", "\\t"},
      {"NUL", "\\u0000"},
      {"ESC (a terminal colour)", "\\u001b[31m"},
      {"a newline (a forged log line)", "\\nINFO all good"},
      {"DEL", "\\u007f"},
      {"a C1 control", "\\u0085"},
      {"a line separator", "\\u2028"},
      {"a right-to-left override", "\\u202e"},
    };
    for (String[] row : controls) {
      cases.add(
          Case.of(
              "caller text",
              "reason with " + row[0],
              Call.post("{\"dryRun\":true,\"reason\":\"tick" + row[1] + "\"}"),
              refusal(400).saying("field \"reason\"", "control character")));
    }
    cases.add(
        Case.of(
            "caller text",
            "an unknown field name with ESC and a newline",
            Call.post("{\"x\\u001b[2J\\nINFO forged\":1}"),
            refusal(400).saying("unknown field").notSaying("\u001b", "\nINFO")));
    return cases;
  }

  // ---- the target field: one of the configured targets, by name ------------------------------

  static List<Case> target() {
    return List.of(
        Case.of(
            "target",
            "the single bot by its name (its StatefulSet's)",
            Call.post("{\"target\":\"bot\",\"dryRun\":true}"),
            result(200).saying("DRY_RUN")),
        Case.of(
            "target",
            "a name that is not configured",
            Call.post("{\"target\":\"premium\",\"dryRun\":true}"),
            refusal(400).saying("no target named \"premium\" is configured (configured: bot)")),
        Case.of(
            "target",
            "a namespace-like name",
            Call.post("{\"target\":\"other/bot\"}"),
            refusal(400).saying("field \"target\" must be the name of a configured target")),
        Case.of(
            "target",
            "a number",
            Call.post("{\"target\":7}"),
            refusal(400).saying("field \"target\" must be a string")),
        Case.of(
                "target",
                "a target with an override and no credentials",
                Call.post("{\"target\":\"bot\",\"shards\":20}"),
                refusal(401).saying("need the override token"))
            .when(TOKEN_HEADER, refusal(401).saying("X-Shardscaler-Token", "missing"))
            .when(IAM, refusal(403).saying("AWS_IAM")));
  }

  // ---- CloudEvents ---------------------------------------------------------------------------

  static List<Case> cloudEvents() {
    String attributes = "\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"/s\",\"id\":\"1\"";
    return List.of(
        Case.of(
            "CloudEvents",
            "structured with unquoted names",
            structuredRaw("{specversion:\"1.0\",type:\"t\",source:\"/s\",id:\"1\"}"),
            refusal(400).saying("not valid JSON", "line 1, column 2").notSaying(LIBRARY_WORDS)),
        Case.of(
            "CloudEvents",
            "data and data_base64 together",
            structured(
                "\"data\":{\"dryRun\":true},\"data_base64\":\"" + base64("{\"shards\":99}") + "\""),
            refusal(400).saying("data", "data_base64", "not both")),
        Case.of(
            "CloudEvents",
            "data_base64 as an array",
            structured("\"data_base64\":[1,2]"),
            refusal(400).saying("\"data_base64\"", "string")),
        Case.of(
            "CloudEvents",
            "data_base64 that is not base64",
            structured("\"data_base64\":\"%%%\""),
            refusal(400).saying("\"data_base64\"", "base64")),
        Case.of(
            "CloudEvents",
            "data_base64 of invalid UTF-8",
            structured("\"data_base64\":\"/w==\""),
            refusal(400).saying("UTF-8")),
        Case.of(
            "CloudEvents",
            "data as a JSON string",
            structured("\"data\":\"{\\\"shards\\\":99}\""),
            refusal(400).saying("\"data\"", "JSON object")),
        Case.of(
            "CloudEvents",
            "data as an array",
            structured("\"data\":[1]"),
            refusal(400).saying("\"data\"", "JSON object")),
        Case.of(
            "CloudEvents",
            "data with a bad field",
            structured("\"data\":{\"shards\":\"many\"}"),
            refusal(400).saying("field \"shards\" must be an integer")),
        Case.of(
            "CloudEvents",
            "structured without id",
            structuredRaw("{\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"/s\"}"),
            refusal(400).saying("\"id\"", "missing")),
        Case.of(
            "CloudEvents",
            "structured with a numeric id",
            structuredRaw("{\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"/s\",\"id\":1}"),
            refusal(400).saying("\"id\"", "string")),
        Case.of(
            "CloudEvents",
            "structured specversion 0.3",
            structuredRaw(
                "{\"specversion\":\"0.3\",\"type\":\"t\",\"source\":\"/s\",\"id\":\"1\"}"),
            refusal(400).saying("specversion")),
        Case.of(
            "CloudEvents",
            "structured datacontenttype text/plain",
            structured("\"datacontenttype\":\"text/plain\",\"data\":{}"),
            refusal(415).saying("datacontenttype")),
        Case.of(
            "CloudEvents",
            "structured envelope that is an array",
            structuredRaw("[{" + attributes + "}]"),
            refusal(400).saying("JSON object")),
        Case.of(
            "CloudEvents",
            "binary mode without ce-id",
            pingSource("{}").withoutHeader("ce-id"),
            refusal(400).saying("ce-id")),
        Case.of(
            "CloudEvents",
            "binary mode specversion 0.3",
            pingSource("{}").withoutHeader("ce-specversion").header("ce-specversion", "0.3"),
            refusal(400).saying("specversion")));
  }

  // ---- the fault matrix: Discord -------------------------------------------------------------

  static List<Case> discord() {
    DiscordFake.Response slow = gatewayBot(16, 1000, 1).withDelay(Duration.ofSeconds(1));
    Call tick = Call.post("{\"reason\":\"scheduled\"}");
    return List.of(
        fault("Discord", "401 invalid token", tick, result(502).saying("check BOT_TOKEN"))
            .arranged(b -> b.discordAnswers(unauthorized())),
        fault("Discord", "403", tick, result(502).saying("HTTP 403"))
            .arranged(b -> b.discordAnswers(forbidden())),
        fault("Discord", "429 short, then OK", tick, result(200).saying("SCALED_UP").written())
            .arranged(b -> b.discordAnswers(rateLimited(0.2))),
        fault("Discord", "429 short twice", tick, result(502).saying("again after one wait"))
            .arranged(b -> b.discordAnswers(rateLimited(0.2), rateLimited(0.2))),
        fault(
                "Discord",
                "429 long",
                tick,
                result(502).saying("longer than SCALER_DISCORD_MAX_RETRY_WAIT"))
            .arranged(b -> b.discordAnswers(rateLimited(3600))),
        fault("Discord", "429 without rate-limit headers", tick, result(502).saying("Cloudflare"))
            .arranged(b -> b.discordAnswers(cloudflareBan())),
        fault("Discord", "500 three times", tick, result(502).saying("HTTP 500 (after 3 attempts)"))
            .arranged(b -> b.discordAnswers(serverError(500), serverError(500), serverError(500))),
        fault("Discord", "502 three times", tick, result(502).saying("HTTP 502 (after 3 attempts)"))
            .arranged(b -> b.discordAnswers(serverError(502), serverError(502), serverError(502))),
        fault("Discord", "503 once, then OK", tick, result(200).saying("SCALED_UP").written())
            .arranged(b -> b.discordAnswers(serverError(503))),
        fault(
                "Discord",
                "timeout three times",
                tick,
                result(502).saying("did not answer GET /gateway/bot within 300 ms"))
            .arranged(b -> b.discordAnswers(slow, slow, slow)),
        fault("Discord", "garbage JSON", tick, result(502).saying("not a JSON object"))
            .arranged(b -> b.discordAnswers(json(200, "<html>oops</html>"))),
        fault(
                "Discord",
                "missing fields",
                tick,
                result(502).saying("field \"shards\" must be an integer"))
            .arranged(b -> b.discordAnswers(json(200, "{\"url\":\"wss://x\"}"))),
        fault("Discord", "shards 0", tick, result(502).saying("got 0"))
            .arranged(b -> b.discordAnswers(gatewayBody("0"))),
        fault("Discord", "shards negative", tick, result(502).saying("got -16"))
            .arranged(b -> b.discordAnswers(gatewayBody("-16"))),
        fault("Discord", "shards huge", tick, result(502).saying("got 50000000"))
            .arranged(b -> b.discordAnswers(gatewayBody("50000000"))),
        fault(
                "Discord",
                "shards 1e10001",
                tick,
                result(502).saying("field \"shards\" must be an integer"))
            .arranged(b -> b.discordAnswers(gatewayBody("1e10001"))),
        fault(
                "Discord",
                "shards 1e9999999999",
                tick,
                result(502).saying("field \"shards\" must be an integer"))
            .arranged(b -> b.discordAnswers(gatewayBody("1e9999999999"))),
        fault("Discord", "budget too small (guard)", tick, result(200).saying("IDENTIFY_BUDGET"))
            .arranged(b -> b.discordAnswers(gatewayBot(16, 1000, 20, 3_600_000, 1))));
  }

  // ---- the fault matrix: the Kubernetes API --------------------------------------------------

  static List<Case> kubernetes() {
    Call tick = Call.post("{\"reason\":\"scheduled\"}");
    return List.of(
        fault(
                "Kubernetes",
                "403 on GET",
                tick,
                result(503).saying("may not get statefulsets \"bot\""))
            .arranged(b -> b.apiAnswers(get(urlPathEqualTo(STATEFULSET)), 403)),
        fault("Kubernetes", "403 on PATCH", tick, result(503).saying("may not patch statefulsets"))
            .arranged(b -> b.apiAnswers(patch(urlPathEqualTo(STATEFULSET)), 403)),
        fault(
                "Kubernetes",
                "404 StatefulSet",
                tick,
                result(503).saying("not found in namespace \"discord\""))
            .arranged(b -> b.kube.deleteStatefulSet("discord", "bot")),
        fault("Kubernetes", "missing container", tick, result(500).saying("no container \"bot\""))
            .arranged(b -> b.kube.reseed(BotStatefulSet.seedExample().container("worker"))),
        fault("Kubernetes", "409 twice", tick, result(503).saying("again after one re-read"))
            .arranged(b -> b.apiAnswers(patch(urlPathEqualTo(STATEFULSET)), 409)),
        fault("Kubernetes", "409 once, then OK", tick, result(200).saying("SCALED_UP").written())
            .arranged(
                b ->
                    b.api.stubFor(
                        patch(urlPathEqualTo(STATEFULSET))
                            .atPriority(1)
                            .inScenario("conflict")
                            .whenScenarioStateIs(Scenario.STARTED)
                            .willReturn(aResponse().withStatus(409).withBody("{\"message\":\"x\"}"))
                            .willSetStateTo("conflicted"))),
        fault("Kubernetes", "422 on PATCH", tick, result(503).saying("rejected the patch"))
            .arranged(b -> b.apiAnswers(patch(urlPathEqualTo(STATEFULSET)), 422)),
        fault("Kubernetes", "500 on GET", tick, result(503).saying("(HTTP 500)"))
            .arranged(b -> b.apiAnswers(get(urlPathEqualTo(STATEFULSET)), 500)),
        fault(
                "Kubernetes",
                "timeout on GET",
                tick,
                result(503).saying("could not reach the Kubernetes API"))
            .arranged(
                b ->
                    b.apiAnswers(
                        get(urlPathEqualTo(STATEFULSET)),
                        aResponse().withFixedDelay(2500).proxiedFrom(b.kube.url()))),
        fault(
                "Kubernetes",
                "rollout in progress (guard; writes only its annotation)",
                tick,
                result(200).saying("ROLLOUT_IN_PROGRESS").written())
            .arranged(b -> b.kube.reseed(BotStatefulSet.seedExample().rolloutInProgress())),
        fault(
                "Kubernetes",
                "Event refused (best effort)",
                tick,
                result(200).saying("SCALED_UP").written())
            .arranged(b -> b.apiAnswers(post(urlPathEqualTo(EVENTS)), 403)),
        fault(
                "Kubernetes",
                "200 with an HTML body",
                tick,
                result(503).saying("KUBERNETES_BAD_RESPONSE", "not JSON"))
            .arranged(
                b ->
                    b.apiAnswers(
                        get(urlPathEqualTo(STATEFULSET)),
                        aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody("<html><body>proxy login</body></html>"))),
        fault(
                "Kubernetes",
                "containers holding a non-object",
                tick,
                result(500).saying("INVALID_STATEFULSET", "is not an object"))
            .arranged(
                b -> {
                  JsonObject set = b.kube.getStatefulSet("discord", "bot");
                  JsonArray containers =
                      set.getAsJsonObject("spec")
                          .getAsJsonObject("template")
                          .getAsJsonObject("spec")
                          .getAsJsonArray("containers");
                  containers.add(new JsonPrimitive("not a container"));
                  b.apiAnswers(
                      get(urlPathEqualTo(STATEFULSET)),
                      aResponse()
                          .withStatus(200)
                          .withHeader("Content-Type", "application/json")
                          .withBody(set.toString()));
                }));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static Case fault(String area, String name, Call call, Expectation expected) {
    return Case.of(area, name, call, expected);
  }

  static DiscordFake.Response gatewayBody(String shards) {
    return json(
        200,
        "{\"url\":\"wss://gateway.discord.gg\",\"shards\":"
            + shards
            + ",\"session_start_limit\":{\"total\":1000,\"remaining\":999,\"reset_after\":1000,"
            + "\"max_concurrency\":1}}");
  }

  /** What Knative's PingSource sends: a binary-mode CloudEvent with this body. */
  static Call pingSource(String body) {
    return Call.post(body)
        .header("ce-specversion", "1.0")
        .header("ce-type", "dev.knative.sources.ping")
        .header("ce-source", PING_SOURCE)
        .header("ce-id", "4ec6c4d3-2dbd-4bf5-a0e8-3a27a1ab7a3b")
        .header("ce-time", "2026-11-28T12:00:00Z");
  }

  /** A structured CloudEvent with the required attributes and {@code more} (or nothing more). */
  static Call structured(String more) {
    return structuredRaw(
        "{\"specversion\":\"1.0\",\"type\":\"dev.knative.sources.ping\",\"source\":\""
            + PING_SOURCE
            + "\",\"id\":\"a9c2a0f4\",\"time\":\"2026-11-28T12:10:00Z\""
            + (more == null ? "" : "," + more)
            + "}");
  }

  static Call structuredRaw(String envelope) {
    return Call.post(envelope).contentType("application/cloudevents+json; charset=utf-8");
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] concat(Object... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Object part : parts) {
      byte[] bytes =
          part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8);
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }
}
