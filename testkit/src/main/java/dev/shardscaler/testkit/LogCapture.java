package dev.shardscaler.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the JVM (root logger, all levels) while open: the formatted message
 * plus the messages of any attached throwable chain, so tests can prove a secret never reaches a
 * log.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final ch.qos.logback.classic.Level previousLevel;

  public LogCapture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previousLevel = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.ALL);
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
  }

  /** Each event as one line: level, logger, message, then every cause's class and message. */
  public synchronized List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(appender.list)) {
      StringBuilder line =
          new StringBuilder()
              .append(event.getLevel())
              .append(' ')
              .append(event.getLoggerName())
              .append(": ")
              .append(event.getFormattedMessage());
      if (event.getKeyValuePairs() != null) {
        event.getKeyValuePairs().forEach(pair -> line.append(' ').append(pair));
      }
      for (IThrowableProxy cause = event.getThrowableProxy();
          cause != null;
          cause = cause.getCause()) {
        line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
      }
      lines.add(line.toString());
    }
    return lines;
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    root.setLevel(previousLevel);
  }
}
