package dev.shardscaler.bench;

import dev.shardscaler.bench.launch.ColdPhases;
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
  static final String KNATIVE_ONCE = "knative-once";
  static final String KNATIVE_SERVER = "knative-server";
  static final String IMAGE_ONCE = "image-once";
  static final String IMAGE_SERVER = "image-server";
  static final String LAMBDA = "lambda";
  static final String GCP_FUNCTION = "gcp-function";
  static final String PHASES = "phases";
  static final List<String> IDS =
      List.of(
          BASELINE, KNATIVE_ONCE, KNATIVE_SERVER, IMAGE_ONCE, IMAGE_SERVER, LAMBDA, GCP_FUNCTION);

  static final String KNATIVE_MAIN = "dev.shardscaler.knative.ShardscalerApplication";

  static final String GCP_TARGET = "dev.shardscaler.gcp.ScalerFunction";

  private Artifacts() {}

  /**
   * @param launchers a classpath entry holding this module's launcher classes only
   * @param image the classpath of the extracted knative jar ({@link #image}), or null
   */
  static List<Artifact> resolve(Options options, Path launchers, String image, Fakes fakes) {
    Path repo = options.repo();
    Map<String, String> seed = fakes.seedEnv();
    Map<String, String> plainUrl = with(seed, "K8S_API_URL", fakes.kube.url());
    Path bootJar = knativeJar(repo);
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
            case KNATIVE_ONCE -> {
              Path jar = repo.resolve("knative-adapter/target/shardscaler.jar");
              yield new Artifact(
                  id,
                  "knative one-shot (java -jar shardscaler.jar --once)",
                  false,
                  List.of("-jar", jar.toString(), "--once"),
                  plainUrl,
                  missing(jar));
            }
            case KNATIVE_SERVER -> {
              Path jar = repo.resolve("knative-adapter/target/shardscaler.jar");
              yield new Artifact(
                  id,
                  "knative HTTP server (--server, POST /)",
                  true,
                  List.of("-jar", jar.toString(), "--server", "--server.port=" + Artifact.PORT),
                  plainUrl,
                  missing(jar));
            }
            case IMAGE_ONCE ->
                new Artifact(
                    id,
                    "knative one-shot as the jib image runs it (java -cp classes:libs/* --once)",
                    false,
                    List.of("-cp", String.valueOf(image), KNATIVE_MAIN, "--once"),
                    plainUrl,
                    missing(bootJar));
            case IMAGE_SERVER ->
                new Artifact(
                    id,
                    "knative HTTP server as the jib image runs it (-cp, --server)",
                    true,
                    List.of(
                        "-cp",
                        String.valueOf(image),
                        KNATIVE_MAIN,
                        "--server",
                        "--server.port=" + Artifact.PORT),
                    plainUrl,
                    missing(bootJar));
            case LAMBDA -> {
              Path jar =
                  options.awsJar() != null
                      ? options.awsJar()
                      : repo.resolve("aws-adapter/target/aws-adapter-lambda.jar");
              yield new Artifact(
                  id,
                  "Lambda handler (ScalerHandler.handleRequest, event {})",
                  false,
                  List.of(
                      "-cp",
                      launchers + File.pathSeparator + jar,
                      "dev.shardscaler.bench.launch.LambdaLauncher"),
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

  static Path knativeJar(Path repo) {
    return repo.resolve("knative-adapter/target/shardscaler.jar");
  }

  /** The knative jar extracted as the jib image holds it; its classpath, or null if not built. */
  static String image(Options options, Path work) throws IOException {
    Path bootJar = knativeJar(options.repo());
    return Files.isReadable(bootJar) ? Exploded.classpath(bootJar, work.resolve("image")) : null;
  }

  /**
   * {@link ColdPhases} on the knative image's classpath (what a pass needs, plus Spring jars that
   * it never loads), else on this harness's own classpath.
   */
  static Artifact phases(Path launchers, String imageClasspath, Fakes fakes) {
    String classpath =
        launchers
            + File.pathSeparator
            + (imageClasspath != null ? imageClasspath : absoluteClasspath());
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

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(env);
    copy.put(key, value);
    return copy;
  }
}
