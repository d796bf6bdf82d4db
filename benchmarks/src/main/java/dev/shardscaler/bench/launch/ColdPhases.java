package dev.shardscaler.bench.launch;

import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.discord.HttpDiscordGateway;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.core.kubernetes.KubernetesStatefulSets;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.plan.Decision;
import dev.shardscaler.core.plan.Planner;
import dev.shardscaler.core.plan.Policy;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * A cold pass taken apart, run as a fresh child JVM on the knative image's classpath (its libraries
 * and logging setup; no Spring is loaded, no cloud SDK): each step of what {@code
 * ScaleFunction.create} and the first {@code apply} do, timed on its own, in the order a pass first
 * needs it. The step that first touches a library pays for loading and initializing it, so the
 * figures say where a cold start goes. Prints one JSON line ({@code "outcome":"PHASES"}) with the
 * milliseconds of each step.
 */
public final class ColdPhases {
  /** Step names, in order; the report explains each. */
  public static final Map<String, String> STEPS = steps();

  private ColdPhases() {}

  private static Map<String, String> steps() {
    Map<String, String> steps = new LinkedHashMap<>();
    steps.put("jvm", "JVM init → main (the JVM's own start time; exec and libjvm load not in)");
    steps.put("logging", "SLF4J + logback: the knative LogSetup (configured in code, JSON)");
    steps.put("settings", "Settings.fromEnv");
    steps.put("clusterClient", "KubernetesClients.fromEnvironment: client-java ApiClient, OkHttp");
    steps.put("statefulSets", "new KubernetesStatefulSets (AppsV1Api, CoreV1Api)");
    steps.put("discordClient", "HttpDiscordGateway.fromSettings: java.net.http client");
    steps.put("readStatefulSet", "first StatefulSet GET and its parsing (V1StatefulSet)");
    steps.put("askDiscord", "first Discord GET and its parsing");
    steps.put("plan", "Planner.plan");
    steps.put("pass", "ScaleFunction.apply with the clients warm: the pass's own code, 2 GETs");
    steps.put("resultJson", "ScaleResult.toJson");
    return steps;
  }

  public static void main(String[] args) {
    long epochMillisAtMain = System.currentTimeMillis();
    Steps steps = new Steps();

    LoggerFactory.getLogger(ColdPhases.class).debug("logging is up");
    steps.mark("logging");
    Map<String, String> env = System.getenv();
    Settings settings = Settings.fromEnv(env);
    steps.mark("settings");
    ApiClient cluster = KubernetesClients.fromEnvironment(env, settings.kubernetesTimeout());
    steps.mark("clusterClient");
    Clock clock = Clock.systemUTC();
    KubernetesStatefulSets statefulSets = new KubernetesStatefulSets(cluster, clock);
    steps.mark("statefulSets");
    HttpDiscordGateway discord = HttpDiscordGateway.fromSettings(settings, clock);
    steps.mark("discordClient");
    EnvNames names = new EnvNames(settings.shardsEnv(), settings.shardsPerBotEnv());
    Snapshot snapshot = statefulSets.read(settings.target(), names);
    steps.mark("readStatefulSet");
    GatewayBot gateway = discord.gatewayBot();
    steps.mark("askDiscord");
    Decision decision =
        Planner.plan(snapshot.state(), gateway, Policy.of(settings), clock.instant());
    steps.mark("plan");
    ScaleResult result =
        new ScaleFunction(settings, discord, statefulSets, clock).apply(ScaleRequest.scheduled());
    steps.mark("pass");
    String json = result.toJson();
    steps.mark("resultJson");
    // read last: the MXBean loads JMX
    steps.wall.put(
        "jvm", (double) (epochMillisAtMain - ManagementFactory.getRuntimeMXBean().getStartTime()));

    System.out.println(
        "{\"outcome\":\"PHASES\",\"pass\":\""
            + result.outcome()
            + "\",\"decision\":\""
            + decision.reason()
            + "\",\"resultBytes\":"
            + json.length()
            + ",\"phases\":"
            + toJson(steps.wall)
            + ",\"cpu\":"
            + toJson(steps.cpu)
            + "}");
    System.out.flush();
    System.exit(0);
  }

  private static String toJson(Map<String, Double> values) {
    return values.entrySet().stream()
        .map(entry -> "\"" + entry.getKey() + "\":" + entry.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** Wall time and the main thread's own CPU time of each step. */
  private static final class Steps {
    final Map<String, Double> wall = new LinkedHashMap<>();
    final Map<String, Double> cpu = new LinkedHashMap<>();
    private long wallAt = System.nanoTime();
    private long cpuAt = threadCpuNanos();

    void mark(String name) {
      long wallNow = System.nanoTime();
      long cpuNow = threadCpuNanos();
      wall.put(name, (wallNow - wallAt) / 1_000_000.0);
      cpu.put(name, cpuNow < 0 || cpuAt < 0 ? Double.NaN : (cpuNow - cpuAt) / 1_000_000.0);
      wallAt = wallNow;
      cpuAt = cpuNow;
    }
  }

  /**
   * Nanoseconds the calling thread has run on a CPU (Linux {@code /proc/thread-self/schedstat});
   * time spent waiting for a core is not in it, so it barely moves on a busy machine. -1 elsewhere.
   */
  static long threadCpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/schedstat"));
      return Long.parseLong(stat.substring(0, stat.indexOf(' ')));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
