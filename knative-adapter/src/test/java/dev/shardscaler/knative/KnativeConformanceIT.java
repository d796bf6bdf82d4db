package dev.shardscaler.knative;

import static dev.shardscaler.testkit.conformance.Expectation.refusal;
import static dev.shardscaler.testkit.conformance.Expectation.result;

import dev.shardscaler.testkit.LogCapture;
import dev.shardscaler.testkit.conformance.AuthenticationStyle;
import dev.shardscaler.testkit.conformance.Backends;
import dev.shardscaler.testkit.conformance.Call;
import dev.shardscaler.testkit.conformance.ConformanceSuite;
import dev.shardscaler.testkit.conformance.EntryPoint;
import dev.shardscaler.testkit.conformance.Transport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The HTTP conformance suite against the real Knative app (Spring Boot, Tomcat) over HTTP. */
class KnativeConformanceIT extends ConformanceSuite {
  static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

  @Override
  protected Transport transport() {
    return new Transport() {
      @Override
      public String name() {
        return "knative";
      }

      @Override
      public AuthenticationStyle authentication() {
        return AuthenticationStyle.BEARER_TOKEN;
      }

      @Override
      public EntryPoint start(Map<String, String> env) {
        // Spring Boot would reset logback when the first app of this JVM starts, taking the
        // capture's appender with it; the app's own log lines are what the suite checks.
        String loggingSystem = System.setProperty(LOGGING_SYSTEM, "none");
        LogCapture logs = new LogCapture();
        ConfigurableApplicationContext app;
        try {
          app = ShardscalerApplication.start(env, "--server.port=0");
        } finally {
          if (loggingSystem == null) {
            System.clearProperty(LOGGING_SYSTEM);
          } else {
            System.setProperty(LOGGING_SYSTEM, loggingSystem);
          }
        }
        String url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        return EntryPoint.overHttp(
            url,
            logs::lines,
            () -> {
              app.close();
              logs.close();
            });
      }
    };
  }

  /**
   * Inside the cluster, callers such as a PingSource or a script may not be able to set {@code
   * Authorization}: the token is accepted in its own header too.
   */
  @Test
  void theOverrideTokenMayComeInItsOwnHeader() {
    exchange(
        Call.post("{\"shards\":20}").header("X-Shardscaler-Token", Backends.HTTP_TOKEN),
        result(200).saying("SCALED").written());
  }

  /** A caller without the token is challenged with the Bearer scheme (RFC 6750). */
  @Test
  void aMissingTokenIsChallengedWithBearer() {
    exchange(
        Call.post("{\"shards\":20}"),
        refusal(401).header("WWW-Authenticate", "Bearer realm=\"shardscaler\""));
  }
}
