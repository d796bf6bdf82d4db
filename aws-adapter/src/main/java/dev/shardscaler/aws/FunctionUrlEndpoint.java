package dev.shardscaler.aws;

import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.http.HttpTrigger;
import dev.shardscaler.core.http.OverrideToken;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /} (and {@code POST /scale}) through a function URL: the HTTP contract every adapter
 * shares ({@link HttpTrigger}: 400 naming the field, the override token with 401/403, 405, the
 * status of the result), plus what only Lambda needs: the v2.0 payload in and out, 404 for other
 * paths, and a 500 naming the keys when the function cannot start.
 *
 * <p>With {@code AWS_IAM} auth, {@code Authorization} carries the caller's SigV4 signature: send
 * the override token as {@code X-Shardscaler-Token}.
 */
final class FunctionUrlEndpoint {
  private static final Set<String> PATHS = Set.of("/", "/scale");
  private static final Logger log = LoggerFactory.getLogger(FunctionUrlEndpoint.class);

  private final HttpTrigger trigger;

  FunctionUrlEndpoint(OverrideToken token, Function<ScaleRequest, ScaleResult> scaler) {
    this.trigger = new HttpTrigger(scaler, token);
  }

  HttpApiResponse handle(HttpApiRequest http) {
    if (!PATHS.contains(http.path())) {
      return HttpApiResponse.of(
          HttpTrigger.error(
              404,
              "Not Found",
              List.of("no such path \"" + http.path() + "\": use POST /"),
              Map.of()));
    }
    if (http.bodyProblem() != null && http.method().equals("POST")) {
      return HttpApiResponse.of(
          HttpTrigger.error(400, "Bad Request", List.of(http.bodyProblem()), Map.of()));
    }
    log.info("function-url request={} sourceIp={}", http.requestId(), http.sourceIp());
    try {
      return HttpApiResponse.of(
          trigger.handle(
              http.method(), http::header, http.body() == null ? new byte[0] : http.body()));
    } catch (ConfigException e) {
      log.error("cannot start: {}", e.getMessage());
      return HttpApiResponse.of(
          HttpTrigger.error(500, "Internal Server Error", e.problems(), Map.of()));
    } catch (AwsSetupException e) {
      log.error("cannot start: {}", e.getMessage());
      return HttpApiResponse.of(
          HttpTrigger.error(500, "Internal Server Error", List.of(e.getMessage()), Map.of()));
    }
  }
}
