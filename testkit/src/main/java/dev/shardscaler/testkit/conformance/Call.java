package dev.shardscaler.testkit.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as a caller sends it: method (as typed, case kept), request target (path and
 * query), headers in order (repeats allowed), raw body bytes, and the credentials it presents.
 */
public record Call(
    String method,
    String target,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    Credentials credentials) {

  public Call {
    headers = List.copyOf(headers);
  }

  /** {@code POST /} with {@code Content-Type: application/json} and this body. */
  public static Call post(String json) {
    return new Call(
        "POST",
        "/",
        List.of(Map.entry("Content-Type", "application/json")),
        json.getBytes(StandardCharsets.UTF_8),
        Credentials.NONE);
  }

  public Call method(String newMethod) {
    return new Call(newMethod, target, headers, body, credentials);
  }

  public Call target(String newTarget) {
    return new Call(method, newTarget, headers, body, credentials);
  }

  public Call body(byte[] newBody) {
    return new Call(method, target, headers, newBody, credentials);
  }

  public Call body(String newBody) {
    return body(newBody.getBytes(StandardCharsets.UTF_8));
  }

  public Call credentials(Credentials presented) {
    return new Call(method, target, headers, body, presented);
  }

  /** Adds a header (after any of the same name). */
  public Call header(String name, String value) {
    List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
    copy.add(Map.entry(name, value));
    return new Call(method, target, copy, body, credentials);
  }

  /** Drops every header of this name. */
  public Call withoutHeader(String name) {
    return new Call(
        method,
        target,
        headers.stream().filter(h -> !h.getKey().equalsIgnoreCase(name)).toList(),
        body,
        credentials);
  }

  /** Replaces the Content-Type (null: none at all). */
  public Call contentType(String value) {
    Call without = withoutHeader("Content-Type");
    return value == null ? without : without.header("Content-Type", value);
  }

  public String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /** The query string without the {@code ?}; empty when there is none. */
  public String query() {
    int query = target.indexOf('?');
    return query < 0 ? "" : target.substring(query + 1);
  }

  /** Every value of a header, in order. */
  public List<String> headerValues(String name) {
    return headers.stream()
        .filter(h -> h.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
        .map(Map.Entry::getValue)
        .toList();
  }
}
