package dev.shardscaler.aws;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleRequestParser;
import dev.shardscaler.core.http.CallerText;
import dev.shardscaler.core.http.StrictJson;
import dev.shardscaler.core.http.Utf8;
import java.util.List;

/**
 * What one Lambda invocation carries. One function sees several shapes, told apart by fields a
 * ScaleRequest never has:
 *
 * <ul>
 *   <li>an API Gateway HTTP API payload v2.0 ({@code "version": "2.0"} with {@code
 *       requestContext}): a function URL call → {@link Http};
 *   <li>an EventBridge envelope ({@code "detail-type"}, {@code "source"}), e.g. a rule's {@code
 *       Scheduled Event}: the request is its {@code detail} → {@link Pass};
 *   <li>anything else is the request itself: EventBridge Scheduler delivers the target input as-is,
 *       and so does a direct invoke → {@link Pass}. An empty event is the scheduled pass.
 * </ul>
 */
sealed interface Invocation {

  /** A scaling pass asked for by a scheduler or an invoker (already authorized by IAM). */
  record Pass(String trigger, ScaleRequest request) implements Invocation {}

  /** A function URL (or HTTP API) request: answered with an HTTP response, never an error. */
  record Http(HttpApiRequest request) implements Invocation {}

  /**
   * @throws InvalidRequestException naming the field, for an event that is not a usable request
   */
  static Invocation read(byte[] event) {
    String text = Utf8.decode(event, "the event");
    if (text.isBlank()) {
      return new Pass("empty event", ScaleRequest.scheduled());
    }
    JsonElement root = StrictJson.parse(text, "the event");
    if (root.isJsonNull()) {
      return new Pass("empty event", ScaleRequest.scheduled());
    }
    if (!root.isJsonObject()) {
      throw new InvalidRequestException(
          List.of(
              "the event must be a JSON object such as {\"dryRun\": true}, got "
                  + CallerText.unsafeEscaped(root.toString(), CallerText.SHOWN)));
    }
    JsonObject object = root.getAsJsonObject();
    if (object.has("requestContext") && isString(object.get("version"), "2.0")) {
      return new Http(HttpApiRequest.from(object));
    }
    if (object.has("requestContext") && object.has("httpMethod")) {
      throw new InvalidRequestException(
          List.of(
              "API Gateway payload format 1.0 is not supported: use payload format version 2.0"
                  + " (function URLs always send 2.0)"));
    }
    if (object.has("detail-type") && object.has("source")) {
      return eventBridge(object);
    }
    return new Pass("event", ScaleRequestParser.fromJson(object));
  }

  private static Pass eventBridge(JsonObject envelope) {
    String detailType = envelopeString(envelope, "detail-type");
    String trigger =
        "eventbridge "
            + envelopeString(envelope, "source")
            + " \""
            + detailType
            + "\""
            + (isString(envelope.get("id"), null)
                ? " id=" + CallerText.safe(envelope.get("id").getAsString(), CallerText.SHOWN)
                : "");
    ScaleRequest request;
    try {
      request = ScaleRequestParser.fromJson(envelope.get("detail"));
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(
          e.problems().stream()
              .map(problem -> "in \"detail\" of the EventBridge event: " + problem)
              .toList());
    }
    if (request.reason() == null) {
      request = request.withReason(detailType.equals("Scheduled Event") ? "scheduled" : detailType);
    }
    return new Pass(trigger, request);
  }

  private static String envelopeString(JsonObject envelope, String field) {
    JsonElement value = envelope.get(field);
    if (!isString(value, null)) {
      throw new InvalidRequestException(
          List.of(
              "field \""
                  + field
                  + "\" of the EventBridge event must be a string, got "
                  + CallerText.unsafeEscaped(String.valueOf(value), CallerText.SHOWN)));
    }
    return CallerText.safe(value.getAsString(), CallerText.SHOWN);
  }

  /** True for a JSON string (equal to {@code value}, unless that is null). */
  private static boolean isString(JsonElement element, String value) {
    return element != null
        && element.isJsonPrimitive()
        && element.getAsJsonPrimitive().isString()
        && (value == null || element.getAsString().equals(value));
  }
}
