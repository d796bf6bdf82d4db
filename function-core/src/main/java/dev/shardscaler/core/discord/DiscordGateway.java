package dev.shardscaler.core.discord;

import dev.shardscaler.core.Deadline;

/** Where the shard recommendation comes from. */
public interface DiscordGateway {
  /**
   * The current recommendation.
   *
   * @throws DiscordApiException when Discord could not be asked or answered badly
   */
  GatewayBot gatewayBot();

  /**
   * The current recommendation, asked for within what is left of the pass's deadline. Sources
   * without I/O of their own ignore the deadline.
   *
   * @throws dev.shardscaler.core.ScalerException DEADLINE_EXCEEDED when time ran out
   */
  default GatewayBot gatewayBot(Deadline deadline) {
    return gatewayBot();
  }
}
