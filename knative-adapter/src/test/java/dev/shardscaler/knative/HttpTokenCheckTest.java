package dev.shardscaler.knative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpTokenCheckTest {

  @ParameterizedTest(name = "configured \"{0}\", header \"{1}\" → {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "s3cret, Bearer s3cret, ALLOWED",
        "s3cret, bearer s3cret, ALLOWED",
        "s3cret, Bearer s3cret2, WRONG",
        "s3cret, Bearer s3cre, WRONG",
        "s3cret, Basic s3cret, MISSING",
        "s3cret, null, MISSING",
        "null, Bearer s3cret, NOT_CONFIGURED",
        "'  ', Bearer x, NOT_CONFIGURED"
      })
  void decides(String configured, String header, HttpTokenCheck.Verdict verdict) {
    HttpTokenCheck check =
        HttpTokenCheck.fromEnv(
            configured == null ? Map.of() : Map.of("SCALER_HTTP_TOKEN", configured));

    assertThat(check.check(header)).isEqualTo(verdict);
    assertThat(check.toString()).doesNotContain("s3cret");
  }
}
