package dev.shardscaler.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A webhook receiver over real HTTP on loopback: Discord's execute-webhook route ({@link
 * #discordUrl()}) and a plain JSON endpoint ({@link #jsonUrl()}). It records every request, answers
 * as scripted (by default as Discord does with {@code ?wait=true}: 200 and the message), and can
 * render a Discord message as a channel would show it.
 */
public final class WebhookFake implements AutoCloseable {
  public static final String DISCORD_PATH =
      "/api/webhooks/1234567890123456789/fake-webhook-token_0123456789abcdef";
  public static final String JSON_PATH = "/hooks/shardscaler";

  private final HttpServer server;
  private final Deque<DiscordFake.Response> script = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();
  private Consumer<Received> listener = request -> {};

  /** A request as received; {@code body} parsed as JSON (null when it is not JSON). */
  public record Received(
      String method, String path, String query, Map<String, String> headers, JsonObject body) {
    public boolean isDiscord() {
      return path.equals(DISCORD_PATH);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The embeds' titles of a Discord message, or the notices' titles of a JSON one. */
    public List<String> titles() {
      List<String> titles = new ArrayList<>();
      JsonArray items =
          body == null ? new JsonArray() : body.getAsJsonArray(isDiscord() ? "embeds" : "notices");
      if (items != null) {
        items.forEach(item -> titles.add(item.getAsJsonObject().get("title").getAsString()));
      }
      return titles;
    }
  }

  public WebhookFake() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the webhook fake", e);
    }
    server.setExecutor(Executors.newCachedThreadPool(DiscordFake.daemonThreads()));
    server.createContext("/", this::handle);
    server.start();
  }

  /** What SCALER_NOTIFY_DISCORD_WEBHOOK is set to. */
  public String discordUrl() {
    return base() + DISCORD_PATH;
  }

  /** What SCALER_NOTIFY_WEBHOOK is set to. */
  public String jsonUrl() {
    return base() + JSON_PATH;
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next requests get these answers, in order; then 200 with the message. */
  public synchronized WebhookFake enqueue(DiscordFake.Response... responses) {
    script.addAll(List.of(responses));
    return this;
  }

  /** Called with each request once it is recorded (the sandbox prints it). */
  public synchronized WebhookFake onRequest(Consumer<Received> consumer) {
    this.listener = consumer;
    return this;
  }

  public synchronized List<Received> requests() {
    return List.copyOf(received);
  }

  public List<Received> discordMessages() {
    return requests().stream().filter(Received::isDiscord).toList();
  }

  public List<Received> jsonMessages() {
    return requests().stream().filter(r -> !r.isDiscord()).toList();
  }

  public synchronized void reset() {
    script.clear();
    received.clear();
  }

  /** Discord's 429 for a webhook: its body's {@code retry_after} and the headers. */
  public static DiscordFake.Response rateLimited(double retryAfterSeconds) {
    return DiscordFake.rateLimited(retryAfterSeconds);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    JsonObject body = null;
    try {
      JsonElement parsed = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
      body = parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
    } catch (RuntimeException e) {
      // recorded without a body
    }
    Received request =
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            headers,
            body);
    DiscordFake.Response response;
    Consumer<Received> notify;
    synchronized (this) {
      received.add(request);
      notify = listener;
      boolean known = request.path().equals(DISCORD_PATH) || request.path().equals(JSON_PATH);
      if (!known) {
        response = DiscordFake.json(404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}");
      } else if (!script.isEmpty()) {
        response = script.poll();
      } else {
        response = DiscordFake.json(200, "{\"id\": \"1\", \"type\": 0}");
      }
    }
    notify.accept(request);
    try (exchange) {
      if (!response.delay().isZero()) {
        Thread.sleep(response.delay().toMillis());
      }
      byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream stream = exchange.getResponseBody()) {
          stream.write(out);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client gave up (a timeout test)
    }
  }

  /** A Discord message as a channel shows it: the content, then each embed's text, indented. */
  public static String render(JsonObject message) {
    StringBuilder out = new StringBuilder();
    if (message.has("content") && !message.get("content").getAsString().isEmpty()) {
      out.append(message.get("content").getAsString()).append('\n');
    }
    JsonArray embeds = message.getAsJsonArray("embeds");
    if (embeds != null) {
      for (JsonElement element : embeds) {
        JsonObject embed = element.getAsJsonObject();
        out.append("  ┃ ").append(text(embed, "title")).append('\n');
        if (embed.has("description")) {
          for (String line : text(embed, "description").split("\n")) {
            out.append("  ┃ ").append(line).append('\n');
          }
        }
        JsonArray fields = embed.getAsJsonArray("fields");
        if (fields != null) {
          for (JsonElement field : fields) {
            JsonObject f = field.getAsJsonObject();
            out.append("  ┃ ").append(text(f, "name")).append(": ");
            out.append(text(f, "value").replace("\n", " · ")).append('\n');
          }
        }
        if (embed.has("footer")) {
          out.append("  ┃ ").append(text(embed.getAsJsonObject("footer"), "text")).append('\n');
        }
      }
    }
    return out.toString();
  }

  private static String text(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value == null || value.isJsonNull() ? "" : value.getAsString();
  }

  /** A delayed default answer, for "the webhook is slow". */
  public static DiscordFake.Response slow(Duration delay) {
    return DiscordFake.json(200, "{\"id\": \"1\"}").withDelay(delay);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
