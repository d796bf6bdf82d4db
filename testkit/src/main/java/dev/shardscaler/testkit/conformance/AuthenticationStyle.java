package dev.shardscaler.testkit.conformance;

/**
 * How an entry point decides who may send overrides. The cases that depend on it say what each
 * style answers; none is skipped.
 */
public enum AuthenticationStyle {
  /**
   * The override token ({@code SCALER_HTTP_TOKEN}) as {@code Authorization: Bearer <token>} or
   * {@code X-Shardscaler-Token} (Knative: nothing else uses Authorization there).
   */
  BEARER_TOKEN,
  /**
   * The override token as {@code X-Shardscaler-Token} only: {@code Authorization} carries the
   * platform's identity token, checked by the platform before the function runs (Cloud Run).
   */
  TOKEN_HEADER,
  /**
   * The platform authenticates the caller with IAM and tells the function who it is (a Lambda
   * function URL with auth type {@code AWS_IAM}); there is no token. A call without credentials is
   * what an auth type {@code NONE} URL delivers.
   */
  IAM
}
