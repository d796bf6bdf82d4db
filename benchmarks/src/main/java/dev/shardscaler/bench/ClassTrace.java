package dev.shardscaler.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code -Xlog:class+load:file=…:uptime} recorded: how many classes a run loaded, from where,
 * which libraries dominate, and when each library first appeared (a timeline of start-up).
 *
 * @param archived classes mapped from a CDS archive or AOT cache ({@code shared objects file}): the
 *     JDK's own archive, and with an AOT cache the application's classes too
 * @param jdk classes of the JDK read from its module image ({@code jrt:/})
 * @param generated lambdas, method handles and other classes the JVM spins at run time
 * @param application classes read from the artifact's jars
 * @param firstSeenMs for each library in {@link #MARKERS}: the JVM uptime of its first class
 * @param topPackages application classes by package, most first
 */
record ClassTrace(
    int archived,
    int jdk,
    int generated,
    int application,
    double lastMs,
    Map<String, Double> firstSeenMs,
    List<Map.Entry<String, Integer>> topPackages) {

  /** Library → class-name prefix; the order is the usual order of a pass's start-up. */
  static final Map<String, String> MARKERS = markers();

  private static final Pattern LINE =
      Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s\\]\\s+(\\S+) source: (.*)$");

  private static Map<String, String> markers() {
    Map<String, String> markers = new LinkedHashMap<>();
    markers.put("shardscaler", "dev.shardscaler.");
    markers.put("Spring Boot loader", "org.springframework.boot.loader.");
    markers.put("Spring", "org.springframework.context.");
    markers.put("Tomcat", "org.apache.catalina.");
    markers.put("Jetty", "org.eclipse.jetty.");
    markers.put("SLF4J", "org.slf4j.");
    markers.put("logback", "ch.qos.logback.");
    markers.put("Settings", "dev.shardscaler.core.config.Settings");
    markers.put("AWS SDK", "software.amazon.awssdk.");
    markers.put("Google auth", "com.google.auth.");
    markers.put("client-java", "io.kubernetes.client.");
    markers.put("OkHttp", "okhttp3.");
    markers.put("Kotlin", "kotlin.");
    markers.put("k8s models", "io.kubernetes.client.openapi.models.");
    markers.put("java.net.http", "jdk.internal.net.http.");
    markers.put("Discord parsed", "dev.shardscaler.core.discord.GatewayBotParser");
    markers.put("Planner", "dev.shardscaler.core.plan.Planner");
    markers.put("ScaleResult", "dev.shardscaler.core.ScaleResult");
    return markers;
  }

  static ClassTrace read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static ClassTrace parse(List<String> lines) {
    int archived = 0;
    int jdk = 0;
    int generated = 0;
    int application = 0;
    double last = 0;
    Map<String, Double> first = new LinkedHashMap<>();
    Map<String, Integer> packages = new TreeMap<>();
    for (String line : lines) {
      Matcher match = LINE.matcher(line.strip());
      if (!match.matches()) {
        continue;
      }
      double millis = Double.parseDouble(match.group(1)) * 1000;
      String name = match.group(2);
      String source = match.group(3);
      last = Math.max(last, millis);
      if (name.contains("$$Lambda") || name.contains("/0x") || source.startsWith("__")) {
        generated++;
      } else if (source.startsWith("shared objects file")) {
        archived++;
      } else if (source.startsWith("jrt:/")) {
        jdk++;
      } else {
        application++;
        packages.merge(packageOf(name), 1, Integer::sum);
      }
      for (Map.Entry<String, String> marker : MARKERS.entrySet()) {
        if (!first.containsKey(marker.getKey()) && name.startsWith(marker.getValue())) {
          first.put(marker.getKey(), millis);
        }
      }
    }
    List<Map.Entry<String, Integer>> top = new ArrayList<>(packages.entrySet());
    top.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
    return new ClassTrace(
        archived,
        jdk,
        generated,
        application,
        last,
        first,
        List.copyOf(top.subList(0, Math.min(8, top.size()))));
  }

  int total() {
    return archived + jdk + generated + application;
  }

  /** The package of a class: {@code io.kubernetes.client.openapi.models}. */
  static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "(default)" : className.substring(0, dot);
  }
}
