package dev.shardscaler.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one harness run measured, in the order the report shows it. */
final class Results {
  final List<Artifact> artifacts;
  final Map<String, String> broken = new LinkedHashMap<>();
  final List<Measurement> timed = new ArrayList<>();
  final Map<String, Measurement> scaling = new LinkedHashMap<>();
  final Map<String, List<HeapStep>> heap = new LinkedHashMap<>();
  final Map<String, Measurement> sandbox = new LinkedHashMap<>();
  final Map<String, ClassTrace> classes = new LinkedHashMap<>();
  final Map<String, Measurement> traced = new LinkedHashMap<>();
  final List<Map<String, Double>> phases = new ArrayList<>();
  final List<Map<String, Double>> phaseCpu = new ArrayList<>();

  /** Busy share of the CPUs in the moment before each measured run. */
  final List<Double> background = new ArrayList<>();

  Results(List<Artifact> artifacts) {
    this.artifacts = List.copyOf(artifacts);
  }

  List<Measurement> timed(String artifact, String flagSet) {
    return timed.stream()
        .filter(run -> run.artifact().equals(artifact) && run.flagSet().equals(flagSet))
        .toList();
  }

  /** Available and not failed in warm-up. */
  boolean runnable(Artifact artifact) {
    return artifact.available() && !broken.containsKey(artifact.id());
  }
}
