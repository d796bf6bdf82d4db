package dev.shardscaler.testkit.conformance;

import java.util.List;

/** A running entry point, reached through its real transport. */
public interface EntryPoint extends AutoCloseable {

  /** Sends one call and returns what the caller gets. Never throws for an answer it got. */
  Answer send(Call call);

  /** Every log line the entry point has written so far, in order. */
  List<String> logLines();

  @Override
  void close();
}
