package dev.shardscaler.core.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.shardscaler.core.Json;
import java.util.List;
import java.util.Map;

/**
 * What an HTTP adapter sends back: status, extra headers, a JSON body (always {@link
 * #CONTENT_TYPE}). The body is a pass's result, or a refusal in the shape {@code {"status",
 * "error", "message", "problems"}} built by {@link #error}.
 */
public record HttpAnswer(int status, Map<String, String> headers, String body) {
  public static final String CONTENT_TYPE = "application/json";

  /** A refusal: the status, its reason phrase, every problem, and the problems joined. */
  public static HttpAnswer error(int status, List<String> problems) {
    return error(status, problems, Map.of());
  }

  public static HttpAnswer error(int status, List<String> problems, Map<String, String> headers) {
    JsonObject body = new JsonObject();
    body.addProperty("status", status);
    body.addProperty("error", reasonPhrase(status));
    body.addProperty("message", String.join("; ", problems));
    JsonArray list = new JsonArray();
    problems.forEach(list::add);
    body.add("problems", list);
    return new HttpAnswer(status, Map.copyOf(headers), Json.GSON.toJson(body));
  }

  static String reasonPhrase(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "HTTP " + status;
    };
  }
}
