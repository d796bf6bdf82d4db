package dev.shardscaler.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OverrideTokenTest {

  @ParameterizedTest(
      name = "configured \"{0}\", X-Shardscaler-Token \"{1}\", Authorization \"{2}\" → {3}")
  @CsvSource(
      nullValues = "null",
      value = {
        "s3cret, null, Bearer s3cret, ALLOWED",
        "s3cret, null, bearer s3cret, ALLOWED",
        "s3cret, s3cret, Bearer eyJhbGciOiJSUzI1NiJ9.oidc, ALLOWED",
        "s3cret, null, Bearer eyJhbGciOiJSUzI1NiJ9.oidc, WRONG",
        "s3cret, null, Bearer s3cret2, WRONG",
        "s3cret, s3cre, null, WRONG",
        "s3cret, null, Basic s3cret, MISSING",
        "s3cret, null, null, MISSING",
        "null, s3cret, Bearer s3cret, NOT_CONFIGURED",
        "'  ', null, Bearer x, NOT_CONFIGURED"
      })
  void decides(
      String configured, String tokenHeader, String authorization, OverrideToken.Verdict verdict) {
    OverrideToken token =
        OverrideToken.fromEnv(
            configured == null ? Map.of() : Map.of("SCALER_HTTP_TOKEN", configured));

    assertThat(token.check(tokenHeader, authorization)).isEqualTo(verdict);
    assertThat(token.toString()).doesNotContain("s3cret");
  }
}
