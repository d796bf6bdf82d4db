package dev.shardscaler.aws;

import com.google.gson.JsonObject;
import dev.shardscaler.core.Json;
import dev.shardscaler.core.http.HttpAnswer;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to a function URL call in the API Gateway v2.0 response shape ({@code statusCode},
 * {@code headers}, {@code body}, {@code isBase64Encoded}); Lambda turns it into the HTTP response.
 *
 * @param headers lower-case names, as the v2.0 payload has them
 */
record HttpApiResponse(int statusCode, Map<String, String> headers, String body) {

  static HttpApiResponse of(HttpAnswer answer) {
    Map<String, String> headers = new TreeMap<>();
    headers.put("content-type", HttpAnswer.CONTENT_TYPE);
    answer.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    return new HttpApiResponse(answer.status(), Map.copyOf(headers), answer.body());
  }

  String toJson() {
    JsonObject response = new JsonObject();
    response.addProperty("statusCode", statusCode);
    JsonObject headerObject = new JsonObject();
    new TreeMap<>(headers).forEach(headerObject::addProperty);
    response.add("headers", headerObject);
    response.addProperty("body", body);
    response.addProperty("isBase64Encoded", false);
    return Json.GSON.toJson(response);
  }
}
