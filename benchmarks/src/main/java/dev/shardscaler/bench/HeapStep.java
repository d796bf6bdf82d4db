package dev.shardscaler.bench;

/** One rung of the -Xmx ladder: did the pass complete with this heap, how fast, how big. */
record HeapStep(int xmxMb, boolean ok, double resultMs, long peakRssKb, String failure) {
  static HeapStep of(int xmxMb, Measurement run) {
    return new HeapStep(xmxMb, run.ok(), run.resultMs(), run.peakRssKb(), run.failure());
  }
}
