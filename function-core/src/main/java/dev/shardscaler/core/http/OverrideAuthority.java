package dev.shardscaler.core.http;

import java.util.List;
import java.util.Map;

/**
 * Who may send a request with overrides through an entry point: the check differs by platform, the
 * refusals are the contract's.
 *
 * <ul>
 *   <li>{@link #bearerOrHeader}: the override token as {@code Authorization: Bearer} or {@value
 *       OverrideToken#HEADER} (Knative, where nothing else uses Authorization);
 *   <li>{@link #header}: the token as {@value OverrideToken#HEADER} only, because Authorization
 *       carries the caller's identity token that the platform checks (Cloud Run);
 *   <li>{@link #iam}: no token; the platform authenticated the caller with IAM and says so (a
 *       Lambda function URL with auth type {@code AWS_IAM}). Whoever may invoke the function may
 *       send overrides, as with a direct invoke.
 * </ul>
 */
public sealed interface OverrideAuthority {
  /** The answer refusing this call's overrides, or null when they are allowed. */
  HttpAnswer refusal(HttpCall call);

  static OverrideAuthority bearerOrHeader(OverrideToken token) {
    return new Token(token, true);
  }

  static OverrideAuthority header(OverrideToken token) {
    return new Token(token, false);
  }

  static OverrideAuthority iam() {
    return new Iam();
  }

  /** What overrides are, in the words of every refusal. */
  String OVERRIDES =
      "requests with overrides (shards, shardsPerBot, overrideFor, clearOverride, dryRun=false)";

  /** The shared secret {@code SCALER_HTTP_TOKEN}. */
  record Token(OverrideToken token, boolean bearerAllowed) implements OverrideAuthority {
    @Override
    public HttpAnswer refusal(HttpCall call) {
      String authorization = bearerAllowed ? call.headers().get("Authorization") : null;
      return switch (token.check(call.headers().get(OverrideToken.HEADER), authorization)) {
        case ALLOWED -> null;
        case NOT_CONFIGURED ->
            HttpAnswer.error(
                403, List.of(OVERRIDES + " are disabled: set SCALER_HTTP_TOKEN to allow them"));
        case MISSING ->
            HttpAnswer.error(
                401,
                List.of(
                    bearerAllowed
                        ? OVERRIDES
                            + " need the override token: Authorization: Bearer"
                            + " <SCALER_HTTP_TOKEN>, or "
                            + OverrideToken.HEADER
                            + ": <SCALER_HTTP_TOKEN>"
                        : OVERRIDES
                            + " need the header "
                            + OverrideToken.HEADER
                            + ": <SCALER_HTTP_TOKEN>, which is missing (Authorization carries"
                            + " the caller's identity token for the platform and is not read"
                            + " here)"),
                challenge());
        case WRONG ->
            HttpAnswer.error(401, List.of("the override token is not valid"), challenge());
      };
    }

    private Map<String, String> challenge() {
      return Map.of(
          "WWW-Authenticate",
          (bearerAllowed ? "Bearer" : OverrideToken.HEADER) + " realm=\"shardscaler\"");
    }
  }

  /** IAM, as the platform reports it in {@link HttpCall#iamCaller()}. */
  record Iam() implements OverrideAuthority {
    @Override
    public HttpAnswer refusal(HttpCall call) {
      if (call.iamCaller() != null) {
        return null;
      }
      return HttpAnswer.error(
          403,
          List.of(
              OVERRIDES
                  + " need a caller authenticated by IAM, and this function URL authenticates"
                  + " no one (auth type NONE): use a function URL with auth type AWS_IAM (the"
                  + " caller needs lambda:InvokeFunctionUrl and lambda:InvokeFunction) or invoke"
                  + " the function directly; "
                  + OverrideToken.HEADER
                  + " is not used on AWS"));
    }
  }
}
