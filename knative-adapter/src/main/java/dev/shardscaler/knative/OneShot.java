package dev.shardscaler.knative;

import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.Statuses;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * One pass from the command line (the CronJob, a laptop): no web server, no Spring context. The
 * result JSON goes to stdout; the exit status is 0 unless the pass FAILED (1) or could not start
 * (2).
 */
final class OneShot {
  private OneShot() {}

  static int run(Map<String, String> env, List<String> args, PrintStream out, PrintStream err) {
    ScaleRequest request;
    try {
      request = parseArgs(args);
    } catch (IllegalArgumentException e) {
      err.println("shardscaler: " + e.getMessage());
      ShardscalerApplication.usage(err);
      return Statuses.EXIT_CONFIG;
    }
    if (request == null) {
      ShardscalerApplication.usage(out);
      return 0;
    }
    ScaleFunction function;
    try {
      Settings settings = Settings.fromEnv(env);
      function =
          ScaleFunction.create(
              settings, KubernetesClients.fromEnvironment(env, settings.kubernetesTimeout()));
    } catch (ConfigException e) {
      err.println("shardscaler: cannot start, " + e.getMessage());
      e.problems().forEach(problem -> err.println("  - " + problem));
      return Statuses.EXIT_CONFIG;
    }
    ScaleResult result = function.apply(request);
    out.println(result.toJson());
    out.flush();
    return Statuses.exitCode(result);
  }

  /** The request the flags describe; null for --help. */
  static ScaleRequest parseArgs(List<String> args) {
    Integer shards = null;
    Integer shardsPerBot = null;
    Boolean dryRun = null;
    String reason = "one-shot";
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--once" -> {}
        case "--help", "-h" -> {
          return null;
        }
        case "--dry-run" -> dryRun = true;
        case "--shards" -> shards = number(arg, value(args, ++i, arg));
        case "--shards-per-bot" -> shardsPerBot = number(arg, value(args, ++i, arg));
        case "--reason" -> reason = value(args, ++i, arg);
        default -> throw new IllegalArgumentException("unknown argument \"" + arg + "\"");
      }
    }
    ScaleRequest request =
        ScaleRequest.because(reason)
            .withShards(shards)
            .withShardsPerBot(shardsPerBot)
            .withDryRun(dryRun);
    if (!request.problems().isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", request.problems()));
    }
    return request;
  }

  private static String value(List<String> args, int index, String flag) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args.get(index);
  }

  private static int number(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be an integer, got \"" + value + "\"");
    }
  }
}
