package dev.shardscaler.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.ScaleRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriggerTest {
  static final String ATTRIBUTES =
      "\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"/s\",\"id\":\"1\"";

  static Trigger read(String body, String... headers) {
    Map<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i].toLowerCase(Locale.ROOT), headers[i + 1]);
    }
    return Trigger.read(
        name -> map.get(name.toLowerCase(Locale.ROOT)), body.getBytes(StandardCharsets.UTF_8));
  }

  static Trigger structured(String envelope) {
    return read(envelope, "Content-Type", "application/cloudevents+json");
  }

  @Test
  void aBinaryCloudEventCarriesTheRequestInItsBody() {
    Trigger trigger =
        read(
            "{\"reason\":\"scheduled\"}",
            "Content-Type",
            "application/json",
            "ce-specversion",
            "1.0",
            "ce-type",
            "dev.knative.sources.ping",
            "ce-source",
            "/apis/v1/namespaces/discord/pingsources/p",
            "ce-id",
            "id-1");

    assertThat(trigger.kind()).isEqualTo("cloudevent-binary");
    assertThat(trigger.eventType()).isEqualTo("dev.knative.sources.ping");
    assertThat(trigger.request()).isEqualTo(ScaleRequest.scheduled());
  }

  @Test
  void aBodylessBinaryCloudEventNeedsNoContentType() {
    Trigger trigger =
        read("", "ce-specversion", "1.0", "ce-type", "t", "ce-source", "/s", "ce-id", "1");

    assertThat(trigger.request()).isEqualTo(ScaleRequest.scheduled());
  }

  @Test
  void aStructuredCloudEventWithDataBase64IsDecoded() {
    String data = Base64.getEncoder().encodeToString("{\"dryRun\":true}".getBytes());
    Trigger trigger = structured("{" + ATTRIBUTES + ",\"data_base64\":\"" + data + "\"}");

    assertThat(trigger.request().dryRun()).isTrue();
    assertThat(trigger.kind()).isEqualTo("cloudevent-structured");
  }

  @Test
  void aStructuredCloudEventWithoutDataIsTheScheduledPass() {
    assertThat(structured("{" + ATTRIBUTES + "}").request()).isEqualTo(ScaleRequest.scheduled());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no source          | {\"specversion\":\"1.0\",\"type\":\"t\",\"id\":\"1\"}"
            + "| CloudEvent attribute \"source\" is missing",
        "numeric id         | {\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"/s\",\"id\":1}"
            + "| CloudEvent attribute \"id\" must be a string, got a number",
        "empty type         | {\"specversion\":\"1.0\",\"type\":\"\",\"source\":\"/s\",\"id\":\"1\"}"
            + "| CloudEvent attribute \"type\" must not be empty",
        "version 0.3        | {\"specversion\":\"0.3\",\"type\":\"t\",\"source\":\"/s\",\"id\":\"1\"}"
            + "| CloudEvent specversion \"0.3\" is not supported",
        "both data forms    | {"
            + ATTRIBUTES
            + ",\"data\":{},\"data_base64\":\"e30=\"}"
            + "| \"data\" or \"data_base64\", not both",
        "data_base64 array  | {"
            + ATTRIBUTES
            + ",\"data_base64\":[1]}"
            + "| \"data_base64\" must be a base64 string, got an array",
        "data as a string   | {"
            + ATTRIBUTES
            + ",\"data\":\"{}\"}"
            + "| \"data\" must be a JSON object (the scale request), got a string",
        "bad data field     | {"
            + ATTRIBUTES
            + ",\"data\":{\"shards\":\"many\"}}"
            + "| field \"shards\" must be an integer, got \"many\"",
        "unquoted names     | {specversion:\"1.0\"}" + "| body is not valid JSON: line 1, column 2",
      })
  void aStructuredCloudEventIsReadStrictly(String name, String envelope, String message) {
    assertThatThrownBy(() -> structured(envelope))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aStructuredCloudEventsDataMustBeJson() {
    assertThatThrownBy(
            () -> structured("{" + ATTRIBUTES + ",\"datacontenttype\":\"text/plain\",\"data\":{}}"))
        .isInstanceOf(Refusal.class)
        .satisfies(e -> assertThat(((Refusal) e).answer().status()).isEqualTo(415));
  }

  @Test
  void aBinaryCloudEventMustHaveItsAttributes() {
    assertThatThrownBy(
            () ->
                read(
                    "{}",
                    "Content-Type",
                    "application/json",
                    "ce-specversion",
                    "1.0",
                    "ce-type",
                    "t",
                    "ce-source",
                    "/s"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("CloudEvent header ce-id is missing");
  }

  @Test
  void anEmptyPlainBodyIsTheScheduledPass() {
    Trigger trigger = read("", "Content-Type", "application/json");

    assertThat(trigger.kind()).isEqualTo("json");
    assertThat(trigger.request()).isEqualTo(ScaleRequest.scheduled());
  }
}
