package dev.shardscaler.knative;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The bearer token that ad-hoc calls with overrides must carry ({@code SCALER_HTTP_TOKEN}).
 * Compared in constant time over SHA-256 digests, so neither content nor length leaks.
 */
final class HttpTokenCheck {
  enum Verdict {
    ALLOWED,
    MISSING,
    WRONG,
    NOT_CONFIGURED
  }

  private final byte[] expectedDigest;

  private HttpTokenCheck(String token) {
    this.expectedDigest = token == null ? null : sha256(token);
  }

  static HttpTokenCheck fromEnv(Map<String, String> env) {
    String token = env.get("SCALER_HTTP_TOKEN");
    return new HttpTokenCheck(token == null || token.isBlank() ? null : token.strip());
  }

  Verdict check(String authorizationHeader) {
    if (expectedDigest == null) {
      return Verdict.NOT_CONFIGURED;
    }
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Verdict.MISSING;
    }
    byte[] presented = sha256(authorizationHeader.substring(7).strip());
    return MessageDigest.isEqual(presented, expectedDigest) ? Verdict.ALLOWED : Verdict.WRONG;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  @Override
  public String toString() {
    return "HttpTokenCheck[" + (expectedDigest == null ? "not configured" : "configured") + "]";
  }
}
