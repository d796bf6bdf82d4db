package dev.shardscaler.core.plan;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.DurationParser;
import dev.shardscaler.core.discord.GatewayBot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules of one scaling pass, with no I/O: from the StatefulSet's state, Discord's answer, the
 * policy and what the request asks, to a {@link Decision}. The steps, in order:
 *
 * <ol>
 *   <li><b>markers</b>: the scaler's annotations, without those it cannot trust;
 *   <li><b>override</b>: the request's new one, or the one recorded until it expires;
 *   <li><b>target</b>: the count the rules allow ({@link ShardRules}), the layout it needs;
 *   <li><b>holds</b>: a paused, stopped (0 replicas) or non-updatable set is left alone entirely;
 *   <li><b>rollout</b>: one unfinished past its timeout fails the pass, loudly;
 *   <li><b>intent</b>: up, down, repack, correct the replicas, initialize, or nothing;
 *   <li><b>switches and window</b>: K8S_SCALEUP / K8S_SCALEDOWN; a scale-down waits out the window
 *       and goes to the highest recommendation seen in it, through the rules again;
 *   <li><b>guards</b>: no change during a rollout, within the minimum interval, or without the
 *       session starts it spends plus the reserve.
 * </ol>
 *
 * The markers to keep are computed once, at the end, from the verdict: only an applied change
 * clears a scale-down window.
 */
public final class Planner {
  private Planner() {}

  public static Decision plan(
      ClusterState state, GatewayBot gateway, Policy policy, OverrideRequest ask, Instant now) {
    return new Planning(state, gateway, policy, ask, now).decide();
  }

  /** A pass without a request of its own (the scheduled pass). */
  public static Decision plan(ClusterState state, GatewayBot gateway, Policy policy, Instant now) {
    return plan(state, gateway, policy, OverrideRequest.NONE, now);
  }

  /** How a verdict moves the scale-down window's markers. */
  private sealed interface Window {
    Markers applyTo(Markers markers);

    /** The recommendation is not below the running count (or scaling down is off): no window. */
    record Clear() implements Window {
      public Markers applyTo(Markers markers) {
        return markers.withScaleDown(null, null);
      }
    }

    /** Nothing learned about the window in this pass. */
    record Keep() implements Window {
      public Markers applyTo(Markers markers) {
        return markers;
      }
    }

    /**
     * Below since {@code since}; the highest recommendation seen since is {@code peak}; a pass
     * looked at it at {@code seen}.
     */
    record Track(Instant since, int peak, Instant seen) implements Window {
      public Markers applyTo(Markers markers) {
        return markers.withScaleDown(since, peak, seen);
      }
    }
  }

  /** What a step concluded, before the markers are computed. */
  private record Verdict(
      Decision.Kind kind,
      Reason reason,
      String message,
      ShardCounts target,
      Instant retryAt,
      Window window) {}

  private static final class Planning {
    private static final Duration MIN_GAP = Duration.ofHours(1);

    private final ClusterState state;
    private final ShardCounts current;
    private final GatewayBot gateway;
    private final Policy policy;
    private final OverrideRequest ask;
    private final Instant now;
    private final List<String> warnings = new ArrayList<>();
    private Markers trusted;
    private ShardOverride override;
    private ShardRules rules;
    private Instant rolloutSince;
    private String rolloutRevision;

    Planning(
        ClusterState state, GatewayBot gateway, Policy policy, OverrideRequest ask, Instant now) {
      this.state = state;
      this.current = state.current();
      this.gateway = gateway;
      this.policy = policy;
      this.ask = ask;
      this.now = now;
    }

