package dev.shardscaler.knative;

import dev.shardscaler.core.http.HttpAnswer;
import dev.shardscaler.core.http.HttpTrigger;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code /} and {@code /scale}: a PingSource tick, a structured CloudEvent, or an ad-hoc JSON call,
 * handed to the shared {@link HttpTrigger} (every method, so that it answers 405 itself).
 */
final class TriggerEndpoint {
  private final HttpTrigger trigger;

  TriggerEndpoint(HttpTrigger trigger) {
    this.trigger = trigger;
  }

  static RouterFunction<ServerResponse> routes(TriggerEndpoint endpoint) {
    return RouterFunctions.route()
        .route(RequestPredicates.path("/").or(RequestPredicates.path("/scale")), endpoint::handle)
        // Knative's probes, at the Actuator's paths (the manifests use them): answering at all is
        // the health of this app; every pass reports its own failures.
        .GET("/actuator/health", TriggerEndpoint::up)
        .GET("/actuator/health/liveness", TriggerEndpoint::up)
        .GET("/actuator/health/readiness", TriggerEndpoint::up)
        .build();
  }

  private static ServerResponse up(ServerRequest request) {
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body("{\"status\":\"UP\"}");
  }

  ServerResponse handle(ServerRequest http) throws IOException {
    long declared = http.headers().contentLength().orElse(-1);
    byte[] body =
        declared > HttpTrigger.MAX_BODY_BYTES
            ? new byte[HttpTrigger.MAX_BODY_BYTES + 1]
            : http.servletRequest().getInputStream().readNBytes(HttpTrigger.MAX_BODY_BYTES + 1);
    HttpAnswer answer =
        trigger.handle(http.method().name(), name -> http.headers().firstHeader(name), body);
    ServerResponse.BodyBuilder response =
        ServerResponse.status(answer.status()).contentType(MediaType.APPLICATION_JSON);
    answer.headers().forEach(response::header);
    return response.body(answer.body());
  }
}
