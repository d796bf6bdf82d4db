package dev.shardscaler.aws;

import dev.shardscaler.core.PassReport;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.http.HttpAnswer;
import dev.shardscaler.core.http.HttpCall;
import dev.shardscaler.core.http.HttpTrigger;
import dev.shardscaler.core.http.OverrideAuthority;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function URL call: the HTTP contract every entry point shares ({@link HttpTrigger}), fed from
 * the API Gateway payload v2.0 and answered in its response shape, never with a Lambda error.
 *
 * <p>IAM is the authority for overrides on AWS, as for a direct invoke: a function URL with auth
 * type {@code AWS_IAM} has authenticated the caller (and IAM allowed it to invoke the function), so
 * its overrides are accepted; an auth type {@code NONE} URL authenticates no one, so overrides are
 * refused (403). There is no shared token here.
 */
final class FunctionUrlEndpoint {
  private static final Logger log = LoggerFactory.getLogger(FunctionUrlEndpoint.class);

  private final HttpTrigger trigger;

  FunctionUrlEndpoint(Function<ScaleRequest, ? extends PassReport> scaler) {
    this.trigger = new HttpTrigger(request -> run(scaler, request), OverrideAuthority.iam());
  }

  /** Reports the AWS setup failures (secret, cluster, credentials) as the configuration's. */
  private static PassReport run(
      Function<ScaleRequest, ? extends PassReport> scaler, ScaleRequest request) {
    try {
      return scaler.apply(request);
    } catch (AwsSetupException e) {
      throw new ConfigException(List.of(e.getMessage()));
    }
  }

  HttpApiResponse handle(HttpApiRequest http) {
    log.info(
        "function-url request={} sourceIp={} caller={}",
        http.requestId(),
        http.sourceIp(),
        http.iamCaller() == null ? "(not authenticated: auth type NONE)" : http.iamCaller());
    if (http.bodyProblem() != null) {
      return HttpApiResponse.of(HttpAnswer.error(400, List.of(http.bodyProblem())));
    }
    return HttpApiResponse.of(
        trigger.handle(
            new HttpCall(
                http.method(),
                http.path(),
                http.query(),
                http::header,
                http.body(),
                http.iamCaller())));
  }
}
