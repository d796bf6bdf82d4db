package dev.shardscaler.aws;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.InvalidRequestException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an API Gateway HTTP API payload v2.0 (what a function URL sends) the scaler reads.
 *
 * @param headers lower-case names; repeated headers arrive comma-joined
 * @param body the raw body bytes (decoded when {@code isBase64Encoded}), null when there is none
 * @param bodyProblem why the body could not be decoded, or null
 */
record HttpApiRequest(
    String method,
    String path,
    Map<String, String> headers,
    byte[] body,
    String bodyProblem,
    String requestId,
    String sourceIp) {

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * @throws InvalidRequestException when the envelope lacks what every v2.0 payload has
   */
  static HttpApiRequest from(JsonObject event) {
    JsonObject context = object(event, "requestContext", "requestContext");
    JsonObject http = object(context, "http", "requestContext.http");
    String method = string(http, "method", "requestContext.http.method", true);
    String path = string(event, "rawPath", "rawPath", false);
    if (path == null) {
      path = string(http, "path", "requestContext.http.path", false);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    JsonElement headerObject = event.get("headers");
    if (headerObject != null && headerObject.isJsonObject()) {
      for (Map.Entry<String, JsonElement> header : headerObject.getAsJsonObject().entrySet()) {
        if (header.getValue().isJsonPrimitive()) {
          headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().getAsString());
        }
      }
    }
    String text = string(event, "body", "body", false);
    byte[] body = null;
    String problem = null;
    if (text != null) {
      JsonElement encoded = event.get("isBase64Encoded");
      if (encoded != null && encoded.isJsonPrimitive() && encoded.getAsBoolean()) {
        try {
          body = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
          problem = "body is marked isBase64Encoded but is not valid base64";
        }
      } else {
        body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return new HttpApiRequest(
        method.toUpperCase(Locale.ROOT),
        path == null || path.isEmpty() ? "/" : path,
        Map.copyOf(headers),
        body,
        problem,
        string(context, "requestId", "requestContext.requestId", false),
        string(http, "sourceIp", "requestContext.http.sourceIp", false));
  }

  private static JsonObject object(JsonObject parent, String field, String name) {
    JsonElement value = parent.get(field);
    if (value == null || !value.isJsonObject()) {
      throw new InvalidRequestException(
          List.of("HTTP API payload 2.0: field \"" + name + "\" must be an object"));
    }
    return value.getAsJsonObject();
  }

  private static String string(JsonObject parent, String field, String name, boolean required) {
    JsonElement value = parent.get(field);
    if (value == null || value.isJsonNull()) {
      if (required) {
        throw new InvalidRequestException(
            List.of("HTTP API payload 2.0: field \"" + name + "\" is missing"));
      }
      return null;
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new InvalidRequestException(
          List.of("HTTP API payload 2.0: field \"" + name + "\" must be a string"));
    }
    return value.getAsString();
  }
}
