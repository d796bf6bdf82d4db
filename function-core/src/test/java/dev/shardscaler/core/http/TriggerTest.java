package dev.shardscaler.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.ScaleRequest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TriggerTest {

  @Test
  void aBinaryCloudEventCarriesTheRequestInItsBody() {
    Trigger trigger =
        Trigger.parse(
            "application/json",
            "1.0",
            "dev.knative.sources.ping",
            "id-1",
            "{\"reason\":\"scheduled\"}");

    assertThat(trigger.kind()).isEqualTo("cloudevent-binary");
    assertThat(trigger.eventType()).isEqualTo("dev.knative.sources.ping");
    assertThat(trigger.request()).isEqualTo(ScaleRequest.scheduled());
  }

  @Test
  void aStructuredCloudEventWithDataBase64IsDecoded() {
    String data = Base64.getEncoder().encodeToString("{\"dryRun\":true}".getBytes());
    Trigger trigger =
        Trigger.parse(
            "application/cloudevents+json",
            null,
            null,
            null,
            "{\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"/s\",\"id\":\"1\","
                + "\"data_base64\":\""
                + data
                + "\"}");

    assertThat(trigger.request().dryRun()).isTrue();
    assertThat(trigger.kind()).isEqualTo("cloudevent-structured");
  }

  @Test
  void aStructuredCloudEventWithoutDataIsTheScheduledPass() {
    Trigger trigger =
        Trigger.parse(
            "application/cloudevents+json",
            null,
            null,
            null,
            "{\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"/s\",\"id\":\"1\"}");

    assertThat(trigger.request().overrides()).isFalse();
  }

  @Test
  void aStructuredCloudEventMustHaveItsRequiredAttributes() {
    assertThatThrownBy(
            () ->
                Trigger.parse(
                    "application/cloudevents+json",
                    null,
                    null,
                    null,
                    "{\"specversion\":\"1.0\",\"type\":\"t\",\"id\":\"1\"}"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("CloudEvent attribute \"source\" is missing");
  }

  @Test
  void badDataInsideAnEnvelopeNamesTheField() {
    assertThatThrownBy(
            () ->
                Trigger.parse(
                    "application/cloudevents+json",
                    null,
                    null,
                    null,
                    "{\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"/s\",\"id\":\"1\","
                        + "\"data\":{\"shards\":\"many\"}}"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("field \"shards\" must be an integer, got \"many\"");
  }

  @Test
  void anEmptyPlainBodyIsTheScheduledPass() {
    Trigger trigger = Trigger.parse(null, null, null, null, "");

    assertThat(trigger.kind()).isEqualTo("json");
    assertThat(trigger.request().overrides()).isFalse();
  }
}
