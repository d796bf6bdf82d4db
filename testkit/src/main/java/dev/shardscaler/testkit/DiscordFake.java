package dev.shardscaler.testkit;

import com.google.gson.JsonObject;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A fake of Discord's {@code GET /api/v10/gateway/bot} over real HTTP on loopback. Responses are
 * scripted (a queue, then a default) with the status codes, headers and bodies Discord documents
 * (docs/ARCHITECTURE.md); every request received is logged.
 */
public final class DiscordFake implements AutoCloseable {
  public static final String GATEWAY_BOT_PATH = "/api/v10/gateway/bot";

  private final HttpServer server;
  private final Deque<Response> script = new ArrayDeque<>();
  private final List<ReceivedRequest> received = new ArrayList<>();
  private Supplier<Response> fallback = () -> gatewayBot(1, 1000, 1);
  private final Map<String, Bot> bots = new LinkedHashMap<>();
  private volatile CountDownLatch hold;

  /** The answers of one bot token: its own script, then its own default. */
  private static final class Bot {
    private final Deque<Response> script = new ArrayDeque<>();
    private Supplier<Response> fallback;

    Bot(Supplier<Response> fallback) {
      this.fallback = fallback;
    }
  }

  /** A request as the fake saw it; header names are lower case. */
  public record ReceivedRequest(String method, String path, Map<String, String> headers) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * A scripted answer; {@code delay} holds the response back (for timeouts), {@code trickle} sends
   * the body one byte per that interval after prompt headers (a slow-loris answer).
   */
  public record Response(
      int status, Map<String, String> headers, String body, Duration delay, Duration trickle) {
    public Response(int status, Map<String, String> headers, String body, Duration delay) {
      this(status, headers, body, delay, Duration.ZERO);
    }

    public Response withDelay(Duration newDelay) {
      return new Response(status, headers, body, newDelay, trickle);
    }

    /** The body one byte at a time, {@code perByte} apart. */
    public Response withTrickle(Duration perByte) {
      return new Response(status, headers, body, delay, perByte);
    }

    public Response withHeader(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      copy.put(name, value);
      return new Response(status, copy, body, delay, trickle);
    }
  }