    Decision decide() {
      warnings.addAll(state.markerProblems());
      trusted = state.markers().trusted(now, warnings);
      override = effectiveOverride();
      rules = ShardRules.of(policy, gateway);
      ShardRules.Count wanted = wanted();
      ShardCounts target = rules.fits() ? layout(wanted.shards()) : current;

      Verdict hold = hold(target);
      if (hold != null) {
        // Nothing is written to a held set: a requested override is not recorded either.
        if (ask.sets()) {
          warnings.add("the requested override was not recorded: the StatefulSet is held");
        }
        ShardOverride inForce =
            trusted.override() != null && trusted.override().until().isAfter(now)
                ? trusted.override()
                : null;
        return new Decision(
            hold.kind(),
            hold.reason(),
            hold.message(),
            hold.target(),
            trusted,
            false,
            null,
            inForce,
            List.copyOf(warnings));
      }
      if (state.rollout().inProgress()) {
        observeRollout();
        Verdict stuck = stuckRollout();
        if (stuck != null) {
          return finish(stuck);
        }
      }
      if (!rules.fits()) {
        return finish(
            new Verdict(
                Decision.Kind.FAILED,
                Reason.NO_VALID_COUNT,
                rules.whyNoCountFits() + "; running [" + current + "], nothing changed",
                current,
                null,
                new Window.Keep()));
      }
      return finish(intent(target, wanted.explanation()));
    }

    // ---- override --------------------------------------------------------------------------

    private ShardOverride effectiveOverride() {
      if (ask.sets()) {
        Duration holdFor = ask.holdFor() != null ? ask.holdFor() : policy.overrideTtl();
        return new ShardOverride(ask.shards(), ask.shardsPerBot(), now.plus(holdFor), ask.reason());
      }
      ShardOverride recorded = trusted.override();
      if (ask.clear()) {
        if (recorded == null) {
          warnings.add("clearOverride: there was no override to clear");
        }
        return null;
      }
      if (recorded != null && !recorded.until().isAfter(now)) {
        warnings.add(
            "the override ("
                + recorded.describe()
                + ") has expired: the configuration applies again, and its annotation goes at the"
                + " next write");
        return null;
      }
      return recorded;
    }

    private int perBot() {
      return override != null && override.shardsPerBot() != null
          ? override.shardsPerBot()
          : policy.shardsPerBot();
    }

    private ShardCounts layout(int shards) {
      return ShardCounts.of(shards, perBot());
    }

    // ---- target ----------------------------------------------------------------------------

    private ShardRules.Count wanted() {
      ShardRules.Count count =
          override != null && override.shards() != null
              ? rules.forExplicit(override.shards())
              : rules.forRecommendation(gateway.shards());
      if (override == null) {
        return count;
      }
      String perPod =
          override.shardsPerBot() == null
              ? ""
              : ", " + override.shardsPerBot() + " per pod requested";
      return new ShardRules.Count(
          count.shards(),
          count.explanation() + perPod + "; the override holds until " + override.until());
    }

    // ---- holds -----------------------------------------------------------------------------

    private Verdict hold(ShardCounts target) {
      String wants =
          " (Discord recommends "
              + gateway.shards()
              + "; running ["
              + current
              + "], the rules want ["
              + target
              + "])";
      if (state.isPaused()) {
        return held(
            Reason.PAUSED,
            "paused by the annotation "
                + Markers.PAUSED
                + "=\""
                + state.paused()
                + "\": the scaler changes nothing on this StatefulSet"
                + wants
                + ". Resume with: kubectl annotate statefulset <name> "
                + Markers.PAUSED
                + "-",
            target);
      }
      if (current.replicas() == 0) {
        return held(
            Reason.STOPPED,
            "spec.replicas is 0: someone stopped the bot, and the scaler never starts a stopped"
                + " bot"
                + wants
                + ". Resume by scaling it up (kubectl scale statefulset <name> --replicas=N); to"
                + " hold the scaler without stopping the bot, annotate it "
                + Markers.PAUSED
                + "=true instead",
            target);
      }
      String notUpdatable = state.strategy().whyNotUpdatable();
      if (notUpdatable != null) {
        return held(
            Reason.UPDATE_STRATEGY,
            notUpdatable + "; the scaler changes nothing on this StatefulSet" + wants,
            target);
      }
      return null;
    }

