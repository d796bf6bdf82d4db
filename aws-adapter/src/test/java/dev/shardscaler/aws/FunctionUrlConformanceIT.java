package dev.shardscaler.aws;

import static dev.shardscaler.testkit.conformance.Expectation.refusal;
import static dev.shardscaler.testkit.conformance.Expectation.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.testkit.LogCapture;
import dev.shardscaler.testkit.conformance.Answer;
import dev.shardscaler.testkit.conformance.AuthenticationStyle;
import dev.shardscaler.testkit.conformance.Call;
import dev.shardscaler.testkit.conformance.ConformanceSuite;
import dev.shardscaler.testkit.conformance.Credentials;
import dev.shardscaler.testkit.conformance.EntryPoint;
import dev.shardscaler.testkit.conformance.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The HTTP conformance suite against the real Lambda handler, fed each call as the function URL
 * service delivers it: an API Gateway payload v2.0 event (lower-case header names, repeated headers
 * comma-joined, the body base64-encoded unless it is text, the caller's IAM identity under {@code
 * requestContext.authorizer.iam} when the URL has auth type {@code AWS_IAM}). Its answer is read
 * back from the v2.0 response; a Lambda error (the handler threw) is no HTTP answer at all.
 */
class FunctionUrlConformanceIT extends ConformanceSuite {

  @Override
  protected Transport transport() {
    return new Transport() {
      @Override
      public String name() {
        return "lambda-function-url";
      }

      @Override
      public AuthenticationStyle authentication() {
        return AuthenticationStyle.IAM;
      }

      @Override
      public List<String> secrets() {
        return List.of("k8s-aws-v1.");
      }

      @Override
      public EntryPoint start(Map<String, String> env) {
        Map<String, String> lambda = new HashMap<>(env);
        lambda.put("EKS_CLUSTER_ENDPOINT", lambda.remove("K8S_API_URL"));
        lambda.put("EKS_CLUSTER_NAME", "bots");
        lambda.put("AWS_REGION", "us-east-1");
        LogCapture logs = new LogCapture();
        ScalerHandler handler =
            new ScalerHandler(lambda, ScalerHandlerIT.CREDENTIALS, Clock.systemUTC());
        return new EntryPoint() {
          @Override
          public Answer send(Call call) {
            return invoke(handler, call);
          }

          @Override
          public List<String> logLines() {
            return logs.lines();
          }

          @Override
          public void close() {
            logs.close();
          }
        };
      }
    };
  }

  /**
   * Who sent an override is in the log: the ARN IAM authenticated, or that the URL authenticated no
   * one (and the override was refused).
   */
  @Test
  void theCallerOfAnOverrideIsLogged() {
    List<String> authenticated =
        exchange(
            Call.post("{\"shards\":20}").credentials(Credentials.VALID),
            result(200).saying("SCALED").written());
    assertThat(authenticated)
        .anyMatch(line -> line.contains("caller=arn:aws:sts::123456789012:assumed-role/ops/ops"));

    List<String> anonymous = exchange(Call.post("{\"shards\":20}"), refusal(403).saying("AWS_IAM"));
    assertThat(anonymous).anyMatch(line -> line.contains("caller=(not authenticated"));
  }

  static Answer invoke(ScalerHandler handler, Call call) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(
          new ByteArrayInputStream(event(call).toString().getBytes(StandardCharsets.UTF_8)),
          out,
          new FakeContext(UUID.randomUUID().toString()));
    } catch (IOException | RuntimeException e) {
      return new Answer(0, Map.of(), "a Lambda error instead of an HTTP answer: " + e);
    }
    JsonObject response =
        JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response
        .getAsJsonObject("headers")
        .entrySet()
        .forEach(h -> headers.put(h.getKey(), List.of(h.getValue().getAsString())));
    String body = response.has("body") ? response.get("body").getAsString() : "";
    if (response.has("isBase64Encoded") && response.get("isBase64Encoded").getAsBoolean()) {
      body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
    }
    return new Answer(response.get("statusCode").getAsInt(), headers, body);
  }

  /** The v2.0 event the function URL service would deliver for this call. */
  static JsonObject event(Call call) {
    String requestId = UUID.randomUUID().toString();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", "abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws");
    headers.put("x-forwarded-proto", "https");
    headers.put("x-forwarded-for", "203.0.113.7");
    headers.put("x-amzn-trace-id", "Root=1-6748a1b0-1f2e3d4c5b6a798877665544");
    headers.put("content-length", String.valueOf(call.body().length));
    for (Map.Entry<String, String> header : call.headers()) {
      headers.merge(
          header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + "," + b);
    }
    if (call.credentials() == Credentials.WRONG) {
      // the only token a caller could try on AWS; the URL then has auth type NONE
      headers.put("x-shardscaler-token", "not-the-override-token");
    }
    JsonObject headerObject = new JsonObject();
    headers.forEach(headerObject::addProperty);

    JsonObject http = new JsonObject();
    http.addProperty("method", call.method());
    http.addProperty("path", call.path());
    http.addProperty("protocol", "HTTP/1.1");
    http.addProperty("sourceIp", "203.0.113.7");
    http.addProperty("userAgent", "conformance");
    JsonObject context = new JsonObject();
    context.addProperty("accountId", "123456789012");
    context.addProperty("apiId", "abcdefghijklmnopqrstuvwxyz012345");
    context.add(
        "authorizer", call.credentials() == Credentials.VALID ? iamCaller() : JsonNull.INSTANCE);
    context.addProperty(
        "domainName", "abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws");
    context.addProperty("domainPrefix", "abcdefghijklmnopqrstuvwxyz012345");
    context.add("http", http);
    context.addProperty("requestId", requestId);
    context.addProperty("routeKey", "$default");
    context.addProperty("stage", "$default");
    context.addProperty("time", "28/Nov/2026:12:00:00 +0000");
    context.addProperty("timeEpoch", 1795867200000L);

    JsonObject event = new JsonObject();
    event.addProperty("version", "2.0");
    event.addProperty("routeKey", "$default");
    event.addProperty("rawPath", call.path());
    event.addProperty("rawQueryString", call.query());
    event.add("headers", headerObject);
    event.add("requestContext", context);
    if (call.body().length > 0) {
      String text = textBody(headers.get("content-type"), call.body());
      event.addProperty(
          "body", text != null ? text : Base64.getEncoder().encodeToString(call.body()));
      event.addProperty("isBase64Encoded", text == null);
    } else {
      event.addProperty("isBase64Encoded", false);
    }
    return event;
  }

  static JsonElement iamCaller() {
    JsonObject iam = new JsonObject();
    iam.addProperty("accessKey", "ASIAEXAMPLEACCESSKEY");
    iam.addProperty("accountId", "123456789012");
    iam.addProperty("callerId", "AROAEXAMPLEROLEID:ops");
    iam.add("cognitoIdentity", JsonNull.INSTANCE);
    iam.add("principalOrgId", JsonNull.INSTANCE);
    iam.addProperty("userArn", "arn:aws:sts::123456789012:assumed-role/ops/ops");
    iam.addProperty("userId", "AROAEXAMPLEROLEID:ops");
    JsonObject authorizer = new JsonObject();
    authorizer.add("iam", iam);
    return authorizer;
  }

  /**
   * The body as the service passes text (text/*, application/json, application/xml,
   * application/javascript, valid UTF-8); null when it would arrive base64-encoded instead.
   */
  static String textBody(String contentType, byte[] body) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
    boolean text =
        type.startsWith("text/")
            || type.startsWith("application/json")
            || type.startsWith("application/xml")
            || type.startsWith("application/javascript");
    if (!text) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
