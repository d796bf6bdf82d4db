package dev.shardscaler.testkit.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the contract promises for one call: the status (or a range of them), the body's shape, what
 * the body says, headers, and what reached the cluster.
 *
 * @param headers lower-case names; a null value only requires the header to be there
 */
public record Expectation(
    int lowest,
    int highest,
    Shape shape,
    Cluster cluster,
    List<String> saying,
    List<String> notSaying,
    Map<String, String> headers,
    List<String> absentHeaders) {

  /** The body's shape. */
  public enum Shape {
    /** A pass's result: {@code outcome}, {@code reason}, {@code message}, … */
    RESULT,
    /**
     * A refusal: {@code status} (= the HTTP status), {@code error}, {@code message}, {@code
     * problems}.
     */
    ERROR,
    /** Either of the two (a failure whose shape depends on the layer that caught it). */
    RESULT_OR_ERROR,
    /** No body to look at (an answer to HEAD). */
    NO_BODY
  }

  /** What the call may do to the outside world. */
  public enum Cluster {
    /** The StatefulSet (or its annotations) was written. */
    WRITTEN,
    /** Discord and the API server may have been asked, but nothing was written. */
    NOT_WRITTEN,
    /** Neither Discord nor the API server received a single request. */
    UNTOUCHED
  }

  /** A pass that ran: its result with this status; by default nothing written. */
  public static Expectation result(int status) {
    return new Expectation(
        status,
        status,
        Shape.RESULT,
        Cluster.NOT_WRITTEN,
        List.of(),
        List.of(),
        Map.of(),
        List.of());
  }

  /** A refusal before any pass: the error shape, nobody contacted. */
  public static Expectation refusal(int status) {
    return new Expectation(
        status, status, Shape.ERROR, Cluster.UNTOUCHED, List.of(), List.of(), Map.of(), List.of());
  }

  /** A pass that failed somewhere inside: any 5xx in the contract's shape, nothing written. */
  public static Expectation failure() {
    return new Expectation(
        500,
        504,
        Shape.RESULT_OR_ERROR,
        Cluster.NOT_WRITTEN,
        List.of(),
        List.of(),
        Map.of(),
        List.of());
  }

  /** The body's message (for a result: its reason and message) contains each fragment. */
  public Expectation saying(String... fragments) {
    List<String> all = new ArrayList<>(saying);
    all.addAll(List.of(fragments));
    return new Expectation(lowest, highest, shape, cluster, all, notSaying, headers, absentHeaders);
  }

  /** The whole body contains none of these (library names, hints, raw input). */
  public Expectation notSaying(String... fragments) {
    List<String> all = new ArrayList<>(notSaying);
    all.addAll(List.of(fragments));
    return new Expectation(lowest, highest, shape, cluster, saying, all, headers, absentHeaders);
  }

  public Expectation header(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name.toLowerCase(Locale.ROOT), value);
    return new Expectation(lowest, highest, shape, cluster, saying, notSaying, all, absentHeaders);
  }

  public Expectation headerPresent(String name) {
    return header(name, null);
  }

  public Expectation headerAbsent(String name) {
    List<String> all = new ArrayList<>(absentHeaders);
    all.add(name.toLowerCase(Locale.ROOT));
    return new Expectation(lowest, highest, shape, cluster, saying, notSaying, headers, all);
  }

  public Expectation written() {
    return withCluster(Cluster.WRITTEN);
  }

  public Expectation notWritten() {
    return withCluster(Cluster.NOT_WRITTEN);
  }

  public Expectation untouched() {
    return withCluster(Cluster.UNTOUCHED);
  }

  public Expectation noBody() {
    return new Expectation(
        lowest, highest, Shape.NO_BODY, cluster, saying, notSaying, headers, absentHeaders);
  }

  private Expectation withCluster(Cluster newCluster) {
    return new Expectation(
        lowest, highest, shape, newCluster, saying, notSaying, headers, absentHeaders);
  }

  /** The status as the reports show it. */
  public String statusText() {
    return lowest == highest ? String.valueOf(lowest) : lowest + "–" + highest;
  }

  public boolean allows(int status) {
    return status >= lowest && status <= highest;
  }
}