    private static Verdict held(Reason reason, String message, ShardCounts target) {
      return new Verdict(Decision.Kind.BLOCKED, reason, message, target, null, new Window.Keep());
    }

    // ---- rollout ---------------------------------------------------------------------------

    /**
     * When the rollout began: the recorded time while the update revision is the one recorded (a
     * marker without a revision, written with the change that started it, adopts the current one);
     * now for a rollout of another revision, so a marker left from an earlier rollout (across a
     * pause, an outage) never makes a new one look stuck.
     */
    private void observeRollout() {
      String revision = state.rollout().updateRevision();
      boolean same =
          trusted.rolloutSince() != null
              && (trusted.rolloutRevision() == null
                  || Objects.equals(trusted.rolloutRevision(), revision));
      rolloutSince = same ? trusted.rolloutSince() : now;
      rolloutRevision = revision;
    }

    private Verdict stuckRollout() {
      Rollout rollout = state.rollout();
      Duration timeout =
          policy.rolloutTimeout() != null
              ? policy.rolloutTimeout()
              : RolloutTimeout.estimate(current, gateway.sessionStartLimit().maxConcurrency());
      Duration running = Duration.between(rolloutSince, now);
      if (running.compareTo(timeout) < 0) {
        return null;
      }
      return new Verdict(
          Decision.Kind.FAILED,
          Reason.ROLLOUT_STUCK,
          "rollout unfinished for "
              + DurationParser.format(running.withNanos(0))
              + " (SCALER_ROLLOUT_TIMEOUT "
              + (policy.rolloutTimeout() != null ? "" : "auto, ")
              + DurationParser.format(timeout)
              + "), waiting on pod ordinal "
              + rollout.waitingOnOrdinal()
              + " ("
              + rollout.readyReplicas()
              + "/"
              + rollout.desiredReplicas()
              + " ready, "
              + rollout.updatedReplicas()
              + " updated): a person must look at that pod",
          current,
          null,
          new Window.Keep());
    }

    // ---- intent, switches, window ----------------------------------------------------------

    private Verdict intent(ShardCounts target, String why) {
      if (current.shards() == null) {
        return initialize(target, why);
      }
      Verdict verdict = change(target, why);
      return verdict.kind() == Decision.Kind.BLOCKED ? restoreMissingPods(verdict) : verdict;
    }

    /**
     * No shard count in the container: what the pods run cannot be known (a bot may read another
     * variable), so the switches are judged by pods. More pods only with scaling up on; never
     * fewer, whatever the switches say: with no count to compare, a scale-down would have no
     * window, and pods that serve shards under another name would simply be deleted.
     */
    private Verdict initialize(ShardCounts target, String why) {
      String missing =
          "the container has no shard count in its env (SHARDS, or the variable"
              + " SCALER_SHARDS_ENV names), so what its "
              + current.replicas()
              + " pods run is unknown";
      if (target.replicas() < current.replicas()) {
        return blocked(
            Reason.SHARDS_UNKNOWN,
            missing
                + "; the rules want ["
                + target
                + "], fewer pods, and the scaler never removes pods from a bot whose shard count"
                + " it does not know. Set that variable to the count the bot runs (a scale-down"
                + " then waits out its window), or scale the StatefulSet to "
                + target.replicas()
                + " pods yourself",
            target,
            null,
            new Window.Clear());
      }
      if (target.replicas() > current.replicas() && !policy.scaleUp()) {
        return blocked(
            Reason.SCALE_UP_DISABLED,
            missing
                + "; the rules want ["
                + target
                + "], more pods, but scaling up is off (K8S_SCALEUP=0)",
            target,
            null,
            new Window.Clear());
      }
      return guarded(Reason.INITIALIZED, target, why, new Window.Clear());
    }

