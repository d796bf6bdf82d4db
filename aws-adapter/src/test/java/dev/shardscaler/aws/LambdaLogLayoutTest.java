package dev.shardscaler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The layout in code writes exactly what the logback.xml pattern it replaces wrote. */
class LambdaLogLayoutTest {
  /** The pattern of the former logback.xml, as Lambda has shown it. */
  static final String FORMER_PATTERN =
      "%-5level %X{requestId:-} %logger{36} - %replace(%msg){'[\\r\\n]+', ' '}"
          + "%replace(%ex{full}){'[\\r\\n\\t]+', ' | '}%nopex%n";

  static Stream<Arguments> events() {
    IllegalStateException nested =
        new IllegalStateException("outer\nsecond line", new IllegalArgumentException("inner"));
    return Stream.of(
        Arguments.of(
            "plain INFO", Level.INFO, "dev.shardscaler.aws.ScalerHandler", "hello", null, null),
        Arguments.of(
            "WARN with a request id",
            Level.WARN,
            "dev.shardscaler.aws.Scaler",
            "careful",
            "req-1",
            null),
        Arguments.of(
            "a long logger name is abbreviated",
            Level.ERROR,
            "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient",
            "x",
            "req-2",
            null),
        Arguments.of(
            "newlines in the message are folded",
            Level.INFO,
            "dev.shardscaler.core.ScaleFunction",
            "line one\r\nline two\n\nthree",
            null,
            null),
        Arguments.of(
            "a stack trace is folded onto the line",
            Level.ERROR,
            "dev.shardscaler.aws.ScalerHandler",
            "cannot start",
            "req-3",
            nested));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void writesWhatTheFormerPatternWrote(
      String name,
      Level level,
      String loggerName,
      String message,
      String requestId,
      Throwable error) {
    LoggerContext context = new LoggerContext();
    LoggingEvent event =
        new LoggingEvent(
            LambdaLogLayoutTest.class.getName(),
            context.getLogger(loggerName),
            level,
            message,
            error,
            null);
    event.setMDCPropertyMap(requestId == null ? Map.of() : Map.of("requestId", requestId));
    PatternLayout former = new PatternLayout();
    former.setContext(context);
    former.setPattern(FORMER_PATTERN);
    former.start();
    LambdaLogLayout layout = new LambdaLogLayout();
    layout.setContext(context);
    layout.start();

    String line = layout.doLayout(event);

    assertThat(line).isEqualTo(former.doLayout(event));
    assertThat(line.strip()).doesNotContain("\n").doesNotContain("\r");
    if (error != null) {
      assertThat(line).contains(error.getClass().getName()).contains(" | ");
    }
  }
}
