package dev.shardscaler.simulator.report;

import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Where the passes go, one line each: CSV with a header, or JSON lines, or nowhere. */
public abstract class Timeline implements AutoCloseable {
  private final Writer out;
  private final boolean notableOnly;
  private final StringBuilder line = new StringBuilder(256);

  Timeline(Writer out, boolean notableOnly) {
    this.out = out;
    this.notableOnly = notableOnly;
  }

  public static Timeline none() {
    return new Timeline(null, true) {
      @Override
      void format(StringBuilder line, Object[] values) {}

      @Override
      public void write(Row row) {}
    };
  }

  /** RFC 4180 CSV: a header line, then a row per pass; fields quoted when they need it. */
  public static Timeline csv(Writer out, boolean notableOnly) {
    Timeline timeline =
        new Timeline(out, notableOnly) {
          @Override
          void format(StringBuilder line, Object[] values) {
            for (int i = 0; i < values.length; i++) {
              if (i > 0) {
                line.append(',');
              }
              Object value = values[i];
              if (value instanceof String text) {
                if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0) {
                  line.append('"').append(text.replace("\"", "\"\"")).append('"');
                } else {
                  line.append(text);
                }
              } else if (value != null) {
                line.append(value);
              }
            }
          }
        };
    timeline.emit(String.join(",", Row.COLUMNS));
    return timeline;
  }

  /** One JSON object per pass, keys as the CSV columns; absent values left out. */
  public static Timeline jsonLines(Writer out, boolean notableOnly) {
    return new Timeline(out, notableOnly) {
      @Override
      void format(StringBuilder line, Object[] values) {
        line.append('{');
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
          Object value = values[i];
          if (value == null) {
            continue;
          }
          line.append(first ? "" : ",").append('"').append(Row.COLUMNS[i]).append("\":");
          line.append(value instanceof String text ? new JsonPrimitive(text).toString() : value);
          first = false;
        }
        line.append('}');
      }
    };
  }

  abstract void format(StringBuilder line, Object[] values);

  public void write(Row row) {
    if (notableOnly && !row.notable()) {
      return;
    }
    line.setLength(0);
    format(line, row.values());
    emit(line);
  }

  private void emit(CharSequence text) {
    try {
      out.append(text).append('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the timeline: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (out == null) {
      return;
    }
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the timeline: " + e.getMessage(), e);
    }
  }
}
