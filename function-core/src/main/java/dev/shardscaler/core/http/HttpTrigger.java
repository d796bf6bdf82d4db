package dev.shardscaler.core.http;

import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.PassReport;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.Statuses;
import dev.shardscaler.core.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP contract every entry point shares (docs/HTTP.md), checked in this order: the path
 * ({@code /} or {@code /scale}, else 404), the method ({@code POST}, else 405 with {@code Allow:
 * POST}), no query string (400), at most 16 KiB (413), the content type and charset (415), UTF-8
 * and strict JSON or CloudEvents (400 saying where), the fields (400 naming each), who may send
 * overrides (401/403), one pass at a time (503 with {@code Retry-After} after a short wait), a
 * configured target when the request names one (400), then the pass's result with the status of
 * {@link PassReport#httpStatus} ({@link Statuses#httpStatus} for one target).
 *
 * <p>{@link #handle} never throws: a configuration the pass cannot run with is 500 naming every
 * problem, and a bug anywhere is 500 in the same shape, logged without any message that could quote
 * the caller.
 */
public final class HttpTrigger {
  public static final int MAX_BODY_BYTES = 16 * 1024;
  public static final Set<String> PATHS = Set.of("/", "/scale");

  /** How long a request waits for a pass in progress before it is told to come back. */
  public static final Duration BUSY_WAIT = Duration.ofSeconds(5);

  /** What {@code Retry-After} tells a caller refused because a pass was running. */
  public static final int RETRY_AFTER_SECONDS = 10;

  private static final Logger log = LoggerFactory.getLogger(HttpTrigger.class);

  private final Function<ScaleRequest, ? extends PassReport> function;
  private final OverrideAuthority authority;
  private final Duration busyWait;
  private final ReentrantLock onePassAtATime = new ReentrantLock();

  public HttpTrigger(
      Function<ScaleRequest, ? extends PassReport> function, OverrideAuthority authority) {
    this(function, authority, BUSY_WAIT);
  }

  public HttpTrigger(
      Function<ScaleRequest, ? extends PassReport> function,
      OverrideAuthority authority,
      Duration busyWait) {
    this.function = function;
    this.authority = authority;
    this.busyWait = busyWait;
  }

  /** Answers one request; never throws. */
  public HttpAnswer handle(HttpCall call) {
    try {
      return answer(call);
    } catch (RuntimeException | StackOverflowError e) {
      log.error(
          "{} {} failed unexpectedly: {}",
          CallerText.safe(call.method(), 16),
          CallerText.quote(call.path()),
          Failures.describe(e));
      return HttpAnswer.error(
          500,
          List.of(
              "the scaler failed unexpectedly ("
                  + e.getClass().getSimpleName()
                  + "); its log has the details"));
    }
  }

  private HttpAnswer answer(HttpCall call) {
    if (!PATHS.contains(call.path())) {
      return refused(
          call,
          HttpAnswer.error(
              404,
              List.of("no such path " + CallerText.quote(call.path()) + ": POST to / or /scale")));
    }
    if (!"POST".equals(call.method())) {
      return refused(
          call,
          HttpAnswer.error(
              405,
              List.of(CallerText.safe(call.method(), 16) + " is not allowed here: use POST"),
              Map.of("Allow", "POST")));
    }
    if (call.query() != null && !call.query().isEmpty()) {
      return refused(
          call,
          HttpAnswer.error(
              400,
              List.of(
                  "query parameters are not read ("
                      + CallerText.quote(call.query())
                      + "): send the request as a JSON body, e.g. {\"dryRun\": true}")));
    }
    if (call.body().length > MAX_BODY_BYTES) {
      return refused(
          call,
          HttpAnswer.error(
              413,
              List.of(
                  "body is larger than "
                      + MAX_BODY_BYTES
                      + " bytes: a scale request is a small JSON object")));
    }
    Trigger trigger;
    try {
      trigger = Trigger.read(call.headers(), call.body());
    } catch (InvalidRequestException e) {
      return refused(call, HttpAnswer.error(400, e.problems()));
    } catch (Refusal e) {
      return refused(call, e.answer());
    }
    ScaleRequest request = trigger.request();
    if (request.overrides()) {
      HttpAnswer refusal = authority.refusal(call);
      if (refusal != null) {
        return refused(call, refusal);
      }
    }
    log.info(
        "trigger {}{} reason={} overrides={}",
        trigger.kind(),
        trigger.eventType() == null
            ? ""
            : " type="
                + CallerText.quote(trigger.eventType())
                + " id="
                + CallerText.quote(trigger.eventId()),
        CallerText.quote(request.reason()),
        request.overrides());
    return pass(call, request);
  }

  private HttpAnswer pass(HttpCall call, ScaleRequest request) {
    if (!acquire()) {
      return refused(
          call,
          HttpAnswer.error(
              503,
              List.of("another pass is running: try again in " + RETRY_AFTER_SECONDS + " seconds"),
              Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))));
    }
    PassReport result;
    try {
      result = function.apply(request);
    } catch (ConfigException e) {
      log.error("cannot run: {}", e.getMessage());
      return HttpAnswer.error(500, e.problems());
    } catch (InvalidRequestException e) {
      // a target the configuration does not have: found before anything was contacted
      return refused(call, HttpAnswer.error(400, e.problems()));
    } finally {
      onePassAtATime.unlock();
    }
    return new HttpAnswer(result.httpStatus(), Map.of(), result.toJson());
  }

  /** Waits at most {@link #busyWait} for a pass in progress to end. */
  private boolean acquire() {
    try {
      return onePassAtATime.tryLock(busyWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static HttpAnswer refused(HttpCall call, HttpAnswer answer) {
    log.info(
        "refused {} {}: {} {}",
        CallerText.safe(call.method(), 16),
        CallerText.quote(call.path()),
        answer.status(),
        CallerText.unsafeEscaped(answer.body(), 600));
    return answer;
  }
}
