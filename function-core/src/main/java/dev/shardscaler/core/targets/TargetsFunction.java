package dev.shardscaler.core.targets;

import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.PassReport;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.notify.Notifier;
import dev.shardscaler.core.notify.WebhookNotifier;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A pass over the configured targets: each target's own {@link ScaleFunction} (its own token,
 * Discord client and cached recommendation, so its own identify budget), all at once, each within
 * the pass deadline; one failing target never stops the others. Then the notifier. A single-bot
 * configuration answers with that bot's {@link ScaleResult}, as it always did; several targets
 * answer with a {@link TargetsResult}.
 *
 * <p>A request may name one configured target; any other name is refused before anything is
 * contacted.
 */
public final class TargetsFunction implements Function<ScaleRequest, PassReport> {
  private static final Logger log = LoggerFactory.getLogger(TargetsFunction.class);

  /** A target's pass ends within the deadline; this much more is allowed before giving up on it. */
  static final Duration GRACE = Duration.ofSeconds(5);

  private final Targets targets;
  private final TokenResolver tokens;
  private final Function<Settings, ScaleFunction> passes;
  private final Notifier notifier;
  private final Clock clock;
  private final Map<String, Slot> slots = new LinkedHashMap<>();

  public TargetsFunction(
      Targets targets,
      TokenResolver tokens,
      Function<Settings, ScaleFunction> passes,
      Notifier notifier,
      Clock clock) {
    this.targets = targets;
    this.tokens = tokens;
    this.passes = passes;
    this.notifier = notifier;
    this.clock = clock;
    targets.specs().forEach(spec -> slots.put(spec.name(), new Slot(spec)));
  }

  /** The function with real Discord clients, this cluster client, and the configured webhooks. */
  public static TargetsFunction create(Targets targets, TokenResolver tokens, ApiClient cluster) {
    Clock clock = Clock.systemUTC();
    return new TargetsFunction(
        targets,
        tokens,
        settings -> ScaleFunction.create(settings, cluster),
        WebhookNotifier.create(
            targets.notifications(), cluster, targets.kubernetesTimeout(), clock),
        clock);
  }

  public Targets targets() {
    return targets;
  }

  /**
   * @throws InvalidRequestException when the request names no configured target
   */
  @Override
  public PassReport apply(ScaleRequest input) {
    ScaleRequest request = input == null ? ScaleRequest.scheduled() : input;
    List<TargetSpec> chosen = chosen(request);
    Instant startedAt = clock.instant();
    long start = System.nanoTime();
    List<Notifier.TargetRun> runs =
        targets.single()
            ? List.of(run(chosen.get(0), request))
            : runAll(chosen, request, startedAt);
    List<String> warnings = notifier.afterPass(runs, request.target() == null);
    if (targets.single()) {
      ScaleResult result = runs.get(0).result();
      for (String warning : warnings) {
        result = result.withWarning(warning);
      }
      return result;
    }
    List<TargetsResult.Named> named =
        runs.stream().map(run -> new TargetsResult.Named(run.name(), run.result())).toList();
    TargetsResult result =
        TargetsResult.of(
            named,
            warnings,
            request.reason(),
            startedAt.toString(),
            (System.nanoTime() - start) / 1_000_000);
    if (result.failed()) {
      log.warn("pass over {} targets: {}", named.size(), result.message());
    } else {
      log.info("pass over {} targets: {}", named.size(), result.message());
    }
    return result;
  }

  private List<TargetSpec> chosen(ScaleRequest request) {
    if (request.target() == null) {
      return targets.specs();
    }
    TargetSpec spec = targets.named(request.target());
    if (spec == null) {
      throw new InvalidRequestException(
          List.of(
              "field \"target\": no target named \""
                  + request.target()
                  + "\" is configured (configured: "
                  + String.join(", ", targets.names())
                  + ")"));
    }
    return List.of(spec);
  }