    /**
     * A shard change held by a switch or a guard still leaves the running shards to run: when the
     * running count is one the rules allow and the set has fewer pods than its own env needs (a
     * hand scale, a GitOps sync), the missing pods are added for the running layout, restarting no
     * shard. The window the held change carries is kept; every guard applies to the correction as
     * to any write.
     */
    private Verdict restoreMissingPods(Verdict held) {
      Integer perBot = current.shardsPerBot();
      if (perBot == null || !rules.allows(current.shards())) {
        // Only a running count the rules allow is worth more pods; any other needs a reshard.
        return held;
      }
      ShardCounts running = ShardCounts.of(current.shards(), perBot);
      if (current.replicas() >= running.replicas()) {
        return held;
      }
      Verdict corrected =
          guarded(
              Reason.REPLICAS_CORRECTED,
              running,
              current.replicas()
                  + " pods cannot run "
                  + current.shards()
                  + " shards at "
                  + perBot
                  + " per pod; the missing pods are added while the shard change stays held ("
                  + held.reason()
                  + ": "
                  + held.message()
                  + ")",
              held.window());
      if (corrected.kind() == Decision.Kind.CHANGE) {
        return corrected;
      }
      // A guard holds the correction too: say so first, and what else is held.
      return new Verdict(
          corrected.kind(),
          corrected.reason(),
          corrected.message() + "; besides, " + held.message(),
          corrected.target(),
          corrected.retryAt(),
          held.window());
    }

    private Verdict change(ShardCounts target, String why) {
      if (target.shards() > current.shards()) {
        if (!policy.scaleUp()) {
          return blocked(
              Reason.SCALE_UP_DISABLED,
              "want "
                  + target.shards()
                  + " shards, running "
                  + current.shards()
                  + ", but scaling up is off (K8S_SCALEUP=0)",
              target,
              null,
              new Window.Clear());
        }
        return guarded(Reason.SCALED_UP, target, why, new Window.Clear());
      }
      if (target.shards() < current.shards()) {
        return down(target, why);
      }
      if (!Objects.equals(target.shardsPerBot(), current.shardsPerBot())) {
        return guarded(Reason.REPACKED, target, why, new Window.Clear());
      }
      if (target.replicas() != current.replicas()) {
        return guarded(Reason.REPLICAS_CORRECTED, target, why, new Window.Clear());
      }
      return new Verdict(
          Decision.Kind.UNCHANGED,
          Reason.IN_SYNC,
          "running " + current + " as wanted (" + why + ")",
          current,
          null,
          new Window.Clear());
    }

    private Verdict down(ShardCounts target, String why) {
      int concurrency = gateway.sessionStartLimit().maxConcurrency();
      boolean explicit = override != null && override.shards() != null;
      if (!explicit && concurrency > 1 && current.shards() % concurrency != 0) {
        return refusedCount(concurrency);
      }
      if (!policy.scaleDown()) {
        return blocked(
            Reason.SCALE_DOWN_DISABLED,
            "want "
                + target.shards()
                + " shards, running "
                + current.shards()
                + ", but scaling down is off (K8S_SCALEDOWN=0)",
            target,
            null,
            new Window.Clear());
      }
      if (explicit) {
        // A person asked for this count: no window to wait out, every guard still applies.
        return guarded(Reason.SCALED_DOWN, target, why, new Window.Clear());
      }
      Duration window = policy.scaleDownWindow();
      Window.Track tracked = trackWindow();
      Instant since = tracked.since();
      ShardRules.Count atPeak = rules.forRecommendation(tracked.peak());
      ShardCounts peakTarget = layout(atPeak.shards());
      Instant due = since.plus(window);
      boolean windowDone = !now.isBefore(due);
      if (windowDone && atPeak.shards() < current.shards()) {
        return guarded(
            Reason.SCALED_DOWN,
            peakTarget,
            "the recommendation stayed below "
                + current.shards()
                + " since "
                + since
                + "; the highest since: "
                + atPeak.explanation(),
            tracked);
      }
      if (current.shards() > rules.max()) {
        ShardCounts capped = layout(rules.clamp(current.shards()).shards());
        return guarded(
            Reason.SCALED_DOWN,
            capped,
            "running more than the cap allows (" + rules.max() + " shards): down to the cap now",
            tracked);
      }
      if (!windowDone) {
        String plan =
            atPeak.shards() < current.shards()
                ? "will scale down to "
                    + atPeak.shards()
                    + " (the highest since: "
                    + atPeak.explanation()
                    + ") at "
                    + due
                    + " if it stays below"
                : "the highest since ("
                    + atPeak.explanation()
                    + ") still needs "
                    + current.shards()
                    + " or more, so no scale-down is due; the window ends at "
                    + due;
        return blocked(
            Reason.SCALE_DOWN_STABILIZING,
            "recommendation below "
                + current.shards()
                + " shards since "
                + since
                + "; "
                + plan
                + " (SCALER_SCALEDOWN_WINDOW "
                + DurationParser.format(window)
                + ")",
            atPeak.shards() < current.shards() ? peakTarget : target,
            due,
            tracked);
      }
      // Under today's rules the window's peak needs the running count or more: what the window
      // saw does not allow a scale-down; it starts again from now.
      return blocked(
          Reason.SCALE_DOWN_STABILIZING,
          "the highest recommendation since "
              + since
              + " ("
              + atPeak.explanation()
              + ") needs "
              + current.shards()
              + " shards or more under the current rules; the window starts again now",
          target,
          now.plus(window),
          new Window.Track(now, gateway.shards(), now));
    }

