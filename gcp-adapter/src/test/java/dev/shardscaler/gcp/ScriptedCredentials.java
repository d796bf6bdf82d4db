package dev.shardscaler.gcp;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google credentials that never leave the JVM: each refresh hands out {@code token-<n>}, valid for
 * {@code lifetime} from the (test) clock's now, or fails once when told to.
 */
final class ScriptedCredentials extends GoogleCredentials {
  private final transient Clock clock;
  private final Duration lifetime;
  private final AtomicInteger refreshes = new AtomicInteger();
  private transient volatile IOException failNext;

  ScriptedCredentials(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** The next refresh throws this (as the metadata server's outage would). */
  void failNextRefresh(IOException failure) {
    this.failNext = failure;
  }

  int refreshes() {
    return refreshes.get();
  }

  @Override
  public AccessToken refreshAccessToken() throws IOException {
    IOException failure = failNext;
    if (failure != null) {
      failNext = null;
      throw failure;
    }
    int n = refreshes.incrementAndGet();
    return new AccessToken("token-" + n, Date.from(clock.instant().plus(lifetime)));
  }
}
