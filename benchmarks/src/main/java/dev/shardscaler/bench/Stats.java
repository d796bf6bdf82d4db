package dev.shardscaler.bench;

import java.util.List;
import java.util.Objects;

/**
 * Median, min and max of the runs that produced a figure; NaN figures (failed runs) are left out.
 */
record Stats(int count, double median, double min, double max) {
  static final Stats NONE = new Stats(0, Double.NaN, Double.NaN, Double.NaN);

  static Stats of(List<Double> values) {
    double[] sorted =
        values.stream()
            .filter(Objects::nonNull)
            .filter(value -> !value.isNaN())
            .mapToDouble(Double::doubleValue)
            .sorted()
            .toArray();
    if (sorted.length == 0) {
      return NONE;
    }
    int middle = sorted.length / 2;
    double median =
        sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    return new Stats(sorted.length, median, sorted[0], sorted[sorted.length - 1]);
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** {@code median (min–max)} in whole units, or a dash. */
  String describe() {
    if (isEmpty()) {
      return "–";
    }
    return Math.round(median) + " (" + Math.round(min) + "–" + Math.round(max) + ")";
  }
}
