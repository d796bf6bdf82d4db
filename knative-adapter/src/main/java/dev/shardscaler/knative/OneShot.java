package dev.shardscaler.knative;

import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.PassReport;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleRequestParser;
import dev.shardscaler.core.Statuses;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.config.Names;
import dev.shardscaler.core.http.CallerText;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.core.targets.LocalTokens;
import dev.shardscaler.core.targets.Targets;
import dev.shardscaler.core.targets.TargetsFunction;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass from the command line (the CronJob, a laptop): no web server, no Spring context. The
 * result JSON goes to stdout; the exit status is 0 unless the pass FAILED (1) or could not start
 * (2).
 */
final class OneShot {
  private static final Logger log = LoggerFactory.getLogger(OneShot.class);

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
    TargetsFunction function;
    try {
      Targets targets = Targets.fromEnv(env);
      function =
          TargetsFunction.create(
              targets,
              new LocalTokens(env),
              KubernetesClients.fromEnvironment(env, targets.kubernetesTimeout()));
    } catch (ConfigException e) {
      err.println("shardscaler: cannot start, " + e.getMessage());
      e.problems().forEach(problem -> err.println("  - " + problem));
      return Statuses.EXIT_CONFIG;
    }
    log.info(
        "trigger one-shot reason={} overrides={}",
        CallerText.quote(request.reason()),
        request.overrides());
    PassReport result;
    try {
      result = function.apply(request);
    } catch (InvalidRequestException e) {
      // --target names no configured target: nothing was contacted
      err.println(
          "shardscaler: "
              + String.join("; ", e.problems()).replace("field \"target\"", "--target"));
      return Statuses.EXIT_CONFIG;
    }
    out.println(result.toJson());
    out.flush();
    return result.exitCode();
  }

  /** The request the flags describe; null for --help. */
  static ScaleRequest parseArgs(List<String> args) {
    Integer shards = null;
    Integer shardsPerBot = null;
    Boolean dryRun = null;
    java.time.Duration overrideFor = null;
    Boolean clearOverride = null;
    String reason = "one-shot";
    String target = null;
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
        case "--override-for" -> overrideFor = duration(arg, value(args, ++i, arg));
        case "--clear-override" -> clearOverride = true;
        case "--target" -> target = targetName(value(args, ++i, arg));
        default -> throw new IllegalArgumentException("unknown argument " + CallerText.quote(arg));
      }
    }
    ScaleRequest request =
        ScaleRequest.because(reason)
            .withShards(shards)
            .withShardsPerBot(shardsPerBot)
            .withOverrideFor(overrideFor)
            .withClearOverride(clearOverride)
            .withDryRun(dryRun)
            .withTarget(target);
    List<String> problems = new java.util.ArrayList<>();
    for (String problem : request.problems()) {
      // the request's field names, as the flags that set them
      problems.add(
          problem
              .replace("field \"shardsPerBot\"", "--shards-per-bot")
              .replace("field \"shards\"", "--shards")
              .replace("field \"overrideFor\"", "--override-for")
              .replace("field \"clearOverride\"", "--clear-override")
              .replace("\"shardsPerBot\"", "--shards-per-bot")
              .replace("\"shards\"", "--shards"));
    }
    String reasonProblem = ScaleRequestParser.reasonProblem(reason);
    if (reasonProblem != null) {
      problems.add(reasonProblem.replace("field \"reason\"", "--reason"));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return request;
  }

  private static java.time.Duration duration(String flag, String value) {
    java.time.Duration parsed = dev.shardscaler.core.config.DurationParser.parse(value);
    if (parsed == null) {
      throw new IllegalArgumentException(
          flag + " must be a duration such as 6h, 90m or 2d, got " + CallerText.quote(value));
    }
    return parsed;
  }

  private static String targetName(String value) {
    if (!Names.isDnsLabel(value)) {
      throw new IllegalArgumentException(
          "--target must be the name of a configured target, got " + CallerText.quote(value));
    }
    return value;
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
      throw new IllegalArgumentException(
          flag + " must be an integer, got " + CallerText.quote(value));
    }
  }
}
