package dev.shardscaler.core.kubernetes;

import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.plan.ClusterState;
import java.util.Map;

/**
 * A StatefulSet as read, with what a patch needs to address it: the version it was read at, the bot
 * container's index, and where its env vars stand.
 *
 * @param shardsEnvIndex index of the shards variable in the container's env; -1 when absent
 * @param perBotEnvIndex index of the shards-per-bot variable; -1 when absent
 * @param envSize entries in the container's env; 0 or -1 when it has none
 * @param annotations the object's annotations; null or empty when it has none
 */
public record Snapshot(
    Target target,
    String uid,
    String resourceVersion,
    ClusterState state,
    int containerIndex,
    int shardsEnvIndex,
    int perBotEnvIndex,
    int envSize,
    Map<String, String> annotations) {}
