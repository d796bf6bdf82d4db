package dev.shardscaler.core.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** HTTP calls for the unit tests: method, path, headers by name, body. */
final class Calls {
  private Calls() {}

  static HttpCall post(String body, String... headers) {
    return call("POST", "/", null, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** A JSON POST, with more headers as name/value pairs. */
  static HttpCall json(String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return post(body, all);
  }

  static HttpCall call(String method, String path, String query, byte[] body, String... headers) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.merge(headers[i].toLowerCase(Locale.ROOT), headers[i + 1], (a, b) -> a + ", " + b);
    }
    return HttpCall.of(method, path, query, name -> map.get(name.toLowerCase(Locale.ROOT)), body);
  }
}
