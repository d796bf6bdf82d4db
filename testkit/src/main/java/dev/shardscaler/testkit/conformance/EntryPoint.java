package dev.shardscaler.testkit.conformance;

import java.util.List;
import java.util.function.Supplier;

/** A running entry point, reached through its real transport. */
public interface EntryPoint extends AutoCloseable {

  /** Sends one call and returns what the caller gets. Never throws for an answer it got. */
  Answer send(Call call);

  /** Every log line the entry point has written so far, in order. */
  List<String> logLines();

  @Override
  void close();

  /** An entry point reached over HTTP at {@code baseUrl} (no trailing slash). */
  static EntryPoint overHttp(String baseUrl, Supplier<List<String>> logLines, Runnable close) {
    return new EntryPoint() {
      @Override
      public Answer send(Call call) {
        return HttpWire.send(baseUrl, call);
      }

      @Override
      public List<String> logLines() {
        return logLines.get();
      }

      @Override
      public void close() {
        close.run();
      }
    };
  }
}
