package dev.shardscaler.gcp;

import static dev.shardscaler.testkit.conformance.Expectation.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.shardscaler.testkit.conformance.AuthenticationStyle;
import dev.shardscaler.testkit.conformance.Backends;
import dev.shardscaler.testkit.conformance.Call;
import dev.shardscaler.testkit.conformance.ConformanceSuite;
import dev.shardscaler.testkit.conformance.EntryPoint;
import dev.shardscaler.testkit.conformance.Transport;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTP conformance suite against the deploy jar in the real Functions Framework invoker (a
 * child process, as Cloud Run functions runs it), with the environment Cloud Run sets, so that the
 * invoker logs one JSON object per line.
 */
class FunctionsFrameworkConformanceIT extends ConformanceSuite {
  /** What Cloud Run puts in Authorization: the caller's Google identity token (checked by IAM). */
  static final String IDENTITY_TOKEN =
      "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL3NoYXJkc2NhbGVyLmEucnVuLmFwcCIsImVtYWlsIjoic2NoZWR1bGVyQHAuaWFtLmdzZXJ2aWNlYWNjb3VudC5jb20ifQ.SIGNATURE";

  static final String STDERR = "stderr: ";

  @Override
  protected Transport transport() {
    return new Transport() {
      @Override
      public String name() {
        return "gcp";
      }

      @Override
      public AuthenticationStyle authentication() {
        return AuthenticationStyle.TOKEN_HEADER;
      }

      @Override
      public List<Map.Entry<String, String>> platformHeaders() {
        return List.of(Map.entry("Authorization", IDENTITY_TOKEN));
      }

      @Override
      public EntryPoint start(Map<String, String> env) throws Exception {
        Map<String, String> cloudRun = new HashMap<>(env);
        cloudRun.put("K_SERVICE", "shardscaler");
        cloudRun.put("K_REVISION", "shardscaler-00001-abc");
        cloudRun.put("FUNCTION_TARGET", InvokerProcess.TARGET);
        Path workDir = Files.createTempDirectory("shardscaler-conformance");
        InvokerProcess invoker = InvokerProcess.start(cloudRun, workDir);
        String url = invoker.url.substring(0, invoker.url.length() - 1);
        return EntryPoint.overHttp(
            url,
            () -> {
              List<String> lines = new ArrayList<>(invoker.stdoutLines());
              invoker.stderrLines().forEach(line -> lines.add(STDERR + line));
              return lines;
            },
            invoker::close);
      }

      /** On stdout, Cloud Logging's structured format: one JSON object with a severity. */
      @Override
      public void checkLogLine(String line) {
        if (line.startsWith(STDERR)) {
          return;
        }
        JsonObject entry;
        try {
          JsonReader reader = new JsonReader(new StringReader(line));
          reader.setStrictness(Strictness.STRICT);
          entry = JsonParser.parseReader(reader).getAsJsonObject();
        } catch (RuntimeException e) {
          throw new AssertionError("not one strict JSON object: " + line, e);
        }
        assertThat(entry.has("severity")).as(line).isTrue();
        assertThat(entry.has("message")).as(line).isTrue();
      }
    };
  }

  /**
   * On Cloud Run, {@code Authorization} belongs to the platform (the caller's identity token). Even
   * the right override token is not read from it: the override is refused, naming the header to
   * use, and nothing is contacted.
   */
  @Test
  void theOverrideTokenIsNeverReadFromAuthorization() {
    exchange(
        Call.post("{\"shards\":20}").header("Authorization", "Bearer " + Backends.HTTP_TOKEN),
        refusal(401)
            .saying("X-Shardscaler-Token", "missing")
            .header("WWW-Authenticate", "X-Shardscaler-Token realm=\"shardscaler\"")
            .notSaying(Backends.HTTP_TOKEN));
  }
}