    /**
     * The scale-down window after this pass: since when the recommendation is below, the highest
     * seen since, when a pass last looked. A window no pass looked at for longer than the window
     * itself (at least an hour: a pause, a hold, an outage) starts again — what it missed could
     * have been higher. The look is recorded at most every quarter of the window, not at every
     * pass. (So passes must come more often than the window, as any schedule does.)
     */
    private Window.Track trackWindow() {
      Duration window = policy.scaleDownWindow();
      Duration gap = window.compareTo(MIN_GAP) < 0 ? MIN_GAP : window;
      Instant since = trusted.scaleDownSince();
      Integer peak = trusted.scaleDownPeak();
      Instant seen = trusted.scaleDownSeen();
      if (since != null && seen != null && Duration.between(seen, now).compareTo(gap) > 0) {
        warnings.add(
            "the scale-down window since "
                + since
                + " was last looked at "
                + seen
                + " (a hold, a pause or failed passes since): it starts again now");
        since = null;
        peak = null;
        seen = null;
      }
      if (since == null) {
        return new Window.Track(now, gateway.shards(), now);
      }
      int highest =
          window.isZero() || peak == null ? gateway.shards() : Math.max(peak, gateway.shards());
      boolean fresh = seen != null && Duration.between(seen, now).compareTo(gap.dividedBy(4)) < 0;
      return new Window.Track(since, highest, fresh ? seen : now);
    }

    /**
     * The running count is one Discord refuses (max_concurrency rose above 1 and it is no multiple
     * of it): any shard that restarts is closed with 4010. No window to wait out: correct it now to
     * the count of the highest recommendation the window saw (up if that keeps more capacity),
     * switches and guards still applying.
     */
    private Verdict refusedCount(int concurrency) {
      Window.Track tracked = trackWindow();
      ShardRules.Count fix = rules.forRecommendation(tracked.peak());
      ShardCounts fixed = layout(fix.shards());
      String why =
          "running "
              + current.shards()
              + " shards, not a multiple of Discord's max_concurrency "
              + concurrency
              + ": any shard restart would be refused (close 4010), so the count is corrected now"
              + " ("
              + fix.explanation()
              + ")";
      boolean up = fixed.shards() > current.shards();
      if (!up && !policy.scaleDown() && policy.scaleUp()) {
        // Scaling down is off: the next count above that Discord accepts, if the cap allows one.
        ShardCounts above = layout(rules.clamp(current.shards()).shards());
        if (above.shards() > current.shards()) {
          return guarded(
              Reason.SCALED_UP,
              above,
              why + "; scaling down is off, so up to the next multiple",
              new Window.Clear());
        }
      }
      if (up ? !policy.scaleUp() : !policy.scaleDown()) {
        return blocked(
            up ? Reason.SCALE_UP_DISABLED : Reason.SCALE_DOWN_DISABLED,
            why
                + ", but scaling "
                + (up ? "up is off (K8S_SCALEUP=0)" : "down is off (K8S_SCALEDOWN=0)"),
            fixed,
            null,
            new Window.Clear());
      }
      return guarded(
          up ? Reason.SCALED_UP : Reason.SCALED_DOWN,
          fixed,
          why,
          up ? new Window.Clear() : tracked);
    }

