package dev.shardscaler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.ScaleRequest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which shape a Lambda event has, from the recorded events and edge cases. */
class InvocationTest {

  static Invocation read(String json) {
    return Invocation.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSchedulerInputIsTheRequestAsIs() {
    Invocation invocation = Invocation.read(TestEvents.bytes("scheduler-input.json"));

    assertThat(invocation).isEqualTo(new Invocation.Pass("event", ScaleRequest.scheduled()));
  }

  @Test
  void aScheduledEventIsTheScheduledPass() {
    Invocation invocation = Invocation.read(TestEvents.bytes("scheduled-event.json"));

    assertThat(invocation).isInstanceOf(Invocation.Pass.class);
    Invocation.Pass pass = (Invocation.Pass) invocation;
    assertThat(pass.request()).isEqualTo(ScaleRequest.scheduled());
    assertThat(pass.trigger())
        .isEqualTo(
            "eventbridge aws.events \"Scheduled Event\" id=89d1a02d-5ec7-412e-82f5-13505f849b41");
  }

  @Test
  void anotherEventBridgeEventIsTakenFromItsDetailWithItsTypeAsReason() {
    Invocation.Pass pass =
        (Invocation.Pass)
            read(
                "{\"version\":\"0\",\"id\":\"1\",\"detail-type\":\"Guild Surge\","
                    + "\"source\":\"com.example.bot\",\"detail\":{\"dryRun\":true}}");

    assertThat(pass.request().dryRun()).isTrue();
    assertThat(pass.request().reason()).isEqualTo("Guild Surge");
  }

  @Test
  void aFunctionUrlEventIsHttp() {
    Invocation invocation = Invocation.read(TestEvents.bytes("function-url-dry-run.json"));

    assertThat(invocation).isInstanceOf(Invocation.Http.class);
    HttpApiRequest http = ((Invocation.Http) invocation).request();
    assertThat(http.method()).isEqualTo("POST");
    assertThat(http.path()).isEqualTo("/");
    assertThat(new String(http.body(), StandardCharsets.UTF_8)).isEqualTo("{\"dryRun\":true}");
    assertThat(http.header("Content-Type")).isEqualTo("application/json");
    assertThat(http.requestId()).isEqualTo("0a4a2bc9-6d1e-4c0e-9d2b-7f6c5e4d3b2a");
    assertThat(http.sourceIp()).isEqualTo("203.0.113.7");
  }

  @Test
  void aBase64BodyIsDecoded() {
    HttpApiRequest http =
        ((Invocation.Http) Invocation.read(TestEvents.bytes("function-url-base64.json"))).request();

    assertThat(new String(http.body(), StandardCharsets.UTF_8))
        .startsWith("{\"specversion\":\"1.0\"")
        .contains("\"reason\":\"sent as a structured CloudEvent\"");
    assertThat(http.bodyProblem()).isNull();
  }

  @Test
  void aGetWithoutBodyHasNone() {
    HttpApiRequest http =
        ((Invocation.Http) Invocation.read(TestEvents.bytes("function-url-get.json"))).request();

    assertThat(http.method()).isEqualTo("GET");
    assertThat(http.body()).isNull();
  }

  static Stream<Arguments> scheduledPasses() {
    return Stream.of(
        Arguments.of("no bytes", ""), Arguments.of("blanks", " \n"), Arguments.of("null", "null"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scheduledPasses")
  void anEmptyEventIsTheScheduledPass(String name, String event) {
    assertThat(read(event)).isEqualTo(new Invocation.Pass("empty event", ScaleRequest.scheduled()));
  }

  static Stream<Arguments> unusable() {
    return Stream.of(
        Arguments.of("a string", "\"scale\"", "the event must be a JSON object"),
        Arguments.of("trailing data", "{} {}", "the event is not valid JSON"),
        Arguments.of("a lenient literal", "{dryRun: true}", "the event is not valid JSON"),
        Arguments.of(
            "several bad fields",
            "{\"shards\":\"x\",\"reason\":7}",
            "field \"shards\" must be an integer, got \"x\"; field \"reason\" must be a string"),
        Arguments.of(
            "detail not an object",
            "{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":[1]}",
            "in \"detail\" of the EventBridge event: body must be a JSON object"),
        Arguments.of(
            "detail-type not a string",
            "{\"detail-type\":{},\"source\":\"aws.events\",\"detail\":{}}",
            "field \"detail-type\" of the EventBridge event must be a string"),
        Arguments.of(
            "no requestContext.http",
            "{\"version\":\"2.0\",\"requestContext\":{}}",
            "field \"requestContext.http\" must be an object"),
        Arguments.of(
            "a method that is no string",
            "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":1}}}",
            "field \"requestContext.http.method\" must be a string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusable")
  void anUnusableEventNamesWhatIsWrong(String name, String event, String message) {
    assertThatThrownBy(() -> read(event))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message);
  }
}
