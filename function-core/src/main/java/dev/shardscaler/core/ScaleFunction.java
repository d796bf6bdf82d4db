package dev.shardscaler.core;

import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.discord.CachingDiscordGateway;
import dev.shardscaler.core.discord.DiscordGateway;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.discord.HttpDiscordGateway;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.Fleet;
import dev.shardscaler.core.kubernetes.KubernetesApiException;
import dev.shardscaler.core.kubernetes.KubernetesFleet;
import dev.shardscaler.core.kubernetes.KubernetesStatefulSets;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.core.plan.Decision;
import dev.shardscaler.core.plan.OverrideRequest;
import dev.shardscaler.core.plan.Planner;
import dev.shardscaler.core.plan.Policy;
import dev.shardscaler.core.plan.ShardCounts;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scaling pass: read the StatefulSet, ask Discord, plan, apply one guarded patch, record an
 * Event. Never throws: whatever goes wrong, the result says FAILED and why, and it says whether
 * anything was changed. A whole pass stays within {@code SCALER_PASS_DEADLINE}.
 */
public final class ScaleFunction implements Function<ScaleRequest, ScaleResult> {
  private static final Logger log = LoggerFactory.getLogger(ScaleFunction.class);

  private final Settings settings;
  private final DiscordGateway discord;
  private final StatefulSets statefulSets;
  private final Clock clock;
  private final BlueGreenPass blueGreen;

  /** The function with the rolling strategy only (SCALER_STRATEGY=bluegreen needs a fleet). */
  public ScaleFunction(
      Settings settings, DiscordGateway discord, StatefulSets statefulSets, Clock clock) {
    this(settings, discord, statefulSets, null, clock);
  }

  /**
   * @param fleet the sibling set and the switch of SCALER_STRATEGY=bluegreen; null for a function
   *     that only rolls (refused when the settings ask for blue/green)
   */
  public ScaleFunction(
      Settings settings,
      DiscordGateway discord,
      StatefulSets statefulSets,
      Fleet fleet,
      Clock clock) {
    this.settings = settings;
    this.discord = discord;
    this.statefulSets = statefulSets;
    this.clock = clock;
    if (settings.strategy().blueGreen()) {
      if (fleet == null) {
        throw new IllegalArgumentException(
            "SCALER_STRATEGY=bluegreen needs the fleet port (the sibling set and the switch)");
      }
      this.blueGreen = new BlueGreenPass(settings, fleet, statefulSets, clock, this::runOn);
    } else {
      this.blueGreen = null;
    }
  }

  /**
   * The function with the real Discord client (recommendations reused for
   * SCALER_RECOMMENDATION_TTL) and the given cluster client.
   */
  public static ScaleFunction create(Settings settings, ApiClient cluster) {
    Clock clock = Clock.systemUTC();
    DiscordGateway discord = HttpDiscordGateway.fromSettings(settings, clock);
    if (!settings.recommendationTtl().isZero()) {
      discord = new CachingDiscordGateway(discord, settings.recommendationTtl(), clock);
    }
    return new ScaleFunction(
        settings,
        discord,
        new KubernetesStatefulSets(cluster, clock),
        new KubernetesFleet(cluster),
        clock);
  }

  @Override
  public ScaleResult apply(ScaleRequest input) {
    ScaleRequest request = input == null ? ScaleRequest.scheduled() : input;
    Pass pass = new Pass(request, settings, clock);
    ScaleResult result;
    try {
      if (!request.problems().isEmpty()) {
        result =
            pass.failed(
                Reason.INVALID_REQUEST,
                "invalid request: " + String.join("; ", request.problems()),
                null);
      } else {
        result = run(pass, Deadline.in(settings.passDeadline()));
      }
    } catch (ScalerException e) {
      result = pass.failed(e.reason(), scrub(e.getMessage()), e.retryAt());
    } catch (RuntimeException e) {
      // A bug, or an answer no layer expected: still a result, never an exception.
      StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
      result =
          pass.failed(
              Reason.INTERNAL_ERROR,
              "the pass failed unexpectedly ("
                  + e.getClass().getName()
                  + (at == null ? "" : " at " + at)
                  + "): "
                  + scrub(String.valueOf(e.getMessage()))
                  + ". Nothing was changed unless the result of an earlier step says so.",
              null);
    }
    String why = request.reason() == null ? "" : " (reason: " + printable(request.reason()) + ")";
    if (result.failed()) {
      log.warn("pass on {}{} failed: {}", pass.target(), why, result.summary());
    } else if (log.isInfoEnabled()) {
      log.info("pass on {}{}: {}", pass.target(), why, result.summary());
    }
    return result;
  }

