package dev.shardscaler.core.plan;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScalerException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the policy remembers between passes, kept in annotations on the StatefulSet because a
 * serverless pass has no memory of its own.
 *
 * @param lastChangeAt when the scaler last changed the StatefulSet
 * @param lastChange what that change was, e.g. {@code 12→16}
 * @param scaleDownSince when the recommendation first fell below the current count
 * @param scaleDownPeak the highest recommendation seen since then
 * @param rolloutSince when the scaler first saw the current rollout unfinished
 */
public record Markers(
    Instant lastChangeAt,
    String lastChange,
    Instant scaleDownSince,
    Integer scaleDownPeak,
    Instant rolloutSince) {

  public static final String PREFIX = "shardscaler.dev/";
  public static final String LAST_CHANGE = PREFIX + "last-change";
  public static final String SCALE_DOWN_SINCE = PREFIX + "scale-down-since";
  public static final String SCALE_DOWN_PEAK = PREFIX + "scale-down-peak";
  public static final String ROLLOUT_SINCE = PREFIX + "rollout-since";

  public static final Markers NONE = new Markers(null, null, null, null, null);

  /** Reads the scaler's annotations; foreign ones are ignored, malformed ones named. */
  public static Markers fromAnnotations(Map<String, String> annotations) {
    Instant lastChangeAt = null;
    String lastChange = null;
    String lastChangeText = annotations.get(LAST_CHANGE);
    if (lastChangeText != null) {
      String[] parts = lastChangeText.strip().split("\\s+", 2);
      lastChangeAt = time(LAST_CHANGE, parts[0], lastChangeText);
      lastChange = parts.length > 1 ? parts[1] : "";
    }
    Integer peak = null;
    String peakText = annotations.get(SCALE_DOWN_PEAK);
    if (peakText != null) {
      try {
        peak = Integer.parseInt(peakText.strip());
      } catch (NumberFormatException e) {
        throw malformed(SCALE_DOWN_PEAK, peakText, "an integer");
      }
      if (peak < 1) {
        throw malformed(SCALE_DOWN_PEAK, peakText, "an integer ≥ 1");
      }
    }
    Instant since = time(SCALE_DOWN_SINCE, annotations.get(SCALE_DOWN_SINCE));
    return new Markers(
        lastChangeAt,
        lastChange,
        since,
        since == null ? null : peak,
        time(ROLLOUT_SINCE, annotations.get(ROLLOUT_SINCE)));
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
    if (scaleDownSince != null) {
      annotations.put(SCALE_DOWN_SINCE, scaleDownSince.toString());
      if (scaleDownPeak != null) {
        annotations.put(SCALE_DOWN_PEAK, scaleDownPeak.toString());
      }
    }
    if (rolloutSince != null) {
      annotations.put(ROLLOUT_SINCE, rolloutSince.toString());
    }
    return annotations;
  }

  public Markers withScaleDown(Instant since, Integer peak) {
    return new Markers(lastChangeAt, lastChange, since, peak, rolloutSince);
  }

  public Markers withRolloutSince(Instant since) {
    return new Markers(lastChangeAt, lastChange, scaleDownSince, scaleDownPeak, since);
  }

  public Markers withLastChange(Instant at, String change) {
    return new Markers(at, change, scaleDownSince, scaleDownPeak, rolloutSince);
  }

  private static Instant time(String key, String text) {
    return text == null ? null : time(key, text.strip(), text);
  }

  private static Instant time(String key, String text, String whole) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw malformed(key, whole, "an RFC 3339 time such as 2026-01-31T12:00:00Z");
    }
  }

  private static ScalerException malformed(String key, String value, String expected) {
    return new ScalerException(
        Reason.INVALID_STATEFULSET,
        "annotation "
            + key
            + " must be "
            + expected
            + ", got \""
            + value
            + "\": fix or remove it (kubectl annotate statefulset <name> "
            + key
            + "-)",
        false,
        null);
  }
}