    // ---- guards ----------------------------------------------------------------------------

    private Verdict guarded(Reason reason, ShardCounts target, String why, Window window) {
      String move = "[" + current + "] → [" + target + "]";
      if (rolloutSince != null) {
        return blocked(
            Reason.ROLLOUT_IN_PROGRESS,
            "want "
                + move
                + ", but a rollout is in progress (since "
                + rolloutSince
                + "); never reshard on top of one",
            target,
            null,
            window);
      }
      if (trusted.lastChangeAt() != null) {
        Instant allowed = trusted.lastChangeAt().plus(policy.minInterval());
        if (now.isBefore(allowed)) {
          return blocked(
              Reason.MIN_INTERVAL,
              "want "
                  + move
                  + ", but the last change was at "
                  + trusted.lastChangeAt()
                  + " (SCALER_MIN_INTERVAL "
                  + DurationParser.format(policy.minInterval())
                  + "); next change allowed at "
                  + allowed,
              target,
              allowed,
              window);
        }
      }
      long needed = (long) target.shards() + policy.identifyReserve();
      int remaining = gateway.sessionStartLimit().remaining();
      if (remaining < needed) {
        Instant reset = now.plus(gateway.sessionStartLimit().resetAfter());
        return blocked(
            Reason.IDENTIFY_BUDGET,
            "want "
                + move
                + ", which restarts "
                + target.shards()
                + " shards, but only "
                + remaining
                + " session starts remain (need "
                + target.shards()
                + " + reserve "
                + policy.identifyReserve()
                + "); the budget resets at "
                + reset,
            target,
            reset,
            window);
      }
      return new Verdict(
          Decision.Kind.CHANGE, reason, move + " (" + why + ")", target, null, window);
    }

    private static Verdict blocked(
        Reason reason, String message, ShardCounts target, Instant retryAt, Window window) {
      return new Verdict(Decision.Kind.BLOCKED, reason, message, target, retryAt, window);
    }

    // ---- markers, once ---------------------------------------------------------------------

    private Decision finish(Verdict verdict) {
      Markers next = verdict.window().applyTo(trusted.withOverride(override));
      next = next.withRollout(rolloutSince, rolloutSince == null ? null : rolloutRevision);
      if (verdict.kind() == Decision.Kind.CHANGE) {
        String from = current.shards() == null ? "?" : String.valueOf(current.shards());
        next =
            next.withLastChange(now, from + "→" + verdict.target().shards()).withRollout(now, null);
        if (!Objects.equals(verdict.target().shards(), current.shards())
            || !Objects.equals(verdict.target().shardsPerBot(), current.shardsPerBot())) {
          // A new layout ends the window; pods added for the running layout leave it running.
          next = next.withScaleDown(null, null, null);
        }
      }
      // A failed pass writes nothing: what it saw is for the next pass to see again.
      boolean write =
          verdict.kind() == Decision.Kind.CHANGE
              || verdict.kind() != Decision.Kind.FAILED && !next.equals(trusted);
      return new Decision(
          verdict.kind(),
          verdict.reason(),
          verdict.message(),
          verdict.target(),
          next,
          write,
          verdict.retryAt(),
          override,
          List.copyOf(warnings));
    }
  }
}
