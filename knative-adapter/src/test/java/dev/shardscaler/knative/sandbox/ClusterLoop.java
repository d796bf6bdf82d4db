package dev.shardscaler.knative.sandbox;

import com.google.gson.JsonObject;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.KubernetesFake;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's cluster and Discord, in real time: ten times a second it reads the bot's
 * StatefulSets and the switch from the in-process API server, moves the {@link PodModel} on, and
 * writes each set's status back as the controller would. Once a second, while a reshard runs, it
 * prints the sessions Discord sees (with their shard totals, active or standing by) and how many
 * guilds no active session covers, and how many two do. When the reshard has settled it prints the
 * totals, and for a blue/green reshard the same reshard replayed with the rolling strategy.
 */
final class ClusterLoop implements AutoCloseable {
  private static final String NS = "discord";
  private static final List<String> SETS = List.of("bot", "bot-b");

  /** A reshard from its first write until everything has settled. */
  record Reshard(Layout from, Layout to, Coverage.Tally tally, Coverage.Tally rolling) {}

  private final KubernetesFake kube;
  private final PodModel model;
  private final PodModel.Timing timing;
  private final Coverage coverage;
  private final SimulatedBot bot;
  private final PrintStream out;
  private final boolean blueGreen;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "sandbox-cluster");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, PodModel.SetStatus> written = new HashMap<>();
  private final List<Reshard> reshards = new ArrayList<>();
  private long lastSecond;
  private Layout from;
  private Layout to;
  private Coverage.Tally tally;
  private long openedAt;
  private String failure;

  ClusterLoop(
      KubernetesFake kube,
      PodModel model,
      PodModel.Timing timing,
      Coverage coverage,
      SimulatedBot bot,
      PrintStream out,
      boolean blueGreen) {
    this.kube = kube;
    this.model = model;
    this.timing = timing;
    this.coverage = coverage;
    this.bot = bot;
    this.out = out;
    this.blueGreen = blueGreen;
  }

  void start() {
    ticker.scheduleAtFixedRate(this::tick, 0, 100, TimeUnit.MILLISECONDS);
  }

  /** A pass changed the layout: coverage is tallied from now until everything settles. */
  synchronized void reshardStarted(Layout current, Layout desired) {
    if (tally == null) {
      from = current;
      to = desired;
      tally = new Coverage.Tally();
      openedAt = System.currentTimeMillis();
    }
  }

  synchronized List<Reshard> reshards() {
    return List.copyOf(reshards);
  }

  private synchronized void tick() {
    try {
      long now = System.currentTimeMillis();
      sync(now);
      model.step(now);
      writeStatuses();
      if (now / 1000 != lastSecond) {
        lastSecond = now / 1000;
        second(now);
      }
    } catch (RuntimeException e) {
      // keep ticking; say it once
      if (failure == null) {
        failure = e.toString();
        out.println("           sandbox cluster: " + failure);
      }
    }
  }

  /** The specs the scaler wrote, and the switch. */
  private void sync(long now) {
    for (String name : SETS) {
      JsonObject set = kube.statefulSetOrNull(NS, name);
      if (set == null) {
        model.remove(name, now);
        written.remove(name);
        continue;
      }
      Map<String, String> env = BotStatefulSet.env(set, 0);
      model.spec(
          name,
          BotStatefulSet.replicas(set),
          Integer.parseInt(env.getOrDefault("SHARDS", "1")),
          Integer.parseInt(env.getOrDefault("SHARDS_PER_BOT", "1")),
          set.getAsJsonObject("metadata").get("generation").getAsLong());
    }
    JsonObject configMap = kube.configMapOrNull(NS, "bot-switch");
    if (configMap == null) {
      model.switchTo(null, null, now);
    } else {
      JsonObject data = configMap.getAsJsonObject("data");
      model.switchTo(
          Arrays.asList(data.get("active").getAsString().split(",")),
          data.has("phase") ? data.get("phase").getAsString() : "steady",
          now);
    }
  }

  private void writeStatuses() {
    for (String name : SETS) {
      PodModel.SetStatus status = model.status(name);
      if (status == null || status.equals(written.get(name))) {
        continue;
      }
      JsonObject json = new JsonObject();
      json.addProperty("observedGeneration", status.observedGeneration());
      json.addProperty("replicas", status.replicas());
      json.addProperty("readyReplicas", status.readyReplicas());
      json.addProperty("currentReplicas", status.updatedReplicas());
      json.addProperty("updatedReplicas", status.updatedReplicas());
      json.addProperty("currentRevision", status.currentRevision());
      json.addProperty("updateRevision", status.updateRevision());
      kube.setStatus(NS, name, json);
      written.put(name, status);
    }
  }

  private void second(long now) {
    if (tally == null) {
      return;
    }
    Coverage.Second second = coverage.sample(model.sessions(), bot.guilds());
    tally.add(second);
    out.printf(
        "           %s  sessions: %-40s uncovered %,6d   twice %,6d%n",
        LocalTime.ofInstant(Instant.ofEpochMilli(now), ZoneId.systemDefault())
            .truncatedTo(ChronoUnit.SECONDS),
        model.describe(),
        second.uncovered(),
        second.twice());
    if (model.quiet() && now - openedAt > 1_000) {
      Coverage.Tally rolling =
          blueGreen ? RollingReplay.replay(timing, coverage, bot.guilds(), from, to) : null;
      Reshard reshard = new Reshard(from, to, tally, rolling);
      reshards.add(reshard);
      out.printf(
          "           reshard %d→%d shards (%s): %s%n",
          from.shards(), to.shards(), blueGreen ? "blue/green" : "rolling", tally.describe());
      if (rolling != null) {
        out.printf(
            "           the same reshard rolling (replayed on the same pods, simulated time): %s%n",
            rolling.describe());
      }
      tally = null;
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
