package dev.shardscaler.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.kubernetes.KubernetesApiException;
import dev.shardscaler.testkit.LogCapture;
import dev.shardscaler.testkit.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bearer supplier against credentials whose tokens expire on a test clock. */
class GoogleAccessTokensTest {
  final TestClock clock = new TestClock(Instant.parse("2026-11-28T12:00:00Z"));
  final ScriptedCredentials credentials = new ScriptedCredentials(clock, Duration.ofHours(1));
  final GoogleAccessTokens tokens = new GoogleAccessTokens(credentials, clock);
  final LogCapture logs = new LogCapture();

  @AfterEach
  void noTokenInLogs() {
    assertThat(logs.lines()).noneMatch(line -> line.contains("token-"));
    logs.close();
  }

  @Test
  void theFirstCallFetchesAToken() {
    assertThat(tokens.get()).isEqualTo("token-1");
    assertThat(credentials.refreshes()).isEqualTo(1);
  }

  @Test
  void aTokenIsReusedWhileItIsValidBeyondTheMargin() {
    tokens.get();
    clock.advance(Duration.ofMinutes(55)); // 5 minutes left > 4-minute margin

    assertThat(tokens.get()).isEqualTo("token-1");
    assertThat(tokens.get()).isEqualTo("token-1");
    assertThat(credentials.refreshes()).isEqualTo(1);
  }

  @Test
  void aTokenIsRefreshedBeforeItExpires() {
    tokens.get();
    clock.advance(Duration.ofMinutes(56).plusSeconds(1)); // under 4 minutes left, still valid

    assertThat(tokens.get()).isEqualTo("token-2");
    assertThat(credentials.refreshes()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(30));
    assertThat(tokens.get()).as("the new token is reused in turn").isEqualTo("token-2");
  }

  @Test
  void anExpiredTokenIsNeverHandedOut() {
    tokens.get();
    clock.advance(Duration.ofHours(3));

    assertThat(tokens.get()).isEqualTo("token-2");
  }

  @Test
  void aFailedRefreshKeepsAStillValidToken() {
    tokens.get();
    clock.advance(Duration.ofMinutes(57)); // 3 minutes left: refresh due, token still usable
    credentials.failNextRefresh(new IOException("metadata server unavailable"));

    assertThat(tokens.get()).isEqualTo("token-1");
    assertThat(logs.lines()).anyMatch(line -> line.contains("could not refresh"));
    assertThat(tokens.get()).as("tried again on the next request").isEqualTo("token-2");
  }

  @Test
  void aFailedRefreshWithoutAUsableTokenFailsTheRequestAsClusterUnavailable() {
    tokens.get();
    clock.advance(Duration.ofMinutes(59).plusSeconds(30));
    credentials.failNextRefresh(new IOException("metadata server unavailable"));

    assertThatThrownBy(tokens::get)
        .isInstanceOfSatisfying(
            KubernetesApiException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.KUBERNETES_UNAVAILABLE);
              assertThat(e.retryable()).isTrue();
            })
        .hasMessageContaining("could not get a Google access token")
        .hasMessageContaining("metadata server unavailable");
  }

  @Test
  void noTokenAtAllFailsTheFirstRequest() {
    credentials.failNextRefresh(new IOException("no credentials"));

    assertThatThrownBy(tokens::get).isInstanceOf(KubernetesApiException.class);
    assertThat(tokens.get()).isEqualTo("token-1");
  }

  @Test
  void itsStringShowsNoToken() {
    tokens.get();

    assertThat(tokens.toString()).doesNotContain("token-1");
  }
}