  private ScaleResult run(Pass pass, Deadline deadline) {
    if (blueGreen != null) {
      return blueGreen.run(pass, deadline);
    }
    return runOn(pass, deadline, pass.target(), null, null, null);
  }

  /**
   * A change of the shard layout under SCALER_STRATEGY=bluegreen: it starts a standby set instead
   * of patching the running one (see {@link BlueGreenPass}).
   */
  @FunctionalInterface
  interface LayoutChange {
    ScaleResult apply(Snapshot active, Decision decision, GatewayBot gateway, Instant now);
  }

  /** {@link #runOn} as the blue/green pass calls it. */
  @FunctionalInterface
  interface RollingPass {
    ScaleResult run(
        Pass pass,
        Deadline deadline,
        Target target,
        Snapshot first,
        Snapshot eventsOn,
        LayoutChange layoutChange);
  }

  /**
   * The pass on one StatefulSet: read it (or start from {@code first}), ask Discord, plan, patch it
   * in place, record the Event (on {@code eventsOn} when given). {@code layoutChange}, when given,
   * takes over a planned change of the shard total or of the shards per pod.
   */
  private ScaleResult runOn(
      Pass pass,
      Deadline deadline,
      Target target,
      Snapshot first,
      Snapshot eventsOn,
      LayoutChange layoutChange) {
    EnvNames names = new EnvNames(settings.shardsEnv(), settings.shardsPerBotEnv());
    Policy policy = Policy.of(settings);
    // A dry run plans with a requested override too; it writes nothing, so records nothing.
    OverrideRequest ask = OverrideRequest.of(pass.request());
    GatewayBot gateway = null;
    for (int attempt = 1; ; attempt++) {
      Snapshot snapshot =
          attempt == 1 && first != null ? first : read(pass, target, names, deadline);
      pass.current(snapshot.state().current());
      if (gateway == null) {
        GatewayBot asked = pass.timeDiscord(() -> discord.gatewayBot(deadline));
        gateway = asked;
        pass.recommendation(asked);
      }
      // Whole seconds: the times land in annotations and messages people read.
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      Decision decision = Planner.plan(snapshot.state(), gateway, policy, ask, now);
      if (layoutChange != null && changesLayout(snapshot, decision)) {
        return layoutChange.apply(snapshot, decision, gateway, now);
      }
      if (pass.dryRun()) {
        return pass.decided(decision);
      }
      ShardCounts layout = decision.isChange() ? decision.target() : null;
      Map<String, String> annotations = annotationChanges(snapshot, decision);
      if (layout != null || !annotations.isEmpty()) {
        if (deadline.remaining().compareTo(settings.kubernetesTimeout().multipliedBy(2)) < 0) {
          // the write, and a re-read should its answer be lost, must both fit
          throw deadline.exceeded(
              "planning; too little time was left to write safely, so nothing was changed");
        }
        try {
          pass.timeKubernetes(
              () -> {
                statefulSets.patch(snapshot, layout, annotations, names, deadline);
                return null;
              });
        } catch (KubernetesApiException e) {
          if (e.isConflict() && attempt == 1) {
            log.info("{}; reading it again and planning once more", e.getMessage());
            continue;
          }
          if (e.isConflict()) {
            throw new KubernetesApiException(
                Reason.CONFLICT,
                409,
                e.getMessage() + ", again after one re-read; giving up for this pass",
                true);
          }
          if (!answerMayBeLost(e)) {
            throw e;
          }
          confirmAfterLostAnswer(pass, target, names, decision, layout, e, deadline);
        }
      }
      ScaleResult result = pass.decided(decision);
      Snapshot about = eventsOn != null ? eventsOn : snapshot;
      if (decision.isChange()) {
        statefulSets.recordEvent(
            about,
            false,
            decision.reason() == Reason.REPACKED ? "Repacked" : "Resharded",
            eventMessage(snapshot.state().current(), decision, pass.request().reason()),
            deadline);
      } else if (decision.reason() == Reason.ROLLOUT_STUCK) {
        statefulSets.recordEvent(about, true, "RolloutStuck", decision.message(), deadline);
      }
      return result;
    }
  }

