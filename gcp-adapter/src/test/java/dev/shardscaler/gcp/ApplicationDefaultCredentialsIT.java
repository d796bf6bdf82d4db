package dev.shardscaler.gcp;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shardscaler.testkit.DiscordFake;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole production path in the real invoker, with nothing injected: the public constructor,
 * Application Default Credentials, the scopes, the token as bearer over TLS with GKE_CLUSTER_CA.
 * ADC finds a service-account key file (GOOGLE_APPLICATION_CREDENTIALS, a key made here) whose
 * token_uri is a token endpoint on loopback, so it never looks for a metadata server; as a second
 * guard the metadata host is pointed at a closed loopback port.
 */
class ApplicationDefaultCredentialsIT {
  static final String BOT_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.gcp_adc_secret_token";
  static final String ACCOUNT = "shardscaler-fn@my-bot-project.iam.gserviceaccount.com";

  @TempDir Path workDir;
  DiscordFake discord;
  GkeStandIn gke;
  HttpServer tokenEndpoint;
  final List<JsonObject> grants = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    discord = new DiscordFake();
    discord.respondByDefault(gatewayBot(16, 1000, 1));
    gke = new GkeStandIn();
    tokenEndpoint =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    tokenEndpoint.createContext("/token", this::grant);
    tokenEndpoint.start();
  }

  @AfterEach
  void stop() {
    tokenEndpoint.stop(0);
    gke.close();
    discord.close();
  }

  /** OAuth2 JWT-bearer grant (RFC 7523), as Google's token endpoint answers it. */
  private void grant(HttpExchange exchange) throws IOException {
    try (exchange) {
      String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> fields = new HashMap<>();
      for (String pair : form.split("&")) {
        String[] kv = pair.split("=", 2);
        fields.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
      JsonObject claims = new JsonObject();
      claims.addProperty("grant_type", fields.get("grant_type"));
      String[] jwt = fields.getOrDefault("assertion", "").split("\\.");
      if (jwt.length == 3) {
        claims =
            JsonParser.parseString(
                    new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8))
                .getAsJsonObject();
        claims.addProperty("grant_type", fields.get("grant_type"));
      }
      int n;
      synchronized (grants) {
        grants.add(claims);
        n = grants.size();
      }
      byte[] body =
          ("{\"access_token\":\"ya29.test-"
                  + n
                  + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** A service-account key file like the ones IAM issues, with a fresh key and our token_uri. */
  Path keyFile() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pkcs8 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    JsonObject key = new JsonObject();
    key.addProperty("type", "service_account");
    key.addProperty("project_id", "my-bot-project");
    key.addProperty("private_key_id", "0123456789abcdef0123456789abcdef01234567");
    key.addProperty(
        "private_key", "-----BEGIN PRIVATE KEY-----\n" + pkcs8 + "\n-----END PRIVATE KEY-----\n");
    key.addProperty("client_email", ACCOUNT);
    key.addProperty("client_id", "104857600000000000002");
    key.addProperty(
        "token_uri", "http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token");
    Path file = workDir.resolve("shardscaler-fn-key.json");
    Files.writeString(file, key.toString());
    return file;
  }

  @Test
  void theDeployJarGetsATokenThroughAdcAndCallsTheClusterWithIt() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", BOT_TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("GKE_CLUSTER_ENDPOINT", gke.endpoint());
    env.put("GKE_CLUSTER_CA", gke.caBase64());
    env.put("GOOGLE_APPLICATION_CREDENTIALS", keyFile().toString());
    env.put("GCE_METADATA_HOST", "127.0.0.1:9");
    env.put("NO_GCE_CHECK", "true");

    try (InvokerProcess invoker = InvokerProcess.start(env, workDir)) {
      Map<String, String> headers =
          Map.of("Content-Type", "application/json", "User-Agent", "Google-Cloud-Scheduler");
      HttpResponse<String> first = invoker.send("POST", "{\"reason\":\"scheduled\"}", headers);
      HttpResponse<String> second = invoker.send("POST", "{\"dryRun\":true}", headers);

      assertThat(first.statusCode()).as(first.body() + invoker.output()).isEqualTo(200);
      assertThat(
              JsonParser.parseString(first.body()).getAsJsonObject().get("outcome").getAsString())
          .isEqualTo("SCALED");
      assertThat(second.statusCode()).isEqualTo(200);
      assertThat(grants).as("one token for both passes").hasSize(1);
      JsonObject grant = grants.get(0);
      assertThat(grant.get("grant_type").getAsString())
          .isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
      assertThat(grant.get("iss").getAsString()).isEqualTo(ACCOUNT);
      assertThat(Arrays.asList(grant.get("scope").getAsString().split(" ")))
          .containsExactlyInAnyOrderElementsOf(ScalerFunction.SCOPES);
      assertThat(gke.bearers()).isNotEmpty().containsOnly("Bearer ya29.test-1");
      assertThat(gke.patches()).hasSize(1);
      assertThat(invoker.output()).doesNotContain(BOT_TOKEN).doesNotContain("ya29.test-1");
    }
  }
}
