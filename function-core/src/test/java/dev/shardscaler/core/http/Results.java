package dev.shardscaler.core.http;

import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScaleResult;
import java.util.List;

/** Minimal results for a stand-in pass (the only place these tests build one). */
final class Results {
  private Results() {}

  static ScaleResult of(Outcome outcome, Reason reason, String requestReason) {
    return new ScaleResult(
        outcome,
        reason,
        "m",
        false,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null,
        null,
        requestReason,
        "2026-11-28T12:00:00Z",
        null);
  }
}
