package dev.shardscaler.core.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleRequestParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * What arrived over HTTP, as a {@link ScaleRequest}: a CloudEvent in binary mode (what Knative's
 * PingSource sends: {@code ce-*} headers, body = data), in structured mode ({@code
 * application/cloudevents+json}: the envelope with {@code data} or {@code data_base64}), or a plain
 * JSON body.
 *
 * @param kind for logs: "cloudevent-binary", "cloudevent-structured" or "json"
 * @param eventType the CloudEvent type, or null
 */
public record Trigger(String kind, String eventType, String eventId, ScaleRequest request) {

  public static Trigger parse(
      String contentType, String ceSpecVersion, String ceType, String ceId, String body) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/cloudevents+json")) {
      return structured(body);
    }
    if (type.startsWith("application/cloudevents-batch+json")) {
      throw new InvalidRequestException(List.of("batched CloudEvents are not supported"));
    }
    ScaleRequest request = ScaleRequestParser.parse(body);
    if (ceSpecVersion != null) {
      return new Trigger("cloudevent-binary", ceType, ceId, request);
    }
    return new Trigger("json", null, null, request);
  }

  private static Trigger structured(String body) {
    JsonObject envelope;
    try {
      JsonElement parsed = JsonParser.parseString(body == null ? "" : body);
      if (!parsed.isJsonObject()) {
        throw new InvalidRequestException(List.of("a structured CloudEvent must be a JSON object"));
      }
      envelope = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new InvalidRequestException(List.of("body is not valid JSON: a structured CloudEvent"));
    }
    for (String attribute : List.of("specversion", "type", "source", "id")) {
      JsonElement value = envelope.get(attribute);
      if (value == null || !value.isJsonPrimitive() || value.getAsString().isBlank()) {
        throw new InvalidRequestException(
            List.of("CloudEvent attribute \"" + attribute + "\" is missing"));
      }
    }
    String type = envelope.get("type").getAsString();
    String id = envelope.get("id").getAsString();
    ScaleRequest request;
    if (envelope.has("data_base64")) {
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(envelope.get("data_base64").getAsString());
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        throw new InvalidRequestException(List.of("field \"data_base64\" is not valid base64"));
      }
      request = ScaleRequestParser.parse(new String(decoded, StandardCharsets.UTF_8));
    } else {
      JsonElement data = envelope.get("data");
      request =
          data != null && data.isJsonPrimitive() && data.getAsJsonPrimitive().isString()
              ? ScaleRequestParser.parse(data.getAsString())
              : ScaleRequestParser.fromJson(data);
    }
    return new Trigger("cloudevent-structured", type, id, request);
  }
}
