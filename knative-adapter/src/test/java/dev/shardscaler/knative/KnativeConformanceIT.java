package dev.shardscaler.knative;

import dev.shardscaler.testkit.LogCapture;
import dev.shardscaler.testkit.conformance.Answer;
import dev.shardscaler.testkit.conformance.AuthenticationStyle;
import dev.shardscaler.testkit.conformance.Call;
import dev.shardscaler.testkit.conformance.ConformanceSuite;
import dev.shardscaler.testkit.conformance.EntryPoint;
import dev.shardscaler.testkit.conformance.HttpWire;
import dev.shardscaler.testkit.conformance.Transport;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The HTTP conformance suite against the real Knative app (Spring Boot, Tomcat) over HTTP. */
class KnativeConformanceIT extends ConformanceSuite {

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
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        LogCapture logs = new LogCapture();
        ConfigurableApplicationContext app = ShardscalerApplication.start(env, "--server.port=0");
        String url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        return new EntryPoint() {
          @Override
          public Answer send(Call call) {
            return HttpWire.send(url, call);
          }

          @Override
          public List<String> logLines() {
            return logs.lines();
          }

          @Override
          public void close() {
            app.close();
            logs.close();
          }
        };
      }
    };
  }
}
