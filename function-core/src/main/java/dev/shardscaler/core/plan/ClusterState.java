package dev.shardscaler.core.plan;

/** What the planner knows of the StatefulSet: its layout, the markers, and the rollout. */
public record ClusterState(ShardCounts current, Markers markers, Rollout rollout) {}
