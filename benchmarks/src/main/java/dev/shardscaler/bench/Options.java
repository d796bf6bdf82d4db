package dev.shardscaler.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's command line. Every artifact runs {@code runs} times per flag set, interleaved
 * round by round so that noise from the shared machine falls on all of them alike.
 *
 * @param flagSets JVM flags by name, applied identically to every child
 * @param heapSizesMb the -Xmx ladder, largest first; empty skips the heap search
 * @param classes one extra run per artifact with {@code -Xlog:class+load} to count classes
 * @param phases {@code runs} runs of {@link ColdPhases}: where a cold pass spends its time
 * @param quiet before a measured run, wait until at most this share of the CPUs is busy…
 * @param patience …but no longer than this
 */
record Options(
    Path repo,
    int runs,
    int warmups,
    List<String> artifacts,
    Map<String, List<String>> flagSets,
    List<Integer> heapSizesMb,
    String heapFlagSet,
    boolean scaling,
    boolean classes,
    boolean phases,
    double quiet,
    Duration patience,
    Duration timeout,
    Path awsJar,
    Path gcpJar,
    Path invokerJar,
    Path image,
    Path jdk17) {

  static final Path DEFAULT_JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

  static final Map<String, List<String>> KNOWN_FLAG_SETS =
      Map.of(
          "default", List.of(),
          // -Xshare:auto is the default; said aloud, it keeps a JVM with -XX:AOTCache from starting
          "tuned", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));

  static final List<String> FLAG_SET_NAMES = List.of("default", "tuned");

  static final String USAGE =
      """
      usage: java -jar benchmarks/target/benchmarks.jar coldstart [options]
        --runs N            measured runs per artifact and flag set (default 5)
        --warmup N          unmeasured runs per artifact first (default 1)
        --artifacts LIST    comma list of %s (default: all)
        --flags LIST        flag sets, comma list of default,tuned (default: both)
                              default = no flags; tuned = %s
        --heap LIST         -Xmx ladder in MB, largest first (default 256,128,64,32,24,16,12,10,8); none = skip
        --heap-flags NAME   flag set of the heap ladder (default tuned, what Lambda runs with)
        --no-scaling        skip the scaling pass (Discord at 16 shards) per artifact
        --classes           one more run per artifact with -Xlog:class+load: counts and a timeline
        --no-phases         skip the cold pass taken apart step by step (ColdPhases)
        --quiet PERCENT     before each run wait until the CPUs are at most this busy (default 25)
        --patience SECONDS  …for at most this long, then run anyway (default 20)
        --timeout SECONDS   per child process (default 60)
        --repo DIR          the shardscaler checkout (default: found from this jar, else .)
        --aws-jar FILE      default aws-adapter/target/aws-adapter-lambda.jar
        --gcp-jar FILE      default: the deployable jar under gcp-adapter/target
        --invoker FILE      java-function-invoker jar (default benchmarks/target/invoker/…)
        --image DIR         the container image's layout (default knative-adapter/target/image)
        --jdk17 DIR         the JDK 17 of the baseline-jdk17 row (default %s)
      """
          .formatted(
              String.join(",", Artifacts.IDS),
              String.join(" ", KNOWN_FLAG_SETS.get("tuned")),
              DEFAULT_JDK17);

  static Options parse(List<String> args, Path defaultRepo) {
    Path repo = defaultRepo;
    int runs = 5;
    int warmups = 1;
    List<String> artifacts = Artifacts.IDS;
    List<String> flagNames = List.of("default", "tuned");
    List<Integer> heap = List.of(256, 128, 64, 32, 24, 16, 12, 10, 8);
    String heapFlags = "tuned";
    boolean scaling = true;
    boolean classes = false;
    boolean phases = true;
    double quiet = 0.25;
    Duration patience = Duration.ofSeconds(20);
    Duration timeout = Duration.ofSeconds(60);
    Path aws = null;
    Path gcp = null;
    Path invoker = null;
    Path image = null;
    Path jdk17 = DEFAULT_JDK17;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--runs" -> runs = positive(arg, value(args, ++i, arg));
        case "--warmup" -> warmups = Integer.parseInt(value(args, ++i, arg));
        case "--artifacts" -> artifacts = list(value(args, ++i, arg), Artifacts.IDS, arg);
        case "--flags" -> flagNames = list(value(args, ++i, arg), FLAG_SET_NAMES, arg);
        case "--heap" -> heap = sizes(value(args, ++i, arg));
        case "--heap-flags" -> heapFlags = list(value(args, ++i, arg), FLAG_SET_NAMES, arg).get(0);
        case "--no-scaling" -> scaling = false;
        case "--classes" -> classes = true;
        case "--no-phases" -> phases = false;
        case "--quiet" -> quiet = positive(arg, value(args, ++i, arg)) / 100.0;
        case "--patience" -> patience = Duration.ofSeconds(Integer.parseInt(value(args, ++i, arg)));
        case "--timeout" -> timeout = Duration.ofSeconds(positive(arg, value(args, ++i, arg)));
        case "--repo" -> repo = Path.of(value(args, ++i, arg));
        case "--aws-jar" -> aws = Path.of(value(args, ++i, arg));
        case "--gcp-jar" -> gcp = Path.of(value(args, ++i, arg));
        case "--invoker" -> invoker = Path.of(value(args, ++i, arg));
        case "--image" -> image = Path.of(value(args, ++i, arg));
        case "--jdk17" -> jdk17 = Path.of(value(args, ++i, arg));
        default -> throw new IllegalArgumentException("unknown argument \"" + arg + "\"");
      }
    }
    if (!Files.isDirectory(repo)) {
      throw new IllegalArgumentException("--repo " + repo + " is not a directory");
    }
    Map<String, List<String>> flagSets = new LinkedHashMap<>();
    flagNames.forEach(name -> flagSets.put(name, KNOWN_FLAG_SETS.get(name)));
    return new Options(
        repo.toAbsolutePath().normalize(),
        runs,
        warmups,
        artifacts,
        flagSets,
        heap,
        heapFlags,
        scaling,
        classes,
        phases,
        quiet,
        patience,
        timeout,
        aws,
        gcp,
        invoker,
        (image != null ? image : repo.resolve("knative-adapter/target/image"))
            .toAbsolutePath()
            .normalize(),
        jdk17);
  }

  private static String value(List<String> args, int index, String flag) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args.get(index);
  }

  private static int positive(String flag, String value) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " must be an integer ≥ 1, got \"" + value + "\"");
  }

  private static List<String> list(String value, List<String> known, String flag) {
    List<String> chosen = new ArrayList<>();
    for (String item : value.split(",")) {
      String name = item.strip();
      if (name.equals("all")) {
        return known;
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            flag + " takes " + String.join(",", known) + ", got \"" + name + "\"");
      }
      chosen.add(name);
    }
    return List.copyOf(chosen);
  }

  private static List<Integer> sizes(String value) {
    if (value.equals("none")) {
      return List.of();
    }
    List<Integer> sizes = new ArrayList<>();
    for (String item : value.split(",")) {
      sizes.add(positive("--heap", item.strip()));
    }
    return List.copyOf(sizes);
  }
}
