package dev.shardscaler.core.targets;

import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.config.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One configured target, validated: its name, the StatefulSet it scales, where its bot token comes
 * from, and the environment its {@link Settings} are read from (the global keys, the target's
 * fields and its own settings), without the token.
 *
 * @param env every key but {@code BOT_TOKEN}
 */
public record TargetSpec(String name, Target target, TokenSource token, Map<String, String> env) {

  /** Stands in for the token while the rest is validated: it is never sent anywhere. */
  static final String PLACEHOLDER_TOKEN = "placeholder-while-validating";

  public TargetSpec {
    env = Map.copyOf(env);
  }

  /**
   * The settings with the token read from its source.
   *
   * @throws ConfigException naming the target when the token is not a bot token
   */
  public Settings settings(String token) {
    Map<String, String> complete = new HashMap<>(env);
    complete.put("BOT_TOKEN", token);
    return Settings.fromEnv(complete);
  }

  /** Settings problems of this environment; empty when it can run. */
  static List<String> problems(Map<String, String> env) {
    try {
      Settings.fromEnv(env);
      return List.of();
    } catch (ConfigException e) {
      return e.problems();
    }
  }

  @Override
  public String toString() {
    return name + " (" + target + ", token from " + token.describe() + ")";
  }
}
