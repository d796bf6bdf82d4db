package dev.shardscaler.core.http;

/**
 * One HTTP request as an adapter received it, in the terms of the contract.
 *
 * @param method as sent (method names are case-sensitive: only {@code POST} is accepted)
 * @param path the raw path, e.g. {@code /scale}
 * @param query the raw query string without {@code ?}; null or empty when there is none
 * @param headers the request's headers
 * @param body the body as received, at most {@link HttpTrigger#MAX_BODY_BYTES} + 1 bytes (an
 *     adapter that knows the body is larger may pass any longer array)
 * @param iamCaller who the platform authenticated with IAM (a Lambda function URL with auth type
 *     {@code AWS_IAM}: the caller's ARN); null when the platform authenticated no one
 */
public record HttpCall(
    String method, String path, String query, Headers headers, byte[] body, String iamCaller) {

  /** Looks up a header by name, case-insensitively. */
  @FunctionalInterface
  public interface Headers {
    /**
     * @return every value of the header joined with {@code ", "} (as a proxy would merge repeated
     *     headers), or null when absent
     */
    String get(String name);
  }

  public HttpCall {
    body = body == null ? new byte[0] : body;
    path = path == null || path.isEmpty() ? "/" : path;
  }

  /** A call without IAM identity (every platform but the Lambda function URL). */
  public static HttpCall of(
      String method, String path, String query, Headers headers, byte[] body) {
    return new HttpCall(method, path, query, headers, body, null);
  }
}
