package dev.shardscaler.core.discord;

/** Discord's answer to {@code GET /gateway/bot}: the recommended shard count and the budget. */
public record GatewayBot(int shards, SessionStartLimit sessionStartLimit) {}
