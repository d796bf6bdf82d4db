package dev.shardscaler.core.notify;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.Target;

/** What a bot team can do about a failure or a block, in a sentence. */
final class Advice {
  private Advice() {}

  /**
   * @param tokenSource where the target's token comes from, in words ("the environment variable
   *     MAIN_BOT_TOKEN")
   */
  static String of(Reason reason, Target target, String tokenSource) {
    String set = target.namespace() + "/" + target.statefulSet();
    return switch (reason) {
      case DISCORD_UNAUTHORIZED ->
          "Discord refused the bot token: it was reset (Discord resets a token whose bot ran out of"
              + " session starts) or regenerated. Put the new token in "
              + tokenSource
              + "; the next pass uses it.";
      case DISCORD_RATE_LIMITED, DISCORD_BLOCKED ->
          "Discord is rate limiting or blocking the scaler's address: poll less often, from a"
              + " dedicated egress IP. Nothing was changed.";
      case DISCORD_UNAVAILABLE, DISCORD_BAD_RESPONSE ->
          "Discord's API did not answer usefully; nothing was changed and the next passes try"
              + " again. If it lasts, look at https://discordstatus.com.";
      case KUBERNETES_FORBIDDEN ->
          "The scaler may not read or patch "
              + set
              + ": its Role must list the StatefulSet in resourceNames (and the admission policy"
              + " must name it).";
      case KUBERNETES_NOT_FOUND ->
          "There is no StatefulSet " + set + ": check the target's namespace and statefulSet.";
      case KUBERNETES_REJECTED ->
          "The API server (or an admission policy) refused the scaler's patch: its message says"
              + " why.";
      case KUBERNETES_UNAVAILABLE, KUBERNETES_BAD_RESPONSE, CONFLICT ->
          "The cluster's API did not answer usefully; the next passes try again.";
      case ROLLOUT_STUCK ->
          "A rollout of "
              + set
              + " has not finished: look at the pod the message names (kubectl describe pod,"
              + " kubectl logs). The scaler changes nothing until it finishes.";
      case INVALID_STATEFULSET ->
          "The StatefulSet is not what the scaler can work with: its message names the field.";
      case NO_VALID_COUNT ->
          "No shard count fits the cap and the multiple Discord requires: raise SCALER_MAX_SHARDS"
              + " to a multiple of max_concurrency.";
      case DEADLINE_EXCEEDED ->
          "The pass ran out of SCALER_PASS_DEADLINE: look at the latency to Discord and to the"
              + " cluster.";
      case BOT_TOKEN_UNAVAILABLE ->
          "The bot token could not be read from "
              + tokenSource
              + ": check it exists and the"
              + " scaler may read it.";
      case IDENTIFY_BUDGET ->
          "Discord's session-start budget is too low for the reshard; it goes through once the"
              + " budget resets (see the time in the message).";
      case SCALE_UP_DISABLED ->
          "The bot needs more shards but scaling up is off (K8S_SCALEUP=0): turn it on, or"
              + " reshard by hand.";
      case PAUSED ->
          "Someone paused the scaler on "
              + set
              + ": remove the annotation shardscaler.dev/paused"
              + " to resume.";
      case STOPPED ->
          set + " runs 0 replicas, so the scaler leaves it alone; scale it up to resume.";
      case UPDATE_STRATEGY ->
          "The update strategy of "
              + set
              + " would not replace every pod: use RollingUpdate"
              + " without a partition.";
      default -> "The scaler's log has the details.";
    };
  }
}