  /** A planned change of the shard total or the shards per pod (not of the replicas alone). */
  private static boolean changesLayout(Snapshot snapshot, Decision decision) {
    if (!decision.isChange()) {
      return false;
    }
    ShardCounts from = snapshot.state().current();
    ShardCounts to = decision.target();
    return !java.util.Objects.equals(from.shards(), to.shards())
        || !java.util.Objects.equals(from.shardsPerBot(), to.shardsPerBot());
  }

  private Snapshot read(Pass pass, Target target, EnvNames names, Deadline deadline) {
    if (deadline.expired()) {
      throw deadline.exceeded("reading the StatefulSet; nothing was changed");
    }
    return pass.timeKubernetes(() -> statefulSets.read(target, names, deadline));
  }

  /**
   * What the pass writes into the annotations: the markers' changes, plus the removal of markers
   * that could not be read (replaced at the first write). Nothing when the markers did not move.
   */
  private static Map<String, String> annotationChanges(Snapshot snapshot, Decision decision) {
    if (!decision.isChange() && !decision.writeMarkers()) {
      return Map.of();
    }
    Map<String, String> changes =
        new java.util.LinkedHashMap<>(decision.markers().changesFrom(snapshot.state().markers()));
    snapshot.state().unreadableMarkers().forEach(key -> changes.putIfAbsent(key, null));
    return changes;
  }

  /** No answer, or a server error: the PATCH may have been applied all the same. */
  private static boolean answerMayBeLost(KubernetesApiException e) {
    return e.status() == 0 || e.status() >= 500;
  }

  /**
   * Reads the StatefulSet again after a PATCH whose answer was lost, and tells what happened: the
   * change landed (the pass goes on as applied, with a warning), or it did not (FAILED, nothing
   * changed), or the scaler cannot tell (FAILED, saying so).
   */
  private void confirmAfterLostAnswer(
      Pass pass,
      Target target,
      EnvNames names,
      Decision decision,
      ShardCounts layout,
      KubernetesApiException lost,
      Deadline deadline) {
    Snapshot after;
    try {
      after = pass.timeKubernetes(() -> statefulSets.read(target, names, deadline));
    } catch (RuntimeException e) {
      throw new KubernetesApiException(
          Reason.KUBERNETES_UNAVAILABLE,
          lost.status(),
          lost.getMessage()
              + "; reading the StatefulSet again failed too ("
              + scrub(e.getMessage())
              + "), so the scaler cannot tell whether the change landed: the next pass reads"
              + " the truth",
          true);
    }
    if (!landed(after, decision, layout)) {
      throw new KubernetesApiException(
          lost.reason(),
          lost.status(),
          lost.getMessage()
              + "; a re-read shows the change had not landed: nothing was changed (should the"
              + " API server still apply it, the next pass sees it and its last-change marker)",
          lost.retryable());
    }
    pass.note(
        "the answer to the patch was lost ("
            + lost.getMessage()
            + "); a re-read shows the change landed");
  }

  private static boolean landed(Snapshot after, Decision decision, ShardCounts layout) {
    boolean markersLanded =
        decision.markers().toAnnotations().equals(after.state().markers().toAnnotations());
    if (layout == null) {
      return markersLanded;
    }
    return layout.equals(after.state().current()) && markersLanded;
  }

  private String scrub(String text) {
    return settings.botToken().scrub(text);
  }

  /** Caller text as it may appear in a log line or an Event: no control characters. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '\uFFFD' : c));
    return out.toString();
  }

  private static String eventMessage(ShardCounts from, Decision decision, String requestReason) {
    ShardCounts to = decision.target();
    String verb = decision.reason() == Reason.REPACKED ? "Repacked " : "Resharded ";
    return verb
        + (from.shards() == null ? "?" : from.shards())
        + "→"
        + to.shards()
        + " shards, "
        + to.replicas()
        + " pods × "
        + to.shardsPerBot()
        + ": "
        + decision.message()
        + (requestReason == null || requestReason.isBlank()
            ? ""
            : " (reason: " + printable(requestReason) + ")");
  }
}