  public DiscordFake() {
    // Without it the JDK server's Nagle algorithm meets the client's delayed ACK: ~40 ms per
    // keep-alive request (docs/PERFORMANCE.md). Read once, when the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Discord fake", e);
    }
    server.setExecutor(Executors.newCachedThreadPool(daemonThreads()));
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL to configure as DISCORD_API_BASE_URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v10";
  }

  /**
   * Answers requests that carry {@code Authorization: Bot <token>} with this bot's own default (a
   * bot of its own: its own recommendation and session-start budget); other tokens get the fake's
   * script and default. Replaces what the token had.
   */
  public synchronized DiscordFake respondTo(String token, Supplier<Response> answer) {
    bots.put(token, new Bot(answer));
    return this;
  }

  public synchronized DiscordFake respondTo(String token, Response answer) {
    return respondTo(token, () -> answer);
  }

  /** Answers this token's next requests with these, in order, then with its default. */
  public synchronized DiscordFake enqueueFor(String token, Response... responses) {
    bots.computeIfAbsent(token, t -> new Bot(fallback)).script.addAll(List.of(responses));
    return this;
  }

  /** The requests that carried {@code Authorization: Bot <token>}. */
  public synchronized List<ReceivedRequest> requestsWith(String token) {
    return received.stream()
        .filter(request -> ("Bot " + token).equals(request.header("Authorization")))
        .toList();
  }

  /** Answers the next request with these responses, in order, then with the default. */
  public synchronized DiscordFake enqueue(Response... responses) {
    script.addAll(List.of(responses));
    return this;
  }

  /** The answer once the script is used up. */
  public synchronized DiscordFake respondByDefault(Response response) {
    this.fallback = () -> response;
    return this;
  }

  /** A default computed per request, e.g. a guild count that grows over time. */
  public synchronized DiscordFake respondByDefault(Supplier<Response> supplier) {
    this.fallback = supplier;
    return this;
  }

  public synchronized List<ReceivedRequest> requests() {
    return List.copyOf(received);
  }

  public synchronized void clearRequests() {
    received.clear();
  }

  /**
   * Holds every answer back, once its request is recorded, until the returned gate is closed (at
   * most a minute): a pass that is stuck talking to Discord for as long as a test needs.
   */
  public AutoCloseable holdAnswers() {
    CountDownLatch latch = new CountDownLatch(1);
    hold = latch;
    return () -> {
      hold = null;
      latch.countDown();
    };
  }

  /** Waits until the fake has received at least {@code count} requests. */
  public synchronized void awaitRequests(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            "the Discord fake received " + received.size() + " requests, not " + count);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Forgets the script and the requests; the default becomes {@code response}. */
  public synchronized void reset(Response response) {
    script.clear();
    received.clear();
    bots.clear();
    fallback = () -> response;
  }

  // ---- responses as Discord documents them ---------------------------------------------------

  public static Response gatewayBot(int shards, int remaining, int maxConcurrency) {
    return gatewayBot(shards, 1000, remaining, 14_400_000L, maxConcurrency);
  }

  public static Response gatewayBot(
      int shards, int total, int remaining, long resetAfterMillis, int maxConcurrency) {
    JsonObject limit = new JsonObject();
    limit.addProperty("total", total);
    limit.addProperty("remaining", remaining);
    limit.addProperty("reset_after", resetAfterMillis);
    limit.addProperty("max_concurrency", maxConcurrency);
    JsonObject body = new JsonObject();
    body.addProperty("url", "wss://gateway.discord.gg");
    body.addProperty("shards", shards);
    body.add("session_start_limit", limit);
    return json(200, body.toString())
        .withHeader("X-RateLimit-Limit", "2")
        .withHeader("X-RateLimit-Remaining", "1")
        .withHeader("X-RateLimit-Reset-After", "5.000")
        .withHeader("X-RateLimit-Bucket", "41f9cd5d28af77da04563bcb1d67fdfd");
  }

  public static Response unauthorized() {
    return json(401, "{\"message\": \"401: Unauthorized\", \"code\": 0}");
  }

  public static Response forbidden() {
    return json(403, "{\"message\": \"Missing Access\", \"code\": 50001}");
  }

  /** A regular 429 with Discord's rate-limit headers. */
  public static Response rateLimited(double retryAfterSeconds) {
    return json(
            429,
            String.format(
                Locale.ROOT,
                "{\"message\": \"You are being rate limited.\", \"retry_after\": %.3f,"
                    + " \"global\": false}",
                retryAfterSeconds))
        .withHeader("Retry-After", String.valueOf((long) Math.ceil(retryAfterSeconds)))
        .withHeader("X-RateLimit-Limit", "2")
        .withHeader("X-RateLimit-Remaining", "0")
        .withHeader("X-RateLimit-Reset-After", String.valueOf(retryAfterSeconds))
        .withHeader("X-RateLimit-Scope", "user")
        .withHeader("X-RateLimit-Global", "false");
  }

  /** Cloudflare's temporary ban: a 429 without any rate-limit header. */
  public static Response cloudflareBan() {
    return json(
        429,
        "{\"code\":0,\"message\":\"You are being blocked from accessing our API temporarily due to"
            + " exceeding our rate limits frequently. Please read our docs at"
            + " https://discord.com/developers/docs/topics/rate-limits to prevent this moving"
            + " forward.\"}");
  }

  public static Response serverError(int status) {
    return new Response(
        status, Map.of("Content-Type", "text/html"), "<html>upstream error</html>", Duration.ZERO);
  }

  public static Response json(int status, String body) {
    return new Response(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
  }

  // ---- server --------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    Response response;
    synchronized (this) {
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      received.add(
          new ReceivedRequest(
              exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers));
      notifyAll();
      boolean known =
          exchange.getRequestMethod().equals("GET")
              && exchange.getRequestURI().getPath().equals(GATEWAY_BOT_PATH);
      String authorization = headers.get("authorization");
      Bot bot =
          authorization != null && authorization.startsWith("Bot ")
              ? bots.get(authorization.substring(4))
              : null;
      if (!known) {
        response = json(404, "{\"message\": \"404: Not Found\", \"code\": 0}");
      } else if (bot != null) {
        response = bot.script.isEmpty() ? bot.fallback.get() : bot.script.poll();
      } else {
        response = script.isEmpty() ? fallback.get() : script.poll();
      }
    }
    try (exchange) {
      CountDownLatch held = hold;
      if (held != null) {
        held.await(1, TimeUnit.MINUTES);
      }
      if (!response.delay().isZero()) {
        Thread.sleep(response.delay().toMillis());
      }
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          if (response.trickle().isZero()) {
            out.write(body);
          } else {
            for (byte b : body) {
              out.write(b);
              out.flush();
              Thread.sleep(response.trickle().toMillis());
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client gave up (a timeout test): nothing to answer
    }
  }

  static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "discord-fake");
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
