package dev.shardscaler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How busy the machine is before a run (this harness is idle then, so it is everyone else), from
 * {@code /proc/stat}. On a shared 2-core machine a build next door doubles a cold start; the
 * harness waits a while for quiet and reports what it got.
 */
final class Background {
  static final Path STAT = Path.of("/proc/stat");
  private static final Duration SAMPLE = Duration.ofMillis(250);

  private final double quiet;
  private final Duration patience;

  /**
   * @param quiet the busy fraction under which a run may start
   * @param patience how long to wait for it before running anyway
   */
  Background(double quiet, Duration patience) {
    this.quiet = quiet;
    this.patience = patience;
  }

  /** Waits until the machine is quiet or patience runs out; the last busy fraction, or NaN. */
  double awaitQuiet() throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    double busy;
    do {
      busy = busyFraction();
      if (Double.isNaN(busy) || busy <= quiet) {
        return busy;
      }
    } while (System.nanoTime() < deadline);
    return busy;
  }

  /** The share of all CPUs not idle over one sample; NaN where /proc/stat is not there. */
  static double busyFraction() throws InterruptedException {
    long[] before = read();
    Thread.sleep(SAMPLE.toMillis());
    long[] after = read();
    if (before == null || after == null) {
      return Double.NaN;
    }
    long total = after[0] - before[0];
    long idle = after[1] - before[1];
    return total <= 0 ? 0 : (double) (total - idle) / total;
  }

  /** {total, idle + iowait} jiffies of the first line of /proc/stat. */
  private static long[] read() {
    try {
      String[] fields = Files.readAllLines(STAT).get(0).strip().split("\\s+");
      long total = 0;
      for (int i = 1; i < fields.length; i++) {
        total += Long.parseLong(fields[i]);
      }
      return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
