package dev.shardscaler.knative.image;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image layout that {@code package} built ({@code target/image}, what Jib copies to {@code
 * /app}), started exactly as the image starts it: its own runtime, the entrypoint and its JVM flags
 * from the property Jib uses, the AOT cache chosen by {@code JDK_JAVA_OPTIONS} as the image and
 * infra/knative choose it. The JVM's own class-loading and AOT logs show whether the cache was
 * used; a cache the JVM cannot use must leave the pass correct.
 */
class ImageLayoutIT {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.image_layout_token";
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  static final String ONCE = System.getProperty("image.aot.once");
  static final String SERVER = System.getProperty("image.aot.server");
  static final String FROM_CACHE = "shared objects file";

  /** Classes every pass needs, from each library on its path. */
  static final List<String> PASS_CLASSES =
      List.of(
          "dev.shardscaler.knative.ShardscalerApplication",
          "dev.shardscaler.knative.LogSetup",
          "dev.shardscaler.core.ScaleFunction",
          "dev.shardscaler.core.config.Settings",
          "io.kubernetes.client.openapi.ApiClient",
          "io.kubernetes.client.openapi.JSON",
          "okhttp3.OkHttpClient",
          "kotlin.jvm.internal.Intrinsics",
          "com.google.gson.Gson",
          "ch.qos.logback.classic.LoggerContext",
          "org.slf4j.LoggerFactory",
          "jdk.internal.net.http.HttpClientImpl");

  final ImageCommand image = ImageCommand.fromSystemProperties();
  DiscordFake discord;
  KubernetesFake kube;
  @TempDir Path work;

  @BeforeEach
  void startFakes() {
    discord = new DiscordFake();
    kube = new KubernetesFake();
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.respondByDefault(gatewayBot(12, 1000, 1));
  }

  @AfterEach
  void stopFakes() {
    kube.close();
    discord.close();
  }

  /** The seed CronJob's environment, the fakes, and the image's cache selection (or none). */
  Map<String, String> env(String jdkJavaOptions) {
    Map<String, String> env = AotTraining.seedEnv(TOKEN, kube, discord);
    if (jdkJavaOptions != null) {
      env.put("JDK_JAVA_OPTIONS", jdkJavaOptions);
    }
    return env;
  }

  /** A finished run with what the JVM logged: class name → where it came from, the AOT log. */
  record Logged(AppProcess.Finished run, Map<String, String> classes, String aot) {
    String outcome() {
      return AotTraining.outcome(run.stdout());
    }

    /** The classes of {@code names} that did not come from the AOT cache, with their source. */
    Map<String, String> notFromCache(List<String> names) {
      Map<String, String> missing = new LinkedHashMap<>();
      names.forEach(
          name -> {
            String source = classes.getOrDefault(name, "(not loaded)");
            if (!source.equals(FROM_CACHE)) {
              missing.put(name, source);
            }
          });
      return missing;
    }
  }

  /** The image's command with the JVM's class-loading and AOT logs added, in {@code dir}. */
  List<String> logged(Path dir, List<String> jvm, String... args) {
    List<String> flags = new java.util.ArrayList<>(jvm);
    flags.add("-Xlog:class+load=info:file=" + dir.resolve("classes.log"));
    flags.add("-Xlog:aot=info,class+path=info:file=" + dir.resolve("aot.log"));
    return image.command(flags, args);
  }

  Logged read(AppProcess.Finished run, Path dir) throws IOException {
    Map<String, String> classes = new HashMap<>();
    Pattern line = Pattern.compile("\\[class,load\\] (\\S+) source: (.+)$");
    for (String text : Files.readAllLines(dir.resolve("classes.log"), StandardCharsets.UTF_8)) {
      Matcher match = line.matcher(text);
      if (match.find()) {
        classes.putIfAbsent(match.group(1), match.group(2).strip());
      }
    }
    Path aot = dir.resolve("aot.log");
    return new Logged(
        run, classes, Files.exists(aot) ? Files.readString(aot, StandardCharsets.UTF_8) : "");
  }

  Logged once(String name, String jdkJavaOptions, List<String> jvm, String... args)
      throws IOException, InterruptedException {
    Path dir = Files.createDirectories(work.resolve(name));
    AppProcess.Finished run =
        AppProcess.run(logged(dir, jvm, args), env(jdkJavaOptions), image.layout(), dir, TIMEOUT);
    assertThat(run.stdout() + run.stderr()).doesNotContain(TOKEN);
    return read(run, dir);
  }

