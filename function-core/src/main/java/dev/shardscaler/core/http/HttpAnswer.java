package dev.shardscaler.core.http;

import java.util.Map;

/** What an HTTP adapter sends back: status, extra headers, a JSON body. */
public record HttpAnswer(int status, Map<String, String> headers, String body) {
  public static final String CONTENT_TYPE = "application/json";
}
