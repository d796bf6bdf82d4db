package dev.shardscaler.core.kubernetes;

/** The names of the env vars the scaler owns in the bot container. */
public record EnvNames(String shards, String shardsPerBot) {}