  @Test
  void theOneShotStartsWithItsCacheAndMakesTwoGetsOnly() throws Exception {
    Logged logged = once("once", image.cacheOption(ONCE), List.of());

    assertThat(logged.run().exit()).as(logged.run().stderr()).isZero();
    assertThat(logged.outcome()).isEqualTo("UNCHANGED");
    assertThat(discord.requests()).hasSize(1);
    assertThat(kube.requests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.method()).isEqualTo("GET");
              assertThat(request.path()).startsWith("/apis/apps/v1/namespaces/discord/");
            });
    assertThat(logged.aot())
        .contains("Opened AOT cache " + image.file(ONCE))
        .contains("Using AOT-linked classes: true");
    assertThat(logged.notFromCache(PASS_CLASSES)).isEmpty();
    // a signed jar's classes can never be cached: BouncyCastle must not be loaded at all (the
    // runtime holds every security provider of the JDK's list, see image.runtime.modules)
    assertThat(logged.classes().keySet()).noneMatch(name -> name.startsWith("org.bouncycastle."));
    assertThat(logged.run().stderr()).doesNotContain("[aot]").doesNotContain("[cds]");
    // the result alone on stdout, in UTF-8 although the image sets no locale
    assertThat(logged.run().stdout().lines().toList()).singleElement();
    assertThat(logged.run().stdout()).contains("12 shards / 3 pods × 4");
  }

  @Test
  void withoutTheCacheTheSameClassesComeFromTheJars() throws Exception {
    Logged logged = once("no-cache", null, List.of());

    assertThat(logged.run().exit()).as(logged.run().stderr()).isZero();
    assertThat(logged.outcome()).isEqualTo("UNCHANGED");
    assertThat(logged.notFromCache(PASS_CLASSES))
        .as("the pass's own classes are not in the runtime's CDS archive")
        .containsKeys("dev.shardscaler.core.ScaleFunction", "okhttp3.OkHttpClient");
  }

  @Test
  void theServerStartsWithItsCacheAndAnswersAPingSourceTick() throws Exception {
    discord.respondByDefault(gatewayBot(16, 1000, 1));
    Path dir = Files.createDirectories(work.resolve("server"));
    int port = AppProcess.freePort();
    Map<String, String> env = env(image.cacheOption(SERVER));
    env.put("K_SERVICE", "shardscaler");
    env.put("PORT", String.valueOf(port));
    HttpClient http = HttpClient.newHttpClient();
    AppProcess.Finished run;
    HttpResponse<String> tick;
    try (AppProcess server = AppProcess.start(logged(dir, List.of()), env, image.layout(), dir)) {
      server.awaitPort(port, TIMEOUT);
      tick =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                  .header("ce-specversion", "1.0")
                  .header("ce-type", "dev.knative.sources.ping")
                  .header("ce-source", "/apis/v1/namespaces/discord/pingsources/shardscaler")
                  .header("ce-id", "image-layout-it")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"scheduled\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      run = server.stop(TIMEOUT);
    }
    Logged logged = read(run, dir);

    assertThat(tick.statusCode()).as(tick.body()).isEqualTo(200);
    assertThat(AotTraining.outcome(tick.body())).isEqualTo("SCALED");
    assertThat(kube.writes()).hasSize(2);
    assertThat(logged.aot()).contains("Opened AOT cache " + image.file(SERVER));
    assertThat(
            logged.notFromCache(
                List.of(
                    "org.springframework.boot.SpringApplication",
                    "org.apache.catalina.startup.Tomcat",
                    "dev.shardscaler.knative.TriggerEndpoint",
                    "dev.shardscaler.core.ScaleFunction",
                    "okhttp3.OkHttpClient")))
        .isEmpty();
    // every log line is one JSON object, Tomcat's java.util.logging included (Spring Boot's
    // logging system is off; the launcher's note on JDK_JAVA_OPTIONS is the one exception)
    assertThat(run.stderr().lines().filter(line -> !line.startsWith("NOTE: Picked up")).toList())
        .isNotEmpty()
        .allSatisfy(
            line ->
                assertThat(JsonParser.parseString(line).getAsJsonObject().has("log.level"))
                    .as(line)
                    .isTrue());
  }

  /**
   * Caches the JVM must refuse, each in the place the image's flags point at: the pass must run as
   * without a cache, its classes from the jars.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"truncated", "made by another JVM", "another program's"})
  void aCacheTheJvmCannotUseIsIgnoredAndThePassStillRuns(String kind) throws Exception {
    Path cache = work.resolve("foreign.aot");
    switch (kind) {
      case "truncated" -> {
        byte[] bytes = Files.readAllBytes(image.file(ONCE));
        Files.write(cache, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      }
      case "made by another JVM" -> cache = otherJvmCache();
      case "another program's" -> cache = otherProgramCache();
      default -> throw new IllegalArgumentException(kind);
    }

    Logged logged = once("foreign", ImageCommand.AOT_CACHE + cache, List.of());

    assertThat(logged.run().exit()).as(logged.run().stderr()).isZero();
    assertThat(logged.outcome()).isEqualTo("UNCHANGED");
    assertThat(kube.writes()).isEmpty();
    assertThat(logged.notFromCache(List.of("dev.shardscaler.core.ScaleFunction")))
        .containsKey("dev.shardscaler.core.ScaleFunction");
    // whatever the JVM says about the cache goes to stderr: stdout stays the result alone
    assertThat(logged.run().stdout().lines().toList()).singleElement();
  }

  /** The one-shot's cache where another runtime (this test's own JDK) made it. */
  private Path otherJvmCache() throws IOException, InterruptedException {
    Path cache = work.resolve("other-jvm.aot");
    Path dir = Files.createDirectories(work.resolve("other-jvm"));
    List<String> command =
        new java.util.ArrayList<>(image.command(List.of("-XX:AOTCacheOutput=" + cache), "--once"));
    command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    assertThat(command.get(0)).isNotEqualTo(image.local(image.entrypoint().get(0)));
    AppProcess.Finished run = AppProcess.run(command, env(null), image.layout(), dir, TIMEOUT);
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(cache).isRegularFile();
    kube.clearRequests();
    discord.clearRequests();
    return cache;
  }

  /** A cache the image's own runtime made for a program of its own (no library in common). */
  private Path otherProgramCache() throws Exception {
    Path src = Files.createDirectories(work.resolve("hello/src"));
    Path classes = Files.createDirectories(work.resolve("hello/classes"));
    Files.writeString(
        src.resolve("Hello.java"),
        "public class Hello { public static void main(String[] a) { System.out.println(\"hi\"); } }");
    assertThat(
            ToolProvider.getSystemJavaCompiler()
                .run(
                    null,
                    null,
                    null,
                    "--release",
                    "25",
                    "-d",
                    classes.toString(),
                    src.resolve("Hello.java").toString()))
        .isZero();
    Path jar = work.resolve("hello/hello.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      jarOut.putNextEntry(new java.util.jar.JarEntry("Hello.class"));
      jarOut.write(Files.readAllBytes(classes.resolve("Hello.class")));
      jarOut.closeEntry();
    }
    Path cache = work.resolve("hello.aot");
    AppProcess.Finished run =
        AppProcess.run(
            List.of(
                image.local(image.entrypoint().get(0)),
                "-XX:AOTCacheOutput=" + cache,
                "-jar",
                jar.toString()),
            Map.of(),
            work,
            work.resolve("hello/run"),
            TIMEOUT);
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(cache).isRegularFile();
    return cache;
  }

  @Test
  void theCachesBelongToExactlyTheseJarsAndThisRuntime() throws Exception {
    List<String> summary =
        Files.readAllLines(image.file("aot-training.txt"), StandardCharsets.UTF_8);
    Map<String, String> trained = new HashMap<>();
    summary.stream()
        .filter(line -> line.matches("[0-9a-f]{64} \\d+ \\S+"))
        .forEach(
            line -> {
              String[] fields = line.split(" ");
              trained.put(fields[2], fields[0] + " " + fields[1]);
            });
    Map<String, String> present = new HashMap<>();
    try (Stream<Path> files = Files.walk(image.layout())) {
      for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).toList()) {
        if (jar.startsWith(image.file("runtime"))) {
          continue;
        }
        String sha =
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        present.put(image.layout().relativize(jar).toString(), sha + " " + Files.size(jar));
      }
    }

    assertThat(present).isNotEmpty().isEqualTo(trained);
    assertThat(image.file(ONCE)).isRegularFile();
    assertThat(image.file(SERVER)).isRegularFile();
    assertThat(summary)
        .anyMatch(line -> line.startsWith("runtime: ") && line.contains(Runtime.version() + ")"))
        .anyMatch(line -> line.startsWith("caches: " + ONCE));
  }

  @Test
  void theCachesHoldNothingOfTheTrainingRunsEnvironment() throws IOException {
    for (String cache : List.of(ONCE, SERVER)) {
      String bytes = new String(Files.readAllBytes(image.file(cache)), StandardCharsets.ISO_8859_1);

      assertThat(bytes)
          .as(cache)
          .doesNotContain(AotTraining.TOKEN)
          .doesNotContain(AotTraining.HTTP_TOKEN)
          .doesNotContain("http://127.0.0.1:");
    }
  }

  @Test
  void theManifestsSelectTheCacheOfTheirMode() throws IOException {
    Path infra = Path.of("..", "infra");
    String knative = Files.readString(infra.resolve("knative/service.yaml"));
    String cronJob = Files.readString(infra.resolve("k8s/cronjob.yaml"));
    String serverCache = ImageCommand.AOT_CACHE + System.getProperty("image.root") + "/" + SERVER;

    assertThat(knative).contains("name: JDK_JAVA_OPTIONS").contains("\"" + serverCache + "\"");
    // the CronJob keeps the image's default, the one-shot's cache
    assertThat(cronJob).doesNotContain("JDK_JAVA_OPTIONS").doesNotContain("AOTCache");
  }
}
