package dev.shardscaler.core;

import dev.shardscaler.core.config.Names;
import dev.shardscaler.core.config.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * What a trigger asks of one pass. Every field is optional; an absent one takes the value of the
 * settings. A request with {@link #overrides()} changes what the pass would do on its own, so HTTP
 * adapters authenticate it.
 *
 * @param shards a shard count to use instead of Discord's recommendation
 * @param reason free text for logs and the Kubernetes Event
 */
public record ScaleRequest(
    String namespace,
    String statefulSet,
    String container,
    Integer shardsPerBot,
    Integer shards,
    Boolean dryRun,
    String reason) {

  public static final int MAX_REASON_LENGTH = 256;

  /** The scheduled pass: all settings, no overrides. */
  public static ScaleRequest scheduled() {
    return new ScaleRequest(null, null, null, null, null, null, "scheduled");
  }

  /** True when the request changes the target, the layout, or forces a real run. */
  public boolean overrides() {
    return namespace != null
        || statefulSet != null
        || container != null
        || shardsPerBot != null
        || shards != null
        || Boolean.FALSE.equals(dryRun);
  }

  /** Range problems, each naming the field and its value; empty when the request is usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (shards != null && (shards < 1 || shards > Settings.MAX_SHARDS_LIMIT)) {
      problems.add("shards must be from 1 to 1000000, got " + shards);
    }
    if (shardsPerBot != null && (shardsPerBot < 1 || shardsPerBot > Settings.MAX_SHARDS_LIMIT)) {
      problems.add("shardsPerBot must be from 1 to 1000000, got " + shardsPerBot);
    }
    checkName(problems, "namespace", namespace, true);
    checkName(problems, "statefulSet", statefulSet, false);
    checkName(problems, "container", container, true);
    if (reason != null && reason.length() > MAX_REASON_LENGTH) {
      problems.add(
          "reason must be at most " + MAX_REASON_LENGTH + " characters, got " + reason.length());
    }
    return problems;
  }

  private static void checkName(List<String> problems, String field, String value, boolean label) {
    if (value == null) {
      return;
    }
    boolean valid = label ? Names.isDnsLabel(value) : Names.isDnsSubdomain(value);
    if (!valid) {
      problems.add(field + " must be a Kubernetes name, got \"" + abbreviate(value) + "\"");
    }
  }

  private static String abbreviate(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "…";
  }
}
