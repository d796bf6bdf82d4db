package dev.shardscaler.core.discord;

/** Where the shard recommendation comes from. */
public interface DiscordGateway {
  /**
   * The current recommendation.
   *
   * @throws DiscordApiException when Discord could not be asked or answered badly
   */
  GatewayBot gatewayBot();
}
