package dev.shardscaler.core.plan;

import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the policy remembers between passes, kept in annotations on the StatefulSet because a
 * serverless pass has no memory of its own. An annotation the scaler cannot read, or a time too far
 * in the future, is ignored with a warning and replaced at the next write: a marker never blocks
 * the scaler for good.
 *
 * @param lastChangeAt when the scaler last changed the StatefulSet
 * @param lastChange what that change was, e.g. {@code 12→16}
 * @param scaleDownSince when Discord's recommendation first fell below the running count
 * @param scaleDownPeak the highest recommendation (Discord's figure, before headroom and rounding)
 *     seen since then
 * @param scaleDownSeen when a pass last looked at the window (kept with the peak); a window not
 *     looked at for long (a pause, an outage) starts again rather than trust what it missed
 * @param rolloutSince when the scaler first saw the current rollout unfinished
 * @param rolloutRevision the update revision that rollout was rolling out; another revision is
 *     another rollout, whose clock starts again
 * @param override an override that holds until its time
 */
public record Markers(
    Instant lastChangeAt,
    String lastChange,
    Instant scaleDownSince,
    Integer scaleDownPeak,
    Instant scaleDownSeen,
    Instant rolloutSince,
    String rolloutRevision,
    ShardOverride override) {

  public static final String PREFIX = "shardscaler.dev/";
  public static final String LAST_CHANGE = PREFIX + "last-change";
  public static final String SCALE_DOWN_SINCE = PREFIX + "scale-down-since";
  public static final String SCALE_DOWN_PEAK = PREFIX + "scale-down-peak";
  public static final String ROLLOUT_SINCE = PREFIX + "rollout-since";
  public static final String OVERRIDE = PREFIX + "override";

  /** Set by people to hold the scaler; the scaler reads it and never writes it. */
  public static final String PAUSED = PREFIX + "paused";

  /** The annotations the scaler owns and writes. */
  public static final Set<String> KEYS =
      Set.of(LAST_CHANGE, SCALE_DOWN_SINCE, SCALE_DOWN_PEAK, ROLLOUT_SINCE, OVERRIDE);

  /** How far a marker's time may lie ahead of the scaler's clock (clocks drift). */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  public static final Markers NONE = new Markers(null, null, null, null, null, null, null, null);

  /** The markers as read, what could not be read, and the keys to replace at the next write. */
  public record Read(Markers markers, List<String> problems, Set<String> unreadable) {}

  /** Reads the scaler's annotations; foreign ones are ignored, unreadable ones reported. */
  public static Read read(Map<String, String> annotations) {
    List<String> problems = new ArrayList<>();
    Set<String> unreadable = new LinkedHashSet<>();
    Instant lastChangeAt = null;
    String lastChange = null;
    String lastChangeText = annotations.get(LAST_CHANGE);
    if (lastChangeText != null) {
      String[] parts = lastChangeText.strip().split("\\s+", 2);
      lastChangeAt = time(LAST_CHANGE, parts[0], lastChangeText, problems, unreadable);
      lastChange = lastChangeAt == null ? null : parts.length > 1 ? parts[1] : "";
    }
    Instant since = time(SCALE_DOWN_SINCE, annotations.get(SCALE_DOWN_SINCE), problems, unreadable);
    Integer peak = null;
    Instant seen = null;
    String peakText = annotations.get(SCALE_DOWN_PEAK);
    if (peakText != null) {
      String[] parts = peakText.strip().split("\\s+", 2);
      try {
        peak = Integer.parseInt(parts[0]);
        if (peak < 1 || peak > Settings.MAX_SHARDS_LIMIT) {
          peak = null;
        }
        seen = parts.length > 1 ? Instant.parse(parts[1]) : null;
      } catch (NumberFormatException | DateTimeParseException e) {
        peak = null;
      }
      if (peak == null) {
        unreadable(
            SCALE_DOWN_PEAK,
            peakText,
            "an integer from 1 to 100000, optionally followed by an RFC 3339 time",
            problems,
            unreadable);
      }
    }
    if (since == null || peak == null) {
      // half a window is no window: start a new one
      since = null;
      peak = null;
      seen = null;
    }
    Instant rolloutSince = null;
    String rolloutRevision = null;
    String rolloutText = annotations.get(ROLLOUT_SINCE);
    if (rolloutText != null) {
      String[] parts = rolloutText.strip().split("\\s+", 2);
      rolloutSince = time(ROLLOUT_SINCE, parts[0], rolloutText, problems, unreadable);
      rolloutRevision = rolloutSince != null && parts.length > 1 ? parts[1] : null;
    }
    ShardOverride override = null;
    String overrideText = annotations.get(OVERRIDE);
    if (overrideText != null) {
      try {
        override = ShardOverride.fromAnnotation(overrideText, Settings.MAX_SHARDS_LIMIT);
      } catch (IllegalArgumentException e) {
        unreadable(OVERRIDE, overrideText, e.getMessage(), problems, unreadable);
      }
    }
    Markers markers =
        new Markers(
            lastChangeAt, lastChange, since, peak, seen, rolloutSince, rolloutRevision, override);
    return new Read(markers, List.copyOf(problems), Set.copyOf(unreadable));
  }

  /**
   * These markers without the times that lie further in the future than {@link #CLOCK_SKEW} (a
   * skewed clock, a hand edit): they are ignored with a warning, never obeyed until then.
   */
  public Markers trusted(Instant now, List<String> warnings) {
    Instant limit = now.plus(CLOCK_SKEW);
    Markers result = this;
    if (lastChangeAt != null && lastChangeAt.isAfter(limit)) {
      warnings.add(future(LAST_CHANGE, lastChangeAt, now));
      result = result.withLastChange(null, null);
    }
    if (scaleDownSince != null
        && (scaleDownSince.isAfter(limit)
            || scaleDownSeen != null && scaleDownSeen.isAfter(limit))) {
      warnings.add(future(SCALE_DOWN_SINCE, scaleDownSince, now));
      result = result.withScaleDown(null, null);
    }
    if (rolloutSince != null && rolloutSince.isAfter(limit)) {
      warnings.add(future(ROLLOUT_SINCE, rolloutSince, now));
      result = result.withRollout(null, null);
    }
    if (override != null && override.until().isAfter(limit.plus(ScaleRequest.MAX_OVERRIDE_FOR))) {
      warnings.add(
          "annotation "
              + OVERRIDE
              + " holds until "
              + override.until()
              + ", longer than any override may (30d): ignored, and removed at the next write");
      result = result.withOverride(null);
    }
    return result;
  }

  /** The annotations to write so that {@code before} becomes this; a null value removes one. */
  public Map<String, String> changesFrom(Markers before) {
    Map<String, String> now = toAnnotations();
    Map<String, String> old = before.toAnnotations();
    Map<String, String> changes = new LinkedHashMap<>();
    now.forEach(
        (key, value) -> {
          if (!Objects.equals(old.get(key), value)) {
            changes.put(key, value);
          }
        });
    old.keySet().stream()
        .filter(key -> !now.containsKey(key))
        .forEach(key -> changes.put(key, null));
    return changes;
  }

  public Map<String, String> toAnnotations() {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (lastChangeAt != null) {
      annotations.put(
          LAST_CHANGE,
          lastChangeAt + (lastChange == null || lastChange.isEmpty() ? "" : " " + lastChange));
    }
    if (scaleDownSince != null && scaleDownPeak != null) {
      annotations.put(SCALE_DOWN_SINCE, scaleDownSince.toString());
      annotations.put(
          SCALE_DOWN_PEAK, scaleDownPeak + (scaleDownSeen == null ? "" : " " + scaleDownSeen));
    }
    if (rolloutSince != null) {
      annotations.put(
          ROLLOUT_SINCE, rolloutSince + (rolloutRevision == null ? "" : " " + rolloutRevision));
    }
    if (override != null) {
      annotations.put(OVERRIDE, override.toAnnotation());
    }
    return annotations;
  }

  public Markers withScaleDown(Instant since, Integer peak) {
    return withScaleDown(since, peak, null);
  }

  public Markers withScaleDown(Instant since, Integer peak, Instant seen) {
    return new Markers(
        lastChangeAt, lastChange, since, peak, seen, rolloutSince, rolloutRevision, override);
  }

  public Markers withRolloutSince(Instant since) {
    return withRollout(since, null);
  }

  /**
   * The rollout marker; a revision that could not be written and read back as one word (blank, or
   * with whitespace: never an API server's) is left out and adopted at the next pass.
   */
  public Markers withRollout(Instant since, String revision) {
    if (revision != null
        && (revision.isBlank()
            || !revision.equals(revision.strip())
            || revision.chars().anyMatch(Character::isWhitespace))) {
      revision = null;
    }
    return new Markers(
        lastChangeAt,
        lastChange,
        scaleDownSince,
        scaleDownPeak,
        scaleDownSeen,
        since,
        revision,
        override);
  }

  public Markers withLastChange(Instant at, String change) {
    return new Markers(
        at,
        change,
        scaleDownSince,
        scaleDownPeak,
        scaleDownSeen,
        rolloutSince,
        rolloutRevision,
        override);
  }

  public Markers withOverride(ShardOverride value) {
    return new Markers(
        lastChangeAt,
        lastChange,
        scaleDownSince,
        scaleDownPeak,
        scaleDownSeen,
        rolloutSince,
        rolloutRevision,
        value);
  }

  private static String future(String key, Instant value, Instant now) {
    return "annotation "
        + key
        + " is "
        + value
        + ", later than now ("
        + now
        + ") by more than the clock skew allowed (5m): ignored, and replaced at the next write";
  }

  private static Instant time(
      String key, String text, List<String> problems, Set<String> unreadable) {
    return text == null ? null : time(key, text.strip(), text, problems, unreadable);
  }

  private static Instant time(
      String key, String text, String whole, List<String> problems, Set<String> unreadable) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      unreadable(key, whole, "an RFC 3339 time such as 2026-01-31T12:00:00Z", problems, unreadable);
      return null;
    }
  }

  private static void unreadable(
      String key, String value, String expected, List<String> problems, Set<String> unreadable) {
    unreadable.add(key);
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    problems.add(
        "annotation "
            + key
            + " must be "
            + expected
            + ", got \""
            + shown
            + "\": ignored, and replaced at the next write");
  }
}
