package dev.shardscaler.core.config;

/**
 * The names blue/green derives from the bot's StatefulSet: its sibling set ({@code bot} → {@code
 * bot-b}, pods {@code bot-b-0}, {@code bot-b-1}, …, so the ordinal stays the number after the last
 * dash) and the switch ConfigMap ({@code bot-switch}). Fixed names, so that RBAC can name every
 * object the scaler touches and the admission policy can confine what it creates.
 */
public final class Sibling {
  public static final String SUFFIX = "-b";
  public static final String SWITCH_SUFFIX = "-switch";

  /**
   * A pod carries the label {@code controller-revision-hash: <set>-<hash>} (hash up to 10
   * characters), which must fit in 63: a set name of at most 52, so 50 for the bot's own.
   */
  public static final int MAX_NAME = 50;

  private Sibling() {}

  public static String of(String statefulSet) {
    return statefulSet + SUFFIX;
  }

  public static String switchOf(String statefulSet) {
    return statefulSet + SWITCH_SUFFIX;
  }

  static boolean fits(String statefulSet) {
    return statefulSet.length() <= MAX_NAME && Names.isDnsLabel(statefulSet);
  }
}
