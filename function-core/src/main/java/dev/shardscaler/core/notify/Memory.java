package dev.shardscaler.core.notify;

import com.google.gson.JsonParseException;
import dev.shardscaler.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the notifier remembers between passes (a serverless pass has no memory of its own): each
 * target's lasting failure or block and whether it was told, and each webhook's messages still to
 * deliver and the time before which it must not be called again. Kept as the data of a ConfigMap:
 * {@code target.<name>} and {@code sink.<name>} keys, each a small JSON value.
 *
 * @param conditions by target name; a target that is fine has none
 * @param backlogs by sink name ("discord", "webhook")
 */
public record Memory(Map<String, Condition> conditions, Map<String, Backlog> backlogs) {
  static final String TARGET_PREFIX = "target.";
  static final String SINK_PREFIX = "sink.";

  /** A webhook keeps at most this many undelivered messages; older ones are dropped (counted). */
  static final int MAX_PENDING = 20;

  /**
   * A failure or a block a target is in.
   *
   * @param state "FAILED DISCORD_UNAUTHORIZED", "BLOCKED IDENTIFY_BUDGET"
   * @param since when it was first seen (RFC 3339)
   * @param toldAt when it was last told, or null while not yet
   * @param passes how many passes saw it in a row
   */
  public record Condition(String state, String since, String toldAt, int passes) {}

  /**
   * Messages a webhook has not received yet.
   *
   * @param notBefore RFC 3339 time before which the webhook must not be called (its rate limit), or
   *     null
   * @param dropped how many older messages were dropped to keep the backlog small
   */
  public record Backlog(String notBefore, List<Notice> pending, int dropped) {
    public Backlog {
      pending = pending == null ? List.of() : List.copyOf(pending);
    }

    static Backlog empty() {
      return new Backlog(null, List.of(), 0);
    }

    /** These messages queued after the pending ones, the oldest dropped beyond the bound. */
    Backlog plus(List<Notice> more) {
      List<Notice> all = new ArrayList<>(pending);
      all.addAll(more);
      int over = Math.max(0, all.size() - MAX_PENDING);
      return new Backlog(notBefore, all.subList(over, all.size()), dropped + over);
    }
  }

  public Memory {
    conditions = Map.copyOf(conditions);
    backlogs = Map.copyOf(backlogs);
  }

  public static Memory empty() {
    return new Memory(Map.of(), Map.of());
  }

  public Backlog backlog(String sink) {
    return backlogs.getOrDefault(sink, Backlog.empty());
  }

  /** The memory as ConfigMap data. */
  Map<String, String> toData() {
    Map<String, String> data = new LinkedHashMap<>();
    conditions.forEach((name, c) -> data.put(TARGET_PREFIX + name, Json.GSON.toJson(c)));
    backlogs.forEach(
        (name, b) -> {
          if (!b.pending().isEmpty() || b.notBefore() != null || b.dropped() > 0) {
            data.put(SINK_PREFIX + name, Json.GSON.toJson(b));
          }
        });
    return data;
  }

  /** The memory from ConfigMap data; keys it cannot read are left out (and later replaced). */
  static Memory fromData(Map<String, String> data, List<String> unreadable) {
    Map<String, Condition> conditions = new LinkedHashMap<>();
    Map<String, Backlog> backlogs = new LinkedHashMap<>();
    data.forEach(
        (key, value) -> {
          try {
            if (key.startsWith(TARGET_PREFIX)) {
              Condition c = Json.GSON.fromJson(value, Condition.class);
              if (c == null || c.state() == null || c.since() == null) {
                throw new JsonParseException("incomplete");
              }
              java.time.Instant.parse(c.since());
              if (c.toldAt() != null) {
                java.time.Instant.parse(c.toldAt());
              }
              conditions.put(key.substring(TARGET_PREFIX.length()), c);
            } else if (key.startsWith(SINK_PREFIX)) {
              Backlog b = Json.GSON.fromJson(value, Backlog.class);
              if (b == null) {
                throw new JsonParseException("empty");
              }
              if (b.notBefore() != null) {
                java.time.Instant.parse(b.notBefore());
              }
              backlogs.put(key.substring(SINK_PREFIX.length()), b);
            }
          } catch (JsonParseException | IllegalStateException | java.time.DateTimeException e) {
            unreadable.add(key);
          }
        });
    return new Memory(conditions, backlogs);
  }
}
