package dev.shardscaler.core.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleRequestParser;
import java.util.Base64;
import java.util.List;

/**
 * What arrived over HTTP, read as a {@link ScaleRequest}: a CloudEvent in binary mode (what
 * Knative's PingSource sends: {@code ce-*} headers, body = the data), in structured mode ({@code
 * application/cloudevents+json}: the envelope with {@code data} or {@code data_base64}), or plain
 * JSON. Every form is read as strictly as the others.
 *
 * <p>Accepted: {@code application/json} and {@code application/cloudevents+json}, UTF-8 (a {@code
 * charset} other than UTF-8 is refused, none means UTF-8). A body-less binary-mode CloudEvent may
 * come without a Content-Type: it is the scheduled pass, and a browser cannot send {@code ce-*}
 * headers across sites without a preflight. Everything else is 415.
 *
 * @param kind for logs: "cloudevent-binary", "cloudevent-structured" or "json"
 * @param eventType the CloudEvent type, or null
 * @param eventId the CloudEvent id, or null
 */
public record Trigger(String kind, String eventType, String eventId, ScaleRequest request) {
  private static final String ACCEPTED = "send application/json (or application/cloudevents+json)";

  /**
   * @throws InvalidRequestException (400) naming what is wrong and where
   * @throws Refusal (415) for a content type or charset the contract does not read
   */
  static Trigger read(HttpCall.Headers headers, byte[] body) {
    String contentType = headers.get("Content-Type");
    boolean binaryEvent = headers.get("ce-specversion") != null;
    if (contentType == null) {
      if (binaryEvent && body.length == 0) {
        return binary(headers, ScaleRequest.scheduled());
      }
      throw Refusal.unsupported("Content-Type is missing: " + ACCEPTED);
    }
    MediaType type = MediaType.parse(contentType);
    if (type == null) {
      throw Refusal.unsupported(
          "Content-Type " + CallerText.quote(contentType) + " is not one media type: " + ACCEPTED);
    }
    if (type.type().equals(MediaType.CLOUDEVENT_BATCH)) {
      throw Refusal.unsupported(
          "batched CloudEvents (" + MediaType.CLOUDEVENT_BATCH + ") are not read: send one event");
    }
    if (!type.type().equals(MediaType.JSON) && !type.type().equals(MediaType.CLOUDEVENT)) {
      throw Refusal.unsupported(
          "Content-Type " + CallerText.quote(type.type()) + " is not read: " + ACCEPTED);
    }
    if (!type.utf8()) {
      throw Refusal.unsupported(
          "charset "
              + CallerText.quote(type.charset())
              + " is not read: JSON comes as UTF-8 (charset=utf-8, or no charset)");
    }
    String text = Utf8.decode(body, "body");
    if (type.type().equals(MediaType.CLOUDEVENT)) {
      return structured(text);
    }
    ScaleRequest request = ScaleRequestParser.parse(text);
    return binaryEvent ? binary(headers, request) : new Trigger("json", null, null, request);
  }

  private static Trigger binary(HttpCall.Headers headers, ScaleRequest request) {
    String version = headers.get("ce-specversion");
    if (!version.equals("1.0")) {
      throw invalid(
          "CloudEvent specversion " + CallerText.quote(version) + " is not supported: send 1.0");
    }
    for (String header : List.of("ce-id", "ce-source", "ce-type")) {
      String value = headers.get(header);
      if (value == null || value.isBlank()) {
        throw invalid("CloudEvent header " + header + " is missing");
      }
    }
    return new Trigger("cloudevent-binary", headers.get("ce-type"), headers.get("ce-id"), request);
  }

  private static Trigger structured(String text) {
    JsonElement root = StrictJson.parse(text, "body");
    if (!root.isJsonObject()) {
      throw invalid("a structured CloudEvent must be a JSON object");
    }
    JsonObject event = root.getAsJsonObject();
    String version = attribute(event, "specversion");
    if (!version.equals("1.0")) {
      throw invalid(
          "CloudEvent specversion " + CallerText.quote(version) + " is not supported: send 1.0");
    }
    String type = attribute(event, "type");
    String id = attribute(event, "id");
    attribute(event, "source");
    JsonElement contentType = event.get("datacontenttype");
    if (contentType != null && !contentType.isJsonNull()) {
      MediaType dataType = MediaType.parse(string(event, "datacontenttype"));
      if (dataType == null || !dataType.type().equals(MediaType.JSON) || !dataType.utf8()) {
        throw Refusal.unsupported(
            "CloudEvent datacontenttype "
                + CallerText.quote(contentType.getAsString())
                + " is not read: the data is a JSON scale request (application/json)");
      }
    }
    boolean hasData = event.has("data") && !event.get("data").isJsonNull();
    boolean hasBase64 = event.has("data_base64") && !event.get("data_base64").isJsonNull();
    if (hasData && hasBase64) {
      throw invalid(
          "a CloudEvent carries \"data\" or \"data_base64\", not both (CloudEvents JSON format)");
    }
    ScaleRequest request;
    if (hasBase64) {
      request = ScaleRequestParser.parse(Utf8.decode(base64(event), "data_base64"));
    } else if (hasData) {
      JsonElement data = event.get("data");
      if (!data.isJsonObject()) {
        throw invalid(
            "CloudEvent \"data\" must be a JSON object (the scale request), got " + kindOf(data));
      }
      request = ScaleRequestParser.fromJson(data);
    } else {
      request = ScaleRequest.scheduled();
    }
    return new Trigger("cloudevent-structured", type, id, request);
  }

  private static byte[] base64(JsonObject event) {
    JsonElement value = event.get("data_base64");
    if (!(value instanceof JsonPrimitive primitive) || !primitive.isString()) {
      throw invalid("CloudEvent \"data_base64\" must be a base64 string, got " + kindOf(value));
    }
    try {
      return Base64.getDecoder().decode(primitive.getAsString());
    } catch (IllegalArgumentException e) {
      throw invalid("CloudEvent \"data_base64\" is not valid base64 (RFC 4648, no line breaks)");
    }
  }

  /** A required context attribute: a non-empty string. */
  private static String attribute(JsonObject event, String name) {
    JsonElement value = event.get(name);
    if (value == null || value.isJsonNull()) {
      throw invalid("CloudEvent attribute \"" + name + "\" is missing");
    }
    String text = string(event, name);
    if (text.isEmpty()) {
      throw invalid("CloudEvent attribute \"" + name + "\" must not be empty");
    }
    return text;
  }

  private static String string(JsonObject event, String name) {
    JsonElement value = event.get(name);
    if (!(value instanceof JsonPrimitive primitive) || !primitive.isString()) {
      throw invalid("CloudEvent attribute \"" + name + "\" must be a string, got " + kindOf(value));
    }
    return primitive.getAsString();
  }

  private static String kindOf(JsonElement value) {
    if (value.isJsonObject()) {
      return "an object";
    }
    if (value.isJsonArray()) {
      return "an array";
    }
    if (value.isJsonNull()) {
      return "null";
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    return primitive.isString() ? "a string" : primitive.isNumber() ? "a number" : "a boolean";
  }

  private static InvalidRequestException invalid(String problem) {
    return new InvalidRequestException(List.of(problem));
  }
}
