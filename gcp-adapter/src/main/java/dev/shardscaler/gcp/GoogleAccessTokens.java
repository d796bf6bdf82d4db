package dev.shardscaler.gcp;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.kubernetes.KubernetesApiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token for the GKE API server: a Google OAuth2 access token of the function's service
 * account, asked for once per Kubernetes request and refreshed before it expires.
 *
 * <p>A token is reused while it is valid for longer than {@link #REFRESH_MARGIN}, so one pass (a
 * few calls of at most {@code SCALER_K8S_TIMEOUT} each) never starts with a token that could lapse
 * under it. Four minutes, because the metadata server hands out its cached token until that has
 * five minutes left: a larger margin would refresh on every request. If a refresh fails while the
 * old token still has {@link #MINIMUM_VALIDITY} left, the old one is used; otherwise the request
 * fails as {@link Reason#KUBERNETES_UNAVAILABLE}, which the pass reports (503) without a write.
 *
 * <p>Neither the token nor the credentials are ever logged: their {@code toString} shows the token.
 */
final class GoogleAccessTokens implements Supplier<String> {
  static final Duration REFRESH_MARGIN = Duration.ofMinutes(4);
  static final Duration MINIMUM_VALIDITY = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(GoogleAccessTokens.class);

  private final GoogleCredentials credentials;
  private final Clock clock;

  GoogleAccessTokens(GoogleCredentials credentials, Clock clock) {
    this.credentials = credentials;
    this.clock = clock;
  }

  @Override
  public synchronized String get() {
    Instant now = clock.instant();
    AccessToken current = credentials.getAccessToken();
    if (validFor(current, now, REFRESH_MARGIN)) {
      return current.getTokenValue();
    }
    try {
      credentials.refresh();
    } catch (IOException | RuntimeException e) {
      if (validFor(current, now, MINIMUM_VALIDITY)) {
        log.warn(
            "could not refresh the Google access token ({}); the current one is valid until {}",
            e.getClass().getSimpleName(),
            current.getExpirationTime().toInstant());
        return current.getTokenValue();
      }
      throw unavailable("could not get a Google access token for the GKE API server: " + e);
    }
    AccessToken fresh = credentials.getAccessToken();
    if (fresh == null || fresh.getTokenValue() == null || fresh.getTokenValue().isBlank()) {
      throw unavailable("the Google credentials returned no access token for the GKE API server");
    }
    log.info(
        "refreshed the Google credentials for the GKE API server, valid until {}", expiry(fresh));
    return fresh.getTokenValue();
  }

  /** True when the token exists and is valid beyond {@code now + margin} (or has no expiry). */
  private static boolean validFor(AccessToken token, Instant now, Duration margin) {
    if (token == null || token.getTokenValue() == null) {
      return false;
    }
    return token.getExpirationTime() == null
        || token.getExpirationTime().toInstant().isAfter(now.plus(margin));
  }

  private static String expiry(AccessToken token) {
    return token.getExpirationTime() == null
        ? "(no expiry given)"
        : token.getExpirationTime().toInstant().toString();
  }

  private static KubernetesApiException unavailable(String message) {
    return new KubernetesApiException(Reason.KUBERNETES_UNAVAILABLE, 0, message, true);
  }

  @Override
  public String toString() {
    return "GoogleAccessTokens[" + credentials.getClass().getSimpleName() + "]";
  }
}
