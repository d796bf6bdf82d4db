package dev.shardscaler.core.notify;

import java.util.List;

/**
 * One thing worth telling a bot team, as both webhooks send it: what happened to which target, in
 * words (title, text, what to do) and as data. The JSON webhook receives these fields as they are;
 * the Discord webhook renders them as an embed.
 *
 * @param kind RESHARDED, FAILED, BLOCKED or RECOVERED
 * @param target the configured target's name
 * @param statefulSet namespace/name of its StatefulSet
 * @param reason the pass's reason (SCALED_UP, DISCORD_UNAUTHORIZED, IDENTIFY_BUDGET, …)
 * @param title one line: "main resharded: 12 → 16 shards"
 * @param text the pass's message
 * @param advice what to do, or null
 * @param pods the new assignment table, one "pod: shards" per pod (RESHARDED), else empty
 * @param from shards / pods before (RESHARDED), or null
 * @param to shards / pods after (RESHARDED), or null
 * @param since when the failure or block began (FAILED, BLOCKED, RECOVERED), or null
 * @param at when the pass that found it ran (RFC 3339)
 */
public record Notice(
    Kind kind,
    String target,
    String statefulSet,
    String reason,
    String title,
    String text,
    String advice,
    List<String> pods,
    String from,
    String to,
    String since,
    String at) {

  public enum Kind {
    RESHARDED,
    FAILED,
    BLOCKED,
    RECOVERED
  }

  public Notice {
    pods = pods == null ? List.of() : List.copyOf(pods);
  }
}
