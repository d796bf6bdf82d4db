package dev.shardscaler.core.discord;

import java.time.Duration;

/** Discord's identify budget: session starts left until {@code resetAfter} from the answer. */
public record SessionStartLimit(
    int total, int remaining, Duration resetAfter, int maxConcurrency) {}
