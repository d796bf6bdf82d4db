package dev.shardscaler.core.bluegreen;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScalerException;
import dev.shardscaler.core.config.DurationParser;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.plan.ShardCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the switch ConfigMap holds: which sets handle events ({@code active}, the one key the bot
 * reads) and where a blue/green reshard stands. A serverless pass remembers nothing, so this is the
 * reshard's memory, written in one guarded update per step.
 *
 * @param active the sets whose pods handle events: one, or two while the switch overlaps
 * @param from the set being left (starting, overlap, switched); null when steady
 * @param to the set being brought up (starting, overlap, switched); null when steady
 * @param layout what {@code to} runs; null when steady
 * @param since when the phase began
 * @param timeout how long {@code to} may take to become Ready, from {@code since}
 * @param failedAt when a standby set last failed to become Ready (steady), else null
 */
public record SwitchState(
    Phase phase,
    List<String> active,
    String from,
    String to,
    ShardCounts layout,
    Instant since,
    Duration timeout,
    Instant failedAt,
    String failure) {

  public enum Phase {
    /** One set serves; nothing in flight. */
    STEADY,
    /** The standby set {@code to} is starting; {@code from} alone handles events. */
    STARTING,
    /** Both sets handle events until every pod has seen the switch. */
    OVERLAP,
    /** {@code to} alone handles events; {@code from} stands by, connected, for the grace period. */
    SWITCHED
  }

  public static final String ACTIVE = "active";
  public static final String PHASE = "phase";
  public static final String FROM = "from";
  public static final String TO = "to";
  public static final String SHARDS = "shards";
  public static final String SHARDS_PER_BOT = "shardsPerBot";
  public static final String REPLICAS = "replicas";
  public static final String SINCE = "since";
  public static final String TIMEOUT = "timeout";
  public static final String FAILED_AT = "failedAt";
  public static final String FAILURE = "failure";

  public static SwitchState steady(String active, Instant since) {
    return new SwitchState(
        Phase.STEADY, List.of(active), null, null, null, since, null, null, null);
  }

  public SwitchState failed(Instant at, String why) {
    return new SwitchState(
        Phase.STEADY, List.of(from), null, null, null, at, null, at, abbreviate(why));
  }

  public static SwitchState starting(
      String from, String to, ShardCounts layout, Instant since, Duration timeout) {
    return new SwitchState(
        Phase.STARTING, List.of(from), from, to, layout, since, timeout, null, null);
  }

  /** Both sets active; {@code to} gets the same time again to be Ready should it falter. */
  public SwitchState overlap(Instant at) {
    return new SwitchState(
        Phase.OVERLAP, List.of(from, to), from, to, layout, at, timeout, null, null);
  }

  public SwitchState switched(Instant at) {
    return new SwitchState(Phase.SWITCHED, List.of(to), from, to, layout, at, timeout, null, null);
  }

  public SwitchState finished(Instant at) {
    return steady(to, at);
  }

  /** The one active set of a steady switch, or the set being left. */
  public String serving() {
    return phase == Phase.STEADY ? active.get(0) : from;
  }

  /** When {@code to} must be Ready (starting and overlap). */
  public Instant readyBy() {
    return since.plus(timeout);
  }

  public Map<String, String> toData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(ACTIVE, String.join(",", active));
    data.put(PHASE, phase.name().toLowerCase(java.util.Locale.ROOT));
    if (from != null) {
      data.put(FROM, from);
      data.put(TO, to);
      data.put(SHARDS, String.valueOf(layout.shards()));
      data.put(SHARDS_PER_BOT, String.valueOf(layout.shardsPerBot()));
      data.put(REPLICAS, String.valueOf(layout.replicas()));
      data.put(TIMEOUT, DurationParser.format(timeout));
    }
    data.put(SINCE, since.toString());
    if (failedAt != null) {
      data.put(FAILED_AT, failedAt.toString());
      data.put(FAILURE, failure);
    }
    return data;
  }

  /**
   * Reads the switch's data. The sets named must be {@code original} or {@code sibling}, and the
   * active list must agree with the phase; anything else is INVALID_SWITCH naming the key, and the
   * scaler writes nothing (a person may have edited it: the scaler never guesses which set serves).
   * A switch with {@code active} alone (made by hand) is steady.
   */
  public static SwitchState parse(
      String configMap, Map<String, String> data, String original, String sibling) {
    Reader in = new Reader(configMap, data);
    List<String> active = Arrays.stream(in.required(ACTIVE).split(",")).map(String::strip).toList();
    for (String name : active) {
      if (!name.equals(original) && !name.equals(sibling)) {
        throw in.invalid(
            ACTIVE, "a comma-separated list of \"" + original + "\" and \"" + sibling + "\"");
      }
    }
    if (active.isEmpty()
        || active.size() > 2
        || active.stream().distinct().count() != active.size()) {
      throw in.invalid(ACTIVE, "one set, or two while the switch overlaps");
    }
    String phaseText = data.get(PHASE);
    Phase phase;
    try {
      phase =
          phaseText == null
              ? Phase.STEADY
              : Phase.valueOf(phaseText.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw in.invalid(PHASE, "steady, starting, overlap or switched");
    }
    Instant since = data.get(SINCE) == null ? Instant.EPOCH : in.time(SINCE);
    if (phase == Phase.STEADY) {
      if (active.size() != 1) {
        throw in.invalid(ACTIVE, "one set while the phase is steady");
      }
      Instant failedAt = data.get(FAILED_AT) == null ? null : in.time(FAILED_AT);
      return new SwitchState(
          phase, active, null, null, null, since, null, failedAt, data.get(FAILURE));
    }
    String from = in.required(FROM);
    String to = in.required(TO);
    if (!(from.equals(original) && to.equals(sibling)
        || from.equals(sibling) && to.equals(original))) {
      throw in.invalid(TO, "the other set than \"from\" (" + original + " or " + sibling + ")");
    }
    List<String> expected =
        switch (phase) {
          case STARTING -> List.of(from);
          case OVERLAP -> List.of(from, to);
          default -> List.of(to);
        };
    if (!active.equals(expected)) {
      throw in.invalid(ACTIVE, String.join(",", expected) + " while the phase is " + phaseText);
    }
    int shards = in.count(SHARDS);
    int perBot = in.count(SHARDS_PER_BOT);
    int replicas = in.count(REPLICAS);
    Duration timeout = DurationParser.parse(in.required(TIMEOUT));
    if (timeout == null) {
      throw in.invalid(TIMEOUT, "a duration such as 30m");
    }
    return new SwitchState(
        phase,
        active,
        from,
        to,
        new ShardCounts(shards, replicas, perBot),
        since,
        timeout,
        null,
        null);
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ");
    return line.length() <= 300 ? line : line.substring(0, 300) + "…";
  }

  /** Typed reads of the data, each failure naming the ConfigMap, the key and its value. */
  private record Reader(String configMap, Map<String, String> data) {
    String required(String key) {
      String value = data.get(key);
      if (value == null || value.isBlank()) {
        throw invalid(key, "present");
      }
      return value.strip();
    }

    Instant time(String key) {
      try {
        return Instant.parse(required(key));
      } catch (DateTimeParseException e) {
        throw invalid(key, "an RFC 3339 time such as 2026-01-31T12:00:00Z");
      }
    }

    int count(String key) {
      try {
        int value = Integer.parseInt(required(key));
        if (value >= 1 && value <= Settings.MAX_SHARDS_LIMIT) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid(key, "an integer from 1 to " + Settings.MAX_SHARDS_LIMIT);
    }

    ScalerException invalid(String key, String expected) {
      String value = data.get(key);
      String shown =
          value == null
              ? "nothing"
              : "\"" + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "\"";
      return new ScalerException(
          Reason.INVALID_SWITCH,
          "the switch ConfigMap "
              + configMap
              + ": data."
              + key
              + " must be "
              + expected
              + ", got "
              + shown
              + "; the scaler changes nothing until it is repaired (docs/BLUEGREEN.md, \"Repair\")",
          false,
          null);
    }
  }
}
