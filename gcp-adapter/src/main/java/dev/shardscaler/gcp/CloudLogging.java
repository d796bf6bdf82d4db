package dev.shardscaler.gcp;

import com.google.gson.JsonObject;
import dev.shardscaler.core.Json;
import dev.shardscaler.core.http.CallerText;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Cloud Logging's structured format, one strict JSON object per line on stdout: {@code severity},
 * {@code message}, and the source location. It replaces the Functions Framework invoker's handler,
 * which escapes only quotes, backslashes and line breaks, so that a tab (every stack trace has
 * them), a NUL or an ESC leaves a line that is no JSON at all and Cloud Logging loses its severity.
 */
final class CloudLogging extends Handler {
  static final String INVOKER_HANDLER = "com.google.cloud.functions.invoker.gcf.JsonLogHandler";

  private final PrintStream out;
  private final Formatter messages = new SimpleFormatter();

  CloudLogging(PrintStream out) {
    this.out = out;
  }

  /** Swaps the invoker's JSON handler on the root logger for this one; elsewhere, nothing. */
  static void install() {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      if (handler.getClass().getName().equals(INVOKER_HANDLER)) {
        root.removeHandler(handler);
        root.addHandler(new CloudLogging(System.out));
      }
    }
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    out.println(format(record));
  }

  String format(LogRecord record) {
    JsonObject line = new JsonObject();
    line.addProperty("severity", severity(record.getLevel()));
    if (record.getSourceClassName() != null) {
      JsonObject location = new JsonObject();
      location.addProperty("file", record.getSourceClassName().replace('.', '/') + ".java");
      if (record.getSourceMethodName() != null) {
        location.addProperty("function", record.getSourceMethodName());
      }
      line.add("logging.googleapis.com/sourceLocation", location);
    }
    String message = messages.formatMessage(record);
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      message = message + "\n" + trace;
    }
    line.addProperty("message", message);
    // Gson escapes C0 controls, U+2028 and U+2029; DEL, C1 controls and bidirectional marks it
    // leaves raw, which is valid JSON but not a safe line: those become \\uXXXX too (they can
    // only stand inside a string).
    return CallerText.unsafeEscaped(Json.GSON.toJson(line), Integer.MAX_VALUE);
  }

  static String severity(Level level) {
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (value >= Level.WARNING.intValue()) {
      return "WARNING";
    }
    if (value >= Level.CONFIG.intValue()) {
      return "INFO";
    }
    return "DEBUG";
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
