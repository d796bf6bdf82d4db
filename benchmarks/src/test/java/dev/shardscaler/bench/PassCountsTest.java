package dev.shardscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PassCountsTest {
  static final DiscordFake.ReceivedRequest GATEWAY =
      new DiscordFake.ReceivedRequest("GET", "/api/v10/gateway/bot", Map.of());
  static final KubernetesFake.ReceivedRequest READ =
      new KubernetesFake.ReceivedRequest(
          "GET", "/apis/apps/v1/namespaces/discord/statefulsets/bot", null, "");
  static final KubernetesFake.ReceivedRequest PATCH =
      new KubernetesFake.ReceivedRequest(
          "PATCH",
          "/apis/apps/v1/namespaces/discord/statefulsets/bot?fieldManager=shardscaler",
          "application/json-patch+json",
          "[]");
  static final KubernetesFake.ReceivedRequest EVENT =
      new KubernetesFake.ReceivedRequest(
          "POST", "/api/v1/namespaces/discord/events", "application/json", "{}");

  @Test
  void oneGetEachIsANoOpPass() {
    PassCounts counts = PassCounts.of(List.of(GATEWAY), List.of(READ));

    assertThat(counts.isNoOp()).isTrue();
    assertThat(counts.isScaling()).isFalse();
    assertThat(counts).hasToString("1 Discord GET, 1 StatefulSet GET, 0 PATCH, 0 Event POST");
  }

  @Test
  void aPatchAndAnEventOnTopIsAScalingPass() {
    PassCounts counts = PassCounts.of(List.of(GATEWAY), List.of(READ, PATCH, EVENT));

    assertThat(counts.isScaling()).isTrue();
    assertThat(counts.isNoOp()).isFalse();
    assertThat(counts.writes()).isEqualTo(2);
  }

  @Test
  void aSecondReadIsNeitherAndIsCounted() {
    PassCounts counts = PassCounts.of(List.of(GATEWAY), List.of(READ, READ));

    assertThat(counts.isNoOp()).isFalse();
    assertThat(counts.statefulSetGets()).isEqualTo(2);
  }

  @Test
  void anyOtherRequestIsNamedAndCountsAsAWrite() {
    KubernetesFake.ReceivedRequest list =
        new KubernetesFake.ReceivedRequest(
            "GET", "/apis/apps/v1/namespaces/discord/statefulsets", null, "");
    DiscordFake.ReceivedRequest users =
        new DiscordFake.ReceivedRequest("GET", "/api/v10/users/@me", Map.of());

    PassCounts counts = PassCounts.of(List.of(GATEWAY, users), List.of(READ, list));

    assertThat(counts.isNoOp()).isFalse();
    assertThat(counts.other())
        .containsExactly(
            "Discord GET /api/v10/users/@me",
            "Kubernetes GET /apis/apps/v1/namespaces/discord/statefulsets");
  }
}
