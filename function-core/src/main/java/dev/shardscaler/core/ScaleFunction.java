package dev.shardscaler.core;

import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.discord.CachingDiscordGateway;
import dev.shardscaler.core.discord.DiscordGateway;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.discord.HttpDiscordGateway;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.KubernetesApiException;
import dev.shardscaler.core.kubernetes.KubernetesStatefulSets;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.core.plan.Decision;
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
 * Event. Never throws for a failed pass: the result says FAILED and why, and nothing was changed.
 */
public final class ScaleFunction implements Function<ScaleRequest, ScaleResult> {
  private static final Logger log = LoggerFactory.getLogger(ScaleFunction.class);

  private final Settings settings;
  private final DiscordGateway discord;
  private final StatefulSets statefulSets;
  private final Clock clock;

  public ScaleFunction(
      Settings settings, DiscordGateway discord, StatefulSets statefulSets, Clock clock) {
    this.settings = settings;
    this.discord = discord;
    this.statefulSets = statefulSets;
    this.clock = clock;
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
    return new ScaleFunction(settings, discord, new KubernetesStatefulSets(cluster, clock), clock);
  }

  @Override
  public ScaleResult apply(ScaleRequest input) {
    ScaleRequest request = input == null ? ScaleRequest.scheduled() : input;
    Pass pass = new Pass(request, settings, clock);
    ScaleResult result;
    if (!request.problems().isEmpty()) {
      result =
          pass.failed(
              Reason.INVALID_REQUEST,
              "invalid request: " + String.join("; ", request.problems()),
              null);
    } else {
      try {
        result = run(pass);
      } catch (ScalerException e) {
        result = pass.failed(e.reason(), e.getMessage(), e.retryAt());
      }
    }
    if (result.failed()) {
      log.warn("pass on {} failed: {}", pass.target(), result.summary());
    } else {
      log.info("pass on {}: {}", pass.target(), result.summary());
    }
    return result;
  }

  private ScaleResult run(Pass pass) {
    Target target = pass.target();
    EnvNames names = new EnvNames(settings.shardsEnv(), settings.shardsPerBotEnv());
    Policy policy = Policy.of(settings, pass.request());
    GatewayBot gateway = null;
    for (int attempt = 1; ; attempt++) {
      Snapshot snapshot = pass.timeKubernetes(() -> statefulSets.read(target, names));
      pass.current(snapshot.state().current());
      if (gateway == null) {
        gateway = pass.timeDiscord(discord::gatewayBot);
        pass.recommendation(gateway);
      }
      // Whole seconds: the times land in annotations and messages people read.
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      Decision decision = Planner.plan(snapshot.state(), gateway, policy, now);
      if (pass.dryRun()) {
        return pass.decided(decision);
      }
      Map<String, String> annotations = decision.markers().changesFrom(snapshot.state().markers());
      ShardCounts layout = decision.isChange() ? decision.target() : null;
      if (layout != null || !annotations.isEmpty()) {
        try {
          pass.timeKubernetes(
              () -> {
                statefulSets.patch(snapshot, layout, annotations, names);
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
          throw e;
        }
      }
      ScaleResult result = pass.decided(decision);
      if (decision.isChange()) {
        statefulSets.recordEvent(
            snapshot,
            false,
            decision.reason() == Reason.REPACKED ? "Repacked" : "Resharded",
            eventMessage(snapshot.state().current(), decision));
      } else if (decision.reason() == Reason.ROLLOUT_STUCK) {
        statefulSets.recordEvent(snapshot, true, "RolloutStuck", decision.message());
      }
      return result;
    }
  }

  private static String eventMessage(ShardCounts from, ShardCounts to, String why) {
    return (from.shards() == null ? "?" : from.shards())
        + "→"
        + to.shards()
        + " shards, "
        + to.replicas()
        + " pods × "
        + to.shardsPerBot()
        + ": "
        + why;
  }

  private static String eventMessage(ShardCounts from, Decision decision) {
    String verb = decision.reason() == Reason.REPACKED ? "Repacked " : "Resharded ";
    return verb + eventMessage(from, decision.target(), decision.message());
  }
}
