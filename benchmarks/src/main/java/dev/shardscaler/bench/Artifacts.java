package dev.shardscaler.bench;

import dev.shardscaler.bench.launch.ColdPhases;
import dev.shardscaler.bench.launch.LambdaLauncher;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The artifacts the harness compares, found in the checkout's {@code target} folders. */
final class Artifacts {
  static final String BASELINE = "baseline";
  static final String BASELINE_17 = "baseline-jdk17";
  static final String KNATIVE_ONCE = "knative-once";
  static final String KNATIVE_SERVER = "knative-server";
  static final String IMAGE_ONCE = "image-once";
  static final String IMAGE_SERVER = "image-server";
  static final String IMAGE_ONCE_NO_AOT = "image-once-noaot";
  static final String IMAGE_SERVER_NO_AOT = "image-server-noaot";
  static final String LAMBDA = "lambda";
  static final String LAMBDA_SNAPSTART = "lambda-snapstart";
  static final String GCP_FUNCTION = "gcp-function";
  static final String PHASES = "phases";
  static final List<String> IDS =
      List.of(
          BASELINE,
          BASELINE_17,
          KNATIVE_ONCE,
          KNATIVE_SERVER,
          IMAGE_ONCE,
          IMAGE_SERVER,
          IMAGE_ONCE_NO_AOT,
          IMAGE_SERVER_NO_AOT,
          LAMBDA,
          LAMBDA_SNAPSTART,
          GCP_FUNCTION);

  static final String KNATIVE_MAIN = "dev.shardscaler.knative.ShardscalerApplication";

  static final String GCP_TARGET = "dev.shardscaler.gcp.ScalerFunction";

  private Artifacts() {}

  /**
   * @param launchers a classpath entry holding this module's launcher classes only
   * @param launchers17 the same, compiled for Java 17 (null: not available, see {@code why17})
   * @param image the container image's layout, or null if not built
   */
  static List<Artifact> resolve(
      Options options,
      Path launchers,
      Path launchers17,
      String why17,
      ImageLayout image,
      Fakes fakes) {
    Path repo = options.repo();
    Map<String, String> seed = fakes.seedEnv();
    Map<String, String> plainUrl = with(seed, "K8S_API_URL", fakes.kube.url());
    String noImage = "not built (" + options.image().resolve(ImageLayout.SUMMARY) + " missing)";
    List<Artifact> all = new ArrayList<>();
    for (String id : options.artifacts()) {
      all.add(
          switch (id) {
            case BASELINE ->
                new Artifact(
                    id,
                    "bare JVM: 2 GETs with java.net.http",
                    false,
                    List.of(
                        "-cp", launchers.toString(), "dev.shardscaler.bench.launch.BareBaseline"),
                    plainUrl,
                    null);
            case BASELINE_17 -> {
              Path java = options.jdk17().resolve("bin/java");
              String missing = why17 != null ? why17 : missing(java);
              yield new Artifact(
                  id,
                  "the same bare JVM program on JDK 17 (" + options.jdk17() + ")",
                  java.toString(),
                  false,
                  List.of(
                      "-cp",
                      String.valueOf(launchers17),
                      "dev.shardscaler.bench.launch.BareBaseline"),
                  plainUrl,
                  missing);
            }
            case KNATIVE_ONCE -> {
              Path jar = knativeJar(repo);
              yield new Artifact(
                  id,
                  "knative one-shot (java -jar shardscaler.jar --once)",
                  false,
                  List.of("-jar", jar.toString(), "--once"),
                  plainUrl,
                  missing(jar));
            }
            case KNATIVE_SERVER -> {
              Path jar = knativeJar(repo);
              yield new Artifact(
                  id,
                  "knative HTTP server (--server, POST /)",
                  true,
                  List.of("-jar", jar.toString(), "--server", "--server.port=" + Artifact.PORT),
                  plainUrl,
                  missing(jar));
            }
            case IMAGE_ONCE, IMAGE_ONCE_NO_AOT, IMAGE_SERVER, IMAGE_SERVER_NO_AOT ->
                image(id, image, plainUrl, noImage);
            case LAMBDA, LAMBDA_SNAPSTART -> {
              Path jar =
                  options.awsJar() != null
                      ? options.awsJar()
                      : repo.resolve("aws-adapter/target/aws-adapter-lambda.jar");
              List<String> arguments =
                  new ArrayList<>(
                      List.of(
                          "-cp",
                          launchers + File.pathSeparator + jar,
                          "dev.shardscaler.bench.launch.LambdaLauncher"));
              if (id.equals(LAMBDA_SNAPSTART)) {
                arguments.add(LambdaLauncher.SNAPSTART);
              }
              yield new Artifact(
                  id,
                  id.equals(LAMBDA)
                      ? "Lambda handler (ScalerHandler.handleRequest, event {})"
                      : "the same after its SnapStart hooks (priming, then restore)",
                  false,
                  arguments,
                  lambdaEnv(seed, fakes.kube.url()),
                  missing(jar));
            }
            case GCP_FUNCTION -> {
              Path jar = options.gcpJar() != null ? options.gcpJar() : gcpJar(repo);
              Path invoker = options.invokerJar() != null ? options.invokerJar() : invoker(repo);
              String missing = missing(jar);
              if (missing == null) {
                missing = missing(invoker);
              }
              yield new Artifact(
                  id,
                  "Functions Framework invoker 2.0.0 (POST /)",
                  true,
                  List.of(
                      "-jar",
                      invoker.toString(),
                      "--classpath",
                      jar.toString(),
                      "--target",
                      GCP_TARGET,
                      "--port",
                      Artifact.PORT),
                  with(plainUrl, "NO_GCE_CHECK", "true"),
                  missing);
            }
            default -> throw new IllegalArgumentException("unknown artifact " + id);
          });
    }
    return all;
  }

