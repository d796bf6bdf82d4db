package dev.shardscaler.bench;

import java.util.List;
import java.util.Map;

/**
 * One packaged way to run a pass, as a child JVM: the arguments after {@code java <flags>}, and the
 * environment its platform would give it on top of the seed's. {@value #PORT} in an argument is
 * replaced by a free port.
 *
 * @param serves true for an HTTP server (timed to ready and to the answer of {@code POST /}), false
 *     for a process that prints one result line and exits
 * @param missing why it cannot run (e.g. "not built: …"), or null
 */
record Artifact(
    String id,
    String title,
    boolean serves,
    List<String> arguments,
    Map<String, String> env,
    String missing) {
  static final String PORT = "{port}";

  boolean available() {
    return missing == null;
  }

  /** The arguments with a concrete port. */
  List<String> arguments(int port) {
    return arguments.stream().map(arg -> arg.replace(PORT, String.valueOf(port))).toList();
  }

  /** The outcome a run of this artifact must report for a pass that changes nothing. */
  String noOpOutcome() {
    return id.equals(Artifacts.BASELINE) ? "BASELINE" : "UNCHANGED";
  }
}
