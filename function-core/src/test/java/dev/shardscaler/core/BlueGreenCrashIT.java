package dev.shardscaler.core;

import static dev.shardscaler.core.BlueGreenHarness.BOT;
import static dev.shardscaler.core.BlueGreenHarness.SIBLING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonObject;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.BotSet;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.Fleet;
import dev.shardscaler.core.kubernetes.KubernetesApiException;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.core.kubernetes.SwitchConfigMap;
import dev.shardscaler.core.plan.ShardCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A pass that dies between any two writes of two whole blue/green reshards (12 → 16 onto the
 * sibling, 16 → 20 back onto the bot's own set): the next passes, new functions with no memory,
 * resume from the objects and end where an uninterrupted run ends. After every pass, the crashed
 * one included, no set named active is missing or scaled to zero, and two sets are active only
 * while the switch overlaps.
 */
class BlueGreenCrashIT {

  /** The process dying right after a write landed: no result, no Event, no next line. */
  static final class Crash extends Error {
    Crash(String after) {
      super("crashed after " + after, null, false, false);
    }
  }

  /** Counts the writes to the cluster and dies after the chosen one. */
  static final class Writes {
    final int crashAfter;
    final List<String> seen = new ArrayList<>();

    Writes(int crashAfter) {
      this.crashAfter = crashAfter;
    }

    void wrote(String what) {
      seen.add(what);
      if (seen.size() == crashAfter) {
        throw new Crash(what);
      }
    }
  }

  @Test
  void twoReshardsWriteEachStepOnce() {
    assertThat(run(new Writes(0)).seen)
        .as("every write of two whole reshards, in order")
        .containsExactly(
            "create the switch (starting)",
            "create bot-b",
            "update the switch (overlap)",
            "update the switch (switched)",
            "update the switch (steady)",
            "scale bot to 0",
            "update the switch (starting)",
            "patch bot to 20 shards / 5 pods × 4",
            "update the switch (overlap)",
            "update the switch (switched)",
            "update the switch (steady)",
            "scale bot-b to 0",
            "delete bot-b");
  }

  @TestFactory
  Stream<DynamicTest> theNextPassResumesAfterACrashBetweenAnyTwoWrites() {
    List<String> writes = run(new Writes(0)).seen;
    assertThat(writes).hasSizeGreaterThan(10);
    return IntStream.rangeClosed(1, writes.size())
        .mapToObj(
            k ->
                dynamicTest(
                    "crash after write " + k + ": " + writes.get(k - 1),
                    () -> {
                      Writes crashing = run(new Writes(k));
                      assertThat(crashing.seen.get(k - 1)).isEqualTo(writes.get(k - 1));
                    }));
  }

  @Test
  void aLostAnswerFailsThePassAndTheNextOneResumes() {
    try (BlueGreenHarness world = new BlueGreenHarness()) {
      world.seed().recommend(16);
      world.wrapFleet =
          fleet ->
              new RecordingFleet(fleet, what -> {}) {
                @Override
                public void createSet(String namespace, JsonObject set, Deadline deadline) {
                  super.createSet(namespace, set, deadline);
                  throw new KubernetesApiException(
                      Reason.KUBERNETES_UNAVAILABLE,
                      0,
                      "could not reach the Kubernetes API to create statefulsets \"bot-b\"",
                      true);
                }
              };

      ScaleResult lost = world.pass();

      assertThat(lost.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(lost.reason()).isEqualTo(Reason.KUBERNETES_UNAVAILABLE);
      assertThat(lost.message()).contains("whether it landed, the next pass sees");
      world.wrapFleet = fleet -> fleet;
      world.ready(SIBLING);
      ScaleResult next = world.pass();
      assertThat(next.reason()).as(next.message()).isEqualTo(Reason.BLUEGREEN_OVERLAP);
    }
  }

  /**
   * Two reshards, pass after pass: after each pass the StatefulSet controller brings every set to
   * its spec (all pods Ready, or gone) and three minutes go by.
   */
  private static Writes run(Writes writes) {
    try (BlueGreenHarness world = new BlueGreenHarness()) {
      world.seed().recommend(16);
      world.wrapFleet = fleet -> new RecordingFleet(fleet, writes::wrote);
      world.wrapSets = sets -> new RecordingSets(sets, writes::wrote);
      int crashes = 0;
      for (int pass = 0; pass < 40 && !done(world, SIBLING, 16); pass++) {
        crashes += onePass(world);
      }
      assertThat(done(world, SIBLING, 16)).as("the first reshard ends").isTrue();
      assertThat(world.replicas(BOT)).isZero();
      world.advance(Duration.ofHours(1));
      world.recommend(20);
      for (int pass = 0; pass < 40 && !done(world, BOT, 20); pass++) {
        crashes += onePass(world);
      }
      assertThat(done(world, BOT, 20)).as("the second reshard ends").isTrue();
      assertThat(world.set(SIBLING)).as("the sibling is removed").isNull();
      assertThat(crashes).isEqualTo(writes.crashAfter == 0 ? 0 : 1);
      ScaleResult last = world.pass();
      assertThat(last.outcome()).as(last.message()).isEqualTo(Outcome.UNCHANGED);
      assertThat(last.current()).isEqualTo(new ShardCounts(20, 5, 4));
      return writes;
    }
  }

  /** One pass (it may crash), the controller, the invariants; returns 1 when it crashed. */
  private static int onePass(BlueGreenHarness world) {
    int crashed = 0;
    try {
      ScaleResult result = world.pass();
      assertThat(result.outcome())
          .as(result.reason() + ": " + result.message())
          .isNotEqualTo(Outcome.FAILED);
    } catch (Crash crash) {
      crashed = 1;
    }
    checkInvariants(world);
    for (String name : List.of(BOT, SIBLING)) {
      if (world.set(name) != null) {
        world.ready(name);
      }
    }
    world.advance(Duration.ofMinutes(3));
    return crashed;
  }

  private static void checkInvariants(BlueGreenHarness world) {
    Map<String, String> data = world.switchData();
    List<String> active = data == null ? List.of(BOT) : List.of(data.get("active").split(","));
    for (String name : active) {
      assertThat(world.set(name)).as("the active set %s exists", name).isNotNull();
      assertThat(world.replicas(name)).as("the active set %s runs pods", name).isPositive();
    }
    if (active.size() > 1) {
      assertThat(data.get("phase"))
          .as("two active sets only while the switch overlaps")
          .isEqualTo("overlap");
    }
  }

  private static boolean done(BlueGreenHarness world, String name, int shards) {
    Map<String, String> data = world.switchData();
    return data != null
        && name.equals(data.get("active"))
        && "steady".equals(data.get("phase"))
        && String.valueOf(shards).equals(world.env(name).get("SHARDS"))
        && (name.equals(BOT) ? world.set(SIBLING) == null : world.replicas(BOT) == 0);
  }

  /** The real fleet, telling about each write after it landed. */
  static class RecordingFleet implements Fleet {
    private final Fleet fleet;
    private final java.util.function.Consumer<String> wrote;

    RecordingFleet(Fleet fleet, java.util.function.Consumer<String> wrote) {
      this.fleet = fleet;
      this.wrote = wrote;
    }

    @Override
    public Optional<BotSet> readSet(Target set, EnvNames names, Deadline deadline) {
      return fleet.readSet(set, names, deadline);
    }

    @Override
    public Optional<SwitchConfigMap> readSwitch(String namespace, String name, Deadline deadline) {
      return fleet.readSwitch(namespace, name, deadline);
    }

    @Override
    public void createSwitch(String namespace, JsonObject configMap, Deadline deadline) {
      fleet.createSwitch(namespace, configMap, deadline);
      wrote.accept(
          "create the switch ("
              + configMap.getAsJsonObject("data").get("phase").getAsString()
              + ")");
    }

    @Override
    public void updateSwitch(SwitchConfigMap current, Map<String, String> data, Deadline d) {
      fleet.updateSwitch(current, data, d);
      wrote.accept("update the switch (" + data.get("phase") + ")");
    }

    @Override
    public void createSet(String namespace, JsonObject statefulSet, Deadline deadline) {
      fleet.createSet(namespace, statefulSet, deadline);
      wrote.accept("create " + statefulSet.getAsJsonObject("metadata").get("name").getAsString());
    }

    @Override
    public void scaleSet(BotSet set, int replicas, Deadline deadline) {
      fleet.scaleSet(set, replicas, deadline);
      wrote.accept("scale " + set.name() + " to " + replicas);
    }

    @Override
    public void deleteSet(BotSet set, Deadline deadline) {
      fleet.deleteSet(set, deadline);
      wrote.accept("delete " + set.name());
    }
  }

  /** The real StatefulSets port, telling about each patch after it landed. */
  static final class RecordingSets implements StatefulSets {
    private final StatefulSets sets;
    private final java.util.function.Consumer<String> wrote;

    RecordingSets(StatefulSets sets, java.util.function.Consumer<String> wrote) {
      this.sets = sets;
      this.wrote = wrote;
    }

    @Override
    public Snapshot read(Target target, EnvNames names) {
      return sets.read(target, names);
    }

    @Override
    public Snapshot read(Target target, EnvNames names, Deadline deadline) {
      return sets.read(target, names, deadline);
    }

    @Override
    public void patch(
        Snapshot snapshot, ShardCounts layout, Map<String, String> annotations, EnvNames names) {
      patch(snapshot, layout, annotations, names, Deadline.none());
    }

    @Override
    public void patch(
        Snapshot snapshot,
        ShardCounts layout,
        Map<String, String> annotations,
        EnvNames names,
        Deadline deadline) {
      sets.patch(snapshot, layout, annotations, names, deadline);
      wrote.accept(
          "patch "
              + snapshot.target().statefulSet()
              + (layout == null ? " annotations" : " to " + layout));
    }

    @Override
    public void recordEvent(Snapshot snapshot, boolean warning, String reason, String message) {
      sets.recordEvent(snapshot, warning, reason, message);
    }

    @Override
    public void recordEvent(
        Snapshot snapshot, boolean warning, String reason, String message, Deadline deadline) {
      sets.recordEvent(snapshot, warning, reason, message, deadline);
    }
  }
}
