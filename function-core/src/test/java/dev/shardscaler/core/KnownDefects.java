package dev.shardscaler.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.plan.Markers;
import java.util.Map;
import java.util.Objects;

/**
 * Defects of main code that {@link ScaleFunctionProperties} found, reported to their owner and
 * counted in the property's line (not failed) until they are fixed. Each one matches only its own
 * signature, on an input that carries its cause; every other assertion still holds for such a case.
 * Delete an entry with its fix, and this class with the last one.
 */
final class KnownDefects {
  private KnownDefects() {}

  /**
   * An integer field of Discord's answer beyond Gson's number limits ({@code
   * "reset_after":1e10001}, {@code "remaining":-1e10001}, {@code "total":1e9999999999}) makes
   * GatewayBotParser.integer's getAsBigDecimal throw NumberFormatException ("Number has unsupported
   * scale", "Exponent overflow"): the pass ends INTERNAL_ERROR instead of DISCORD_BAD_RESPONSE
   * naming the field. It fails and writes nothing, as it should.
   */
  static boolean discordNumberBeyondGsonLimits(String discordBody, ScaleResult result) {
    return (discordBody.contains("e10001") || discordBody.contains("e9999999999"))
        && result.reason() == Reason.INTERNAL_ERROR
        && result.message().contains("java.lang.NumberFormatException")
        && (result.message().contains("unsupported scale")
            || result.message().contains("Exponent overflow"));
  }

  /**
   * An update revision that does not survive the rollout-since annotation (empty, or with
   * whitespace at either end: {@code "" → "2026-11-28T12:00:00Z "} reads back without a revision)
   * makes the markers as planned differ from the markers read back, so after a PATCH whose answer
   * was lost but which landed, ScaleFunction.landed says "a re-read shows the change did not land:
   * nothing was changed" (FAILED) although the annotations were written.
   */
  static boolean revisionLostInAnnotation(JsonObject statefulSet, ScaleResult result) {
    String revision = updateRevision(statefulSet);
    if (revision == null) {
      return false;
    }
    String written = "2026-11-28T12:00:00Z " + revision;
    Markers read = Markers.read(Map.of(Markers.ROLLOUT_SINCE, written)).markers();
    return !Objects.equals(read.rolloutRevision(), revision)
        && result.failed()
        && result.message().contains("a re-read shows the change did not land");
  }

  private static String updateRevision(JsonObject statefulSet) {
    JsonElement status = statefulSet.get("status");
    if (status == null || !status.isJsonObject()) {
      return null;
    }
    JsonElement revision = status.getAsJsonObject().get("updateRevision");
    return revision == null || revision.isJsonNull() || !revision.isJsonPrimitive()
        ? null
        : revision.getAsString();
  }
}
