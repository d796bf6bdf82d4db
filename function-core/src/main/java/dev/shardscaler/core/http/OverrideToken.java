package dev.shardscaler.core.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The token that HTTP requests with overrides must carry ({@code SCALER_HTTP_TOKEN}), as {@code
 * X-Shardscaler-Token: <token>} or {@code Authorization: Bearer <token>}. Compared in constant time
 * over SHA-256 digests, so neither content nor length leaks.
 */
public final class OverrideToken {
  public static final String HEADER = "X-Shardscaler-Token";

  /** The outcome of a check. */
  public enum Verdict {
    ALLOWED,
    MISSING,
    WRONG,
    NOT_CONFIGURED
  }

  private final byte[] expectedDigest;

  private OverrideToken(String token) {
    this.expectedDigest = token == null ? null : sha256(token);
  }

  public static OverrideToken fromEnv(Map<String, String> env) {
    String token = env.get("SCALER_HTTP_TOKEN");
    return new OverrideToken(token == null || token.isBlank() ? null : token.strip());
  }

  /**
   * @param tokenHeader the value of {@link #HEADER}, or null
   * @param authorization the value of {@code Authorization}, or null; used when the token header is
   *     absent (on Cloud Run, Authorization carries the platform's OIDC token instead)
   */
  public Verdict check(String tokenHeader, String authorization) {
    if (expectedDigest == null) {
      return Verdict.NOT_CONFIGURED;
    }
    String presented;
    if (tokenHeader != null && !tokenHeader.isBlank()) {
      presented = tokenHeader.strip();
    } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorization.substring(7).strip();
    } else {
      return Verdict.MISSING;
    }
    return MessageDigest.isEqual(sha256(presented), expectedDigest)
        ? Verdict.ALLOWED
        : Verdict.WRONG;
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
    return "OverrideToken[" + (expectedDigest == null ? "not configured" : "configured") + "]";
  }
}
