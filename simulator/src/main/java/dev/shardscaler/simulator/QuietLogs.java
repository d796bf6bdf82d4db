package dev.shardscaler.simulator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Quiets the scaler's per-pass logging for a simulation: a year is 52,560 passes, and the timeline
 * already holds every result. Sets the level of {@code dev.shardscaler.core} to ERROR through
 * logback's API when logback is the SLF4J provider (the app jar), and puts it back after. Other
 * providers are left alone.
 */
final class QuietLogs implements AutoCloseable {
  static final String CORE = "dev.shardscaler.core";

  private final Runnable restore;

  private QuietLogs(Runnable restore) {
    this.restore = restore;
  }

  static QuietLogs during() {
    try {
      Class.forName(
          "ch.qos.logback.classic.LoggerContext", false, QuietLogs.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return new QuietLogs(() -> {});
    }
    return Logback.quiet();
  }

  @Override
  public void close() {
    restore.run();
  }

  /** Apart, so that nothing of logback is loaded when it is absent. */
  private static final class Logback {
    static QuietLogs quiet() {
      if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
        return new QuietLogs(() -> {});
      }
      Logger logger = context.getLogger(CORE);
      Level previous = logger.getLevel();
      logger.setLevel(Level.ERROR);
      return new QuietLogs(() -> logger.setLevel(previous));
    }
  }
}
