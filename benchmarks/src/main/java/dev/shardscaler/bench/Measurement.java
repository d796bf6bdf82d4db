package dev.shardscaler.bench;

/**
 * One child process: times from the moment it was started, its peak RSS, and what the fakes saw.
 *
 * @param readyMs when the port first accepted a connection (servers), or when a SnapStart stand-in
 *     printed that it was restored, else NaN
 * @param resultMs when the result was in the harness's hands (a stdout line or the HTTP answer)
 * @param exitMs when the process had exited (processes that exit by themselves), else NaN
 * @param peakRssKb the kernel's high-water mark of resident memory after the pass, or -1
 * @param cpuMs CPU time (user + system) the child used up to then, or NaN: unlike wall time it
 *     hardly moves when other processes compete for the cores
 * @param failure what went wrong, or null
 * @param result the result as the child gave it (a JSON line or body), or null
 */
record Measurement(
    String artifact,
    String flagSet,
    String outcome,
    double readyMs,
    double resultMs,
    double exitMs,
    long peakRssKb,
    double cpuMs,
    PassCounts counts,
    String failure,
    String result) {

  Measurement withCounts(PassCounts seen) {
    return new Measurement(
        artifact, flagSet, outcome, readyMs, resultMs, exitMs, peakRssKb, cpuMs, seen, failure,
        result);
  }

  boolean ok() {
    return failure == null;
  }
}
