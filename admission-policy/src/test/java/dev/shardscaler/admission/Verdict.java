package dev.shardscaler.admission;

import java.util.List;

/** What admission decided: not matched (the policy does not apply), admitted, or denied. */
record Verdict(Outcome outcome, String why, List<Denial> denials) {

  enum Outcome {
    NOT_MATCHED,
    ADMITTED,
    DENIED
  }

  /**
   * One failed validation (or match condition): its message, or for an expression that could not be
   * evaluated the error (denied too, under failurePolicy Fail).
   */
  record Denial(String expression, String message, String reason, boolean error) {
    static Denial of(String expression, String message, String reason) {
      return new Denial(expression, message, reason, false);
    }

    static Denial error(String expression, String message) {
      return new Denial(expression, message, "Invalid", true);
    }
  }

  static Verdict notMatched(String why) {
    return new Verdict(Outcome.NOT_MATCHED, why, List.of());
  }

  static Verdict admitted() {
    return new Verdict(Outcome.ADMITTED, "every validation passed", List.of());
  }

  static Verdict denied(List<Denial> denials) {
    return new Verdict(Outcome.DENIED, "denied", List.copyOf(denials));
  }

  List<String> messages() {
    return denials.stream().map(Denial::message).toList();
  }

  /** The status reasons of the denials (the API server answers with the first). */
  List<String> reasons() {
    return denials.stream().map(Denial::reason).distinct().toList();
  }

  boolean hasErrors() {
    return denials.stream().anyMatch(Denial::error);
  }

  @Override
  public String toString() {
    return outcome + (denials.isEmpty() ? " (" + why + ")" : " " + denials);
  }
}
