package dev.shardscaler.core.http;

/** A request the contract refuses, with the answer to give; thrown inside the HTTP layer only. */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient HttpAnswer answer;

  Refusal(HttpAnswer answer) {
    super(answer.body(), null, false, false);
    this.answer = answer;
  }

  /** 415: what the body is written in is not something the contract reads. */
  static Refusal unsupported(String problem) {
    return new Refusal(HttpAnswer.error(415, java.util.List.of(problem)));
  }

  HttpAnswer answer() {
    return answer;
  }
}