  /** Every chosen target at once, each on a virtual thread of its own. */
  private List<Notifier.TargetRun> runAll(
      List<TargetSpec> chosen, ScaleRequest request, Instant startedAt) {
    List<Callable<Notifier.TargetRun>> tasks = new ArrayList<>();
    for (TargetSpec spec : chosen) {
      tasks.add(
          () -> {
            MDC.put("target", spec.name());
            try {
              return run(spec, request);
            } finally {
              MDC.remove("target");
            }
          });
    }
    Duration wait = targets.passDeadline().plus(GRACE);
    List<Notifier.TargetRun> runs = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Notifier.TargetRun>> futures =
          pool.invokeAll(tasks, wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      for (int i = 0; i < futures.size(); i++) {
        runs.add(collect(chosen.get(i), futures.get(i), request, startedAt, wait));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the pass was interrupted", e);
    }
    return runs;
  }

  private Notifier.TargetRun collect(
      TargetSpec spec,
      Future<Notifier.TargetRun> future,
      ScaleRequest request,
      Instant startedAt,
      Duration wait) {
    try {
      return future.get();
    } catch (ExecutionException | java.util.concurrent.CancellationException e) {
      // ScaleFunction never throws and ends within its deadline: a bug, or a call that hung.
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      return new Notifier.TargetRun(
          spec.name(),
          spec.token().describe(),
          notStarted(
              spec,
              request,
              Reason.INTERNAL_ERROR,
              e instanceof ExecutionException
                  ? "the target's pass failed unexpectedly (" + cause.getClass().getName() + ")"
                  : "the target's pass did not end within "
                      + wait.toSeconds()
                      + " s; whether it changed anything is for the next pass to read",
              startedAt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the pass was interrupted", e);
    }
  }

  /** One target's pass with its own token; a token that cannot be had fails this target only. */
  private Notifier.TargetRun run(TargetSpec spec, ScaleRequest request) {
    Instant startedAt = clock.instant();
    Slot slot = slots.get(spec.name());
    ScaleFunction function;
    try {
      function = slot.function(tokens.token(spec.token()));
    } catch (RuntimeException e) {
      if (targets.single()) {
        throw e; // the single bot's setup failure, reported as it always was
      }
      log.warn("target {}: {}", spec.name(), e.getMessage());
      return new Notifier.TargetRun(
          spec.name(),
          spec.token().describe(),
          notStarted(spec, request, Reason.BOT_TOKEN_UNAVAILABLE, e.getMessage(), startedAt));
    }
    ScaleResult result = function.apply(request);
    if (result.reason() == Reason.DISCORD_UNAUTHORIZED) {
      // The token may have been rotated: read it again next time.
      tokens.invalidate(spec.token());
      slot.forget();
      if (!targets.single()) {
        result = result.withWarning("this target's token comes from " + spec.token().describe());
      }
    }
    return new Notifier.TargetRun(spec.name(), spec.token().describe(), result);
  }

  private ScaleResult notStarted(
      TargetSpec spec, ScaleRequest request, Reason reason, String message, Instant startedAt) {
    boolean dryRun =
        request.dryRun() != null
            ? request.dryRun()
            : new dev.shardscaler.core.config.EnvReader(spec.env()).bool("SCALER_DRY_RUN", false);
    return ScaleResult.notStarted(
        spec.target(),
        reason,
        message + ". Nothing was asked or changed.",
        dryRun,
        request.reason(),
        startedAt,
        Duration.between(startedAt, clock.instant()).toMillis());
  }

  /** A target's function, kept while its token stays the same. */
  private final class Slot {
    private final TargetSpec spec;
    private String token;
    private ScaleFunction function;

    Slot(TargetSpec spec) {
      this.spec = spec;
    }

    synchronized ScaleFunction function(String current) {
      if (function == null || !current.equals(token)) {
        Settings settings;
        try {
          settings = spec.settings(current);
        } catch (ConfigException e) {
          if (targets.single()) {
            throw e;
          }
          throw new TokenUnavailableException(
              "the token from " + spec.token().describe() + " is not usable: " + e.getMessage());
        }
        function = passes.apply(settings);
        token = current;
      }
      return function;
    }

    synchronized void forget() {
      function = null;
      token = null;
    }
  }
}
