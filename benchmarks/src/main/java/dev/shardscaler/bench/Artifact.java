package dev.shardscaler.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged way to run a pass, as a child JVM: the arguments after {@code java <flags>}, and the
 * environment its platform would give it on top of the seed's. {@value #PORT} in an argument is
 * replaced by a free port; the harness's JVM flags go where {@value #FLAGS} stands, else right
 * after {@code java}.
 *
 * @param java the {@code java} to run, or null for the harness's own
 * @param serves true for an HTTP server (timed to ready and to the answer of {@code POST /}), false
 *     for a process that prints one result line and exits
 * @param missing why it cannot run (e.g. "not built: …"), or null
 */
record Artifact(
    String id,
    String title,
    String java,
    boolean serves,
    List<String> arguments,
    Map<String, String> env,
    String missing) {
  static final String PORT = "{port}";

  /**
   * Where the harness's flags go when they must follow the artifact's own (the image's {@code
   * -Xlog:disable} would switch a {@code -Xlog} before it off).
   */
  static final String FLAGS = "{flags}";

  /** An artifact run by the harness's own JVM. */
  Artifact(
      String id,
      String title,
      boolean serves,
      List<String> arguments,
      Map<String, String> env,
      String missing) {
    this(id, title, null, serves, arguments, env, missing);
  }

  boolean available() {
    return missing == null;
  }

  /** The arguments after {@code java}: the harness's flags in their place, a concrete port. */
  List<String> arguments(List<String> jvmFlags, int port) {
    List<String> result = new ArrayList<>();
    if (!arguments.contains(FLAGS)) {
      result.addAll(jvmFlags);
    }
    for (String arg : arguments) {
      if (arg.equals(FLAGS)) {
        result.addAll(jvmFlags);
      } else {
        result.add(arg.replace(PORT, String.valueOf(port)));
      }
    }
    return result;
  }

  /** The outcome a run of this artifact must report for a pass that changes nothing. */
  String noOpOutcome() {
    return id.startsWith(Artifacts.BASELINE) ? "BASELINE" : "UNCHANGED";
  }
}
