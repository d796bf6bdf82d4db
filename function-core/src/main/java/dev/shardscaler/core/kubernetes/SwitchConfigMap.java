package dev.shardscaler.core.kubernetes;

import java.util.Map;

/**
 * The switch ConfigMap as read: the pods of the bot mount it and read its {@code active} key; the
 * scaler keeps the state of a blue/green reshard in it.
 */
public record SwitchConfigMap(
    String namespace,
    String name,
    String uid,
    String resourceVersion,
    Map<String, String> labels,
    Map<String, String> data) {

  /** Label naming the bot's StatefulSet: the scaler only ever writes a switch that carries it. */
  public static final String SWITCH_OF = "shardscaler.dev/switch-of";
}