  /** The container image's layout run as the image runs it, with or without its mode's cache. */
  private static Artifact image(
      String id, ImageLayout image, Map<String, String> env, String noImage) {
    boolean server = id.startsWith(IMAGE_SERVER);
    boolean cached = id.equals(IMAGE_ONCE) || id.equals(IMAGE_SERVER);
    if (image == null) {
      return new Artifact(id, "the container image", server, List.of(), env, noImage);
    }
    String cache = server ? image.serverCache() : image.onceCache();
    return new Artifact(
        id,
        "the container image's "
            + (server ? "HTTP server (Spring AOT)" : "one-shot")
            + ": its runtime and entrypoint, "
            + (cached ? "its AOT cache (" + cache + ")" : "no AOT cache"),
        image.java(),
        server,
        server
            ? image.arguments("--server", "--server.port=" + Artifact.PORT)
            : image.arguments("--once"),
        cached ? merge(env, image.cacheEnv(cache)) : env,
        null);
  }

  static Path knativeJar(Path repo) {
    return repo.resolve("knative-adapter/target/shardscaler.jar");
  }

  /**
   * {@link ColdPhases} on the image's classpath (what a pass needs, plus Spring jars that it never
   * loads), else on this harness's own classpath.
   */
  static Artifact phases(Path launchers, ImageLayout image, Fakes fakes) {
    String classpath =
        launchers
            + File.pathSeparator
            + (image != null ? image.applicationJar().toString() : absoluteClasspath());
    return new Artifact(
        PHASES,
        "a cold pass taken apart (ColdPhases)",
        false,
        List.of("-cp", classpath, ColdPhases.class.getName()),
        with(fakes.seedEnv(), "K8S_API_URL", fakes.kube.url()),
        null);
  }

  /**
   * What a Lambda has: region and credentials in the environment (fake ones: presigning the EKS
   * token is local), the cluster's endpoint (plain http to loopback is allowed for tests), and the
   * bot token as env instead of a Secrets Manager secret. The metadata service is off, so nothing
   * can leave the machine.
   */
  static Map<String, String> lambdaEnv(Map<String, String> seed, String apiServer) {
    Map<String, String> env = new LinkedHashMap<>(seed);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_LAMBDA_FUNCTION_NAME", "shardscaler-bench");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256");
    env.put("EKS_CLUSTER_NAME", "bench");
    env.put("EKS_CLUSTER_ENDPOINT", apiServer);
    return env;
  }

  /** The shaded function jar the gcp-adapter builds (the one its zip deploys). */
  static Path gcpJar(Path repo) {
    Path expected = repo.resolve("gcp-adapter/target/function/shardscaler-gcp-function.jar");
    if (Files.exists(expected)) {
      return expected;
    }
    Path folder = repo.resolve("gcp-adapter/target/function");
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        return files
            .filter(file -> file.getFileName().toString().endsWith(".jar"))
            .findFirst()
            .orElse(expected);
      } catch (IOException e) {
        return expected;
      }
    }
    return expected;
  }

  /** The invoker that {@code package} copied here, else the one in the local Maven repository. */
  static Path invoker(Path repo) {
    String name = "java-function-invoker-2.0.0.jar";
    Path copied = repo.resolve("benchmarks/target/invoker/" + name);
    if (Files.exists(copied)) {
      return copied;
    }
    return Path.of(
        System.getProperty("user.home"),
        ".m2/repository/com/google/cloud/functions/invoker/java-function-invoker/2.0.0",
        name);
  }

  /** This JVM's classpath with absolute entries: children run in another directory. */
  static String absoluteClasspath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(File.pathSeparator));
  }

  private static String missing(Path file) {
    return Files.isReadable(file) ? null : "not built (" + file + " does not exist)";
  }

  private static Map<String, String> merge(Map<String, String> env, Map<String, String> more) {
    Map<String, String> copy = new LinkedHashMap<>(env);
    copy.putAll(more);
    return copy;
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(env);
    copy.put(key, value);
    return copy;
  }
}
