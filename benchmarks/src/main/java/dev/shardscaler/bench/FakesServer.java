package dev.shardscaler.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code java -jar benchmarks.jar fakes [shards]}: the harness's fakes alone, for investigating by
 * hand (a profiler, -Xlog, -verbose:class on one artifact). Prints the environment to export; every
 * line read from stdin prints the requests seen since the last one and resets the fakes.
 */
public final class FakesServer {
  private FakesServer() {}

  public static void main(String[] args) throws Exception {
    int shards = args.length > 0 ? Integer.parseInt(args[0]) : Fakes.SEED_SHARDS;
    try (Fakes fakes = new Fakes()) {
      fakes.reset(shards);
      Map<String, String> env = fakes.seedEnv();
      env.put("K8S_API_URL", fakes.kube.url());
      env.forEach((key, value) -> System.out.println("export " + key + "='" + value + "'"));
      System.out.println("# Enter: show the requests since the last Enter and reset; EOF: stop");
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        System.out.println("# " + fakes.counts());
        fakes.reset(shards);
      }
    }
  }
}
