package dev.shardscaler.bench;

import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests one pass made, as the fakes logged them. A no-op pass is exactly one Discord GET and
 * one StatefulSet GET; a scaling pass adds one PATCH of the StatefulSet and one Event POST.
 *
 * @param other any request that is none of the four, as {@code METHOD path}
 */
record PassCounts(
    int discordGets, int statefulSetGets, int patches, int eventPosts, List<String> other) {

  static PassCounts of(
      List<DiscordFake.ReceivedRequest> discord, List<KubernetesFake.ReceivedRequest> kube) {
    int discordGets = 0;
    List<String> other = new ArrayList<>();
    for (DiscordFake.ReceivedRequest request : discord) {
      if (request.method().equals("GET") && request.path().equals(DiscordFake.GATEWAY_BOT_PATH)) {
        discordGets++;
      } else {
        other.add("Discord " + request.method() + " " + request.path());
      }
    }
    int gets = 0;
    int patches = 0;
    int events = 0;
    for (KubernetesFake.ReceivedRequest request : kube) {
      String path = request.path().replaceFirst("\\?.*$", "");
      boolean statefulSet = path.matches("/apis/apps/v1/namespaces/[^/]+/statefulsets/[^/]+");
      boolean eventList = path.matches("/api/v1/namespaces/[^/]+/events");
      if (statefulSet && request.method().equals("GET")) {
        gets++;
      } else if (statefulSet && request.method().equals("PATCH")) {
        patches++;
      } else if (eventList && request.method().equals("POST")) {
        events++;
      } else {
        other.add("Kubernetes " + request.method() + " " + request.path());
      }
    }
    return new PassCounts(discordGets, gets, patches, events, List.copyOf(other));
  }

  /** Exactly what a pass that changes nothing may send. */
  boolean isNoOp() {
    return discordGets == 1 && statefulSetGets == 1 && writes() == 0;
  }

  /** Exactly what a pass that reshards may send. */
  boolean isScaling() {
    return discordGets == 1
        && statefulSetGets == 1
        && patches == 1
        && eventPosts == 1
        && other.isEmpty();
  }

  /** Every request that is not a GET we expect, writes or not. */
  int writes() {
    return patches + eventPosts + other.size();
  }

  @Override
  public String toString() {
    return discordGets
        + " Discord GET, "
        + statefulSetGets
        + " StatefulSet GET, "
        + patches
        + " PATCH, "
        + eventPosts
        + " Event POST"
        + (other.isEmpty() ? "" : ", other: " + other);
  }
}
