package dev.shardscaler.core.plan;

/**
 * How the StatefulSet's pods pick up a new template. Only {@code RollingUpdate} without a partition
 * replaces every pod; with {@code OnDelete} pods change only when someone deletes them, and with a
 * partition the pods below it never change: resharding such a set would leave the fleet split
 * between two shard totals.
 *
 * @param type {@code spec.updateStrategy.type} (the API server defaults it to RollingUpdate)
 * @param partition {@code spec.updateStrategy.rollingUpdate.partition} (default 0)
 * @param podManagementPolicy {@code spec.podManagementPolicy} (default OrderedReady)
 */
public record UpdateStrategy(String type, int partition, String podManagementPolicy) {
  public static final String ROLLING_UPDATE = "RollingUpdate";
  public static final String ON_DELETE = "OnDelete";
  public static final UpdateStrategy DEFAULT =
      new UpdateStrategy(ROLLING_UPDATE, 0, "OrderedReady");

  /** True when a template change reaches every pod by itself. */
  public boolean replacesEveryPod() {
    return ROLLING_UPDATE.equals(type) && partition == 0;
  }

  /** Why a template change would not reach every pod, and what to change; null when it would. */
  public String whyNotUpdatable() {
    if (ON_DELETE.equals(type)) {
      return "updateStrategy OnDelete: pods take a new shard count only when someone deletes"
          + " them, so a reshard would leave the fleet split between two shard totals. Set"
          + " spec.updateStrategy.type to RollingUpdate (kubectl patch statefulset <name>"
          + " -p '{\"spec\":{\"updateStrategy\":{\"type\":\"RollingUpdate\"}}}') to let the"
          + " scaler work";
    }
    if (ROLLING_UPDATE.equals(type) && partition > 0) {
      return "updateStrategy RollingUpdate with partition "
          + partition
          + ": pods below ordinal "
          + partition
          + " never take a new template, so a reshard would leave the fleet split between two"
          + " shard totals. Set spec.updateStrategy.rollingUpdate.partition to 0 to let the"
          + " scaler work";
    }
    if (!ROLLING_UPDATE.equals(type)) {
      return "updateStrategy \""
          + type
          + "\" is not one the scaler knows to replace every pod; use RollingUpdate";
    }
    return null;
  }
}
