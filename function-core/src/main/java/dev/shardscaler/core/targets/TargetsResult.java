package dev.shardscaler.core.targets;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.Json;
import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.PassReport;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScaleResult;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The result of a pass over several targets: each target's own result, in configured order, and the
 * worst of them on top. The HTTP status is the highest of the targets' statuses (200 unless one
 * failed; then 500, 502, 503 or 504, see README), the exit code 1 when any target failed.
 *
 * @param outcome the worst outcome: FAILED, then BLOCKED, SCALED, DRY_RUN, UNCHANGED
 * @param reason the reason of the target the outcome (and the status) come from
 * @param message one line per target, in order
 * @param warnings what happened after the passes (a message that could not be delivered); null when
 *     nothing
 */
public record TargetsResult(
    Outcome outcome,
    Reason reason,
    String message,
    List<Named> targets,
    List<String> warnings,
    String requestReason,
    String startedAt,
    long totalMs)
    implements PassReport {

  /** How bad an outcome is, for "the worst": a failure, then a held change, then a change. */
  static final Map<Outcome, Integer> SEVERITY =
      Map.of(
          Outcome.FAILED, 5,
          Outcome.BLOCKED, 4,
          Outcome.SCALED, 3,
          Outcome.DRY_RUN, 2,
          Outcome.UNCHANGED, 1);

  /** One target's result under its configured name. */
  public record Named(String name, ScaleResult result) {}

  public TargetsResult {
    targets = List.copyOf(targets);
    warnings = warnings == null || warnings.isEmpty() ? null : List.copyOf(warnings);
  }

  /** The results, the worst on top. */
  public static TargetsResult of(
      List<Named> targets,
      List<String> warnings,
      String requestReason,
      String startedAt,
      long totalMs) {
    Named worst = targets.stream().max(worseFirst()).orElseThrow();
    StringBuilder message =
        new StringBuilder()
            .append(targets.size())
            .append(targets.size() == 1 ? " target: " : " targets: ");
    for (int i = 0; i < targets.size(); i++) {
      ScaleResult result = targets.get(i).result();
      message
          .append(i == 0 ? "" : "; ")
          .append(targets.get(i).name())
          .append(' ')
          .append(result.outcome())
          .append(" (")
          .append(result.reason())
          .append(')');
    }
    return new TargetsResult(
        worst.result().outcome(),
        worst.result().reason(),
        message.toString(),
        targets,
        warnings,
        requestReason,
        startedAt,
        totalMs);
  }

  /**
   * Orders results so that the greatest is the one to report: the worse outcome; among failures the
   * higher status; among equals the one configured first.
   */
  private static Comparator<Named> worseFirst() {
    return (a, b) -> {
      int bySeverity =
          Integer.compare(SEVERITY.get(a.result().outcome()), SEVERITY.get(b.result().outcome()));
      if (bySeverity != 0) {
        return bySeverity;
      }
      return Integer.compare(a.result().httpStatus(), b.result().httpStatus());
    };
  }

  public ScaleResult result(String name) {
    return targets.stream()
        .filter(named -> named.name().equals(name))
        .map(Named::result)
        .findFirst()
        .orElse(null);
  }

  @Override
  public boolean failed() {
    return targets.stream().anyMatch(named -> named.result().failed());
  }

  /** 200 unless a target failed; then the highest status of the failed targets. */
  @Override
  public int httpStatus() {
    return targets.stream().mapToInt(named -> named.result().httpStatus()).max().orElse(200);
  }

  @Override
  public String toJson() {
    JsonObject json = new JsonObject();
    json.addProperty("outcome", outcome.name());
    json.addProperty("reason", reason.name());
    json.addProperty("message", message);
    JsonArray list = new JsonArray();
    for (Named named : targets) {
      JsonObject entry = new JsonObject();
      entry.addProperty("name", named.name());
      JsonElement result = Json.GSON.toJsonTree(named.result());
      result
          .getAsJsonObject()
          .entrySet()
          .forEach(field -> entry.add(field.getKey(), field.getValue()));
      list.add(entry);
    }
    json.add("targets", list);
    if (warnings != null) {
      JsonArray shown = new JsonArray();
      warnings.forEach(shown::add);
      json.add("warnings", shown);
    }
    if (requestReason != null) {
      json.addProperty("requestReason", requestReason);
    }
    json.addProperty("startedAt", startedAt);
    JsonObject timings = new JsonObject();
    timings.addProperty("totalMs", totalMs);
    json.add("timings", timings);
    return Json.GSON.toJson(json);
  }

  /** The worst on top, then one part per target. */
  @Override
  public String summary() {
    StringBuilder line = new StringBuilder().append(outcome).append(' ').append(reason);
    for (Named named : targets) {
      line.append(" | ").append(named.name()).append(": ").append(named.result().summary());
    }
    return line.toString();
  }
}
