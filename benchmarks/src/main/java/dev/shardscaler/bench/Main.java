package dev.shardscaler.bench;

import java.util.Arrays;

/**
 * The benchmarks jar's entry point: {@code coldstart …} runs the process-level harness, {@code
 * fakes} serves the fakes alone; anything else is handed to JMH ({@code -h} for its options, {@code
 * -l} to list the benchmarks).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("coldstart")) {
      ColdStart.main(Arrays.copyOfRange(args, 1, args.length));
    } else if (args.length > 0 && args[0].equals("fakes")) {
      FakesServer.main(Arrays.copyOfRange(args, 1, args.length));
    } else {
      org.openjdk.jmh.Main.main(args);
    }
  }
}
