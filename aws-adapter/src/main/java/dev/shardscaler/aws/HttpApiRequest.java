package dev.shardscaler.aws;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.http.CallerText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an API Gateway HTTP API payload v2.0 (what a function URL sends) the scaler reads.
 *
 * @param method as sent (not normalized: method names are case-sensitive)
 * @param query {@code rawQueryString}, empty when there is none
 * @param headers lower-case names; repeated headers arrive comma-joined
 * @param body the raw body bytes (decoded when {@code isBase64Encoded}), null when there is none
 * @param bodyProblem why the body could not be decoded, or null
 * @param iamCaller the caller IAM authenticated ({@code requestContext.authorizer.iam}, present
 *     only with auth type {@code AWS_IAM}): its ARN; null when the URL authenticates no one
 */
record HttpApiRequest(
    String method,
    String path,
    String query,
    Map<String, String> headers,
    byte[] body,
    String bodyProblem,
    String requestId,
    String sourceIp,
    String iamCaller) {

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
    String query = string(event, "rawQueryString", "rawQueryString", false);
    Map<String, String> headers = new LinkedHashMap<>();
    JsonElement headerObject = event.get("headers");
    if (headerObject != null && headerObject.isJsonObject()) {
      for (Map.Entry<String, JsonElement> header : headerObject.getAsJsonObject().entrySet()) {
        if (header.getValue().isJsonPrimitive()) {
          headers.merge(
              header.getKey().toLowerCase(Locale.ROOT),
              header.getValue().getAsString(),
              (first, second) -> first + ", " + second);
        }
      }
    }
    String text = string(event, "body", "body", false);
    byte[] body = null;
    String problem = null;
    if (text != null) {
      JsonElement encoded = event.get("isBase64Encoded");
      if (encoded != null
          && encoded.isJsonPrimitive()
          && encoded.getAsJsonPrimitive().isBoolean()
          && encoded.getAsBoolean()) {
        try {
          body = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
          problem = "body is marked isBase64Encoded but is not valid base64";
        }
      } else {
        body = text.getBytes(StandardCharsets.UTF_8);
      }
    }
    return new HttpApiRequest(
        method,
        path == null || path.isEmpty() ? "/" : path,
        query == null ? "" : query,
        Map.copyOf(headers),
        body,
        problem,
        shown(string(context, "requestId", "requestContext.requestId", false)),
        shown(string(http, "sourceIp", "requestContext.http.sourceIp", false)),
        iamCaller(context));
  }

  /** The authenticated caller's ARN (or id), or null when IAM authenticated no one. */
  private static String iamCaller(JsonObject context) {
    JsonElement authorizer = context.get("authorizer");
    if (authorizer == null || !authorizer.isJsonObject()) {
      return null;
    }
    JsonElement iam = authorizer.getAsJsonObject().get("iam");
    if (iam == null || !iam.isJsonObject()) {
      return null;
    }
    for (String field : List.of("userArn", "callerId", "accountId")) {
      JsonElement value = iam.getAsJsonObject().get(field);
      if (value != null
          && value.isJsonPrimitive()
          && value.getAsJsonPrimitive().isString()
          && !value.getAsString().isBlank()) {
        return shown(value.getAsString());
      }
    }
    return null;
  }

  /** For logs: a direct invoke can put anything here. */
  private static String shown(String text) {
    return text == null ? null : CallerText.safe(text, 200);
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
