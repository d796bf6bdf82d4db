package dev.shardscaler.knative;

import dev.shardscaler.simulator.SimulateCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one artifact for Knative, the CronJob and laptops. {@code --server} (or running under
 * Knative, which sets {@code K_SERVICE}) starts the HTTP app; otherwise — {@code --once}, or no
 * mode at all, as the seed's CronJob runs it — one pass runs and the exit status tells its outcome.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ShardscalerApplication {

  public static void main(String[] args) {
    Map<String, String> env = ScalerEnvironment.from(System.getenv());
    if (args.length > 0 && args[0].equals("simulate")) {
      List<String> rest = Arrays.asList(args).subList(1, args.length);
      System.exit(SimulateCommand.run(env, rest, System.out, System.err));
    }
    if (serverMode(env, args)) {
      start(env, args);
    } else {
      System.exit(OneShot.run(env, Arrays.asList(args), System.out, System.err));
    }
  }

  static boolean serverMode(Map<String, String> env, String[] args) {
    List<String> flags = Arrays.asList(args);
    if (flags.contains("--once")) {
      return false;
    }
    return flags.contains("--server") || env.containsKey("K_SERVICE");
  }

  /** Starts the HTTP app with this environment (tests and the sandbox pass their own). */
  public static ConfigurableApplicationContext start(Map<String, String> env, String... args) {
    // Logging is configured in code (LogSetup) before Spring starts; Boot's logging system would
    // reset it to its own console format (and cost a second configuration on every cold start).
    if (System.getProperty(LoggingSystem.SYSTEM_PROPERTY) == null) {
      System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    }
    SpringApplication app = new SpringApplication(ShardscalerApplication.class);
    if (!Boolean.getBoolean("spring.aot.processing")) {
      app.addInitializers(new ScalerBeans(env));
    }
    String[] springArgs =
        Arrays.stream(args).filter(arg -> !arg.equals("--server")).toArray(String[]::new);
    return app.run(springArgs);
  }

  /** For tests: the usage text of the one-shot mode. */
  static void usage(PrintStream out) {
    out.println(
        """
        usage: shardscaler [--once] [--dry-run] [--shards N] [--shards-per-bot N]
                          [--override-for DURATION | --clear-override] [--reason TEXT]
                          [--target NAME]
               shardscaler --server
               shardscaler simulate --help   (what-if: replay a guild history, docs/SAFETY.md)
          --once             run one scaling pass, print the result, exit (the default)
          --dry-run          plan everything, write nothing
          --shards N         run N shards instead of Discord's recommendation (an override,
                             recorded on the StatefulSet and held by every pass until it expires)
          --shards-per-bot N run N shards per pod (an override, held the same way)
          --override-for D   how long the override holds (default SCALER_OVERRIDE_TTL, 24h)
          --clear-override   drop the recorded override: the configuration applies again
          --reason TEXT      free text recorded in the logs and the Kubernetes Event
          --target NAME      run the pass on this configured target only (default: all)
          --server           serve HTTP (Knative; PingSource and ad-hoc calls)
        exit status: 0 SCALED/UNCHANGED/BLOCKED/DRY_RUN, 1 FAILED, 2 bad configuration or usage
        configuration: environment variables, see README.md""");
  }
}
