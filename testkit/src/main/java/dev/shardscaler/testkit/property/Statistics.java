package dev.shardscaler.testkit.property;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a property counts about its cases (which outcomes they reached, say), shown with the
 * property's line as a share of all counted cases, so a generator that stopped reaching a branch is
 * seen in the build output.
 */
public final class Statistics {
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private int total;

  /** Counts one case under the label made of {@code values} (joined by spaces). */
  public void collect(Object... values) {
    counts.merge(label(values), 1, Integer::sum);
    total++;
  }

  private static String label(Object... values) {
    return Arrays.stream(values).map(String::valueOf).collect(Collectors.joining(" ")).strip();
  }

  public int total() {
    return total;
  }

  /** The labels, most frequent first, as {@code "SCALED 41.3%, UNCHANGED 30.0%"}; "" if none. */
  public String report() {
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .map(
            entry ->
                String.format(
                    Locale.ROOT, "%s %.1f%%", entry.getKey(), 100.0 * entry.getValue() / total))
        .collect(Collectors.joining(", "));
  }
}
