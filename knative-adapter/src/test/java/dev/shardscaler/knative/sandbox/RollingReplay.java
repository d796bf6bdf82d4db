package dev.shardscaler.knative.sandbox;

/**
 * The same reshard done by the rolling strategy, replayed in simulated time on the same pod model:
 * one set, its template changed, its pods replaced one by one from the highest ordinal.
 */
final class RollingReplay {
  private static final long STEP_MILLIS = 100;
  private static final long LIMIT_MILLIS = 3_600_000;

  private RollingReplay() {}

  static Coverage.Tally replay(
      PodModel.Timing timing, Coverage coverage, int guilds, Layout from, Layout to) {
    PodModel model = new PodModel(timing);
    model.spec("bot", from.replicas(), from.shards(), from.perBot(), 1);
    long now = 0;
    model.warm("bot", now);
    model.spec("bot", to.replicas(), to.shards(), to.perBot(), 2);
    Coverage.Tally tally = new Coverage.Tally();
    long start = now;
    do {
      for (long end = now + 1000; now < end; now += STEP_MILLIS) {
        model.step(now);
      }
      tally.add(coverage.sample(model.sessions(), guilds));
    } while (!model.quiet() && now - start < LIMIT_MILLIS);
    return tally;
  }
}
