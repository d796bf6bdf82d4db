package dev.shardscaler.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.PassReport;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.http.CallerText;
import dev.shardscaler.core.http.HttpAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The Lambda entry point, {@code dev.shardscaler.aws.ScalerHandler::handleRequest}.
 *
 * <p>EventBridge Scheduler input, an EventBridge rule's ScheduledEvent and a direct invoke run one
 * pass and return the result JSON; a FAILED pass (any target's) throws {@link PassFailedException}
 * (a Lambda error), an unusable event throws {@link InvalidRequestException} naming the field, a
 * bad configuration throws {@link ConfigException} listing every key. A function URL call always
 * gets an HTTP response (see {@link FunctionUrlEndpoint}).
 *
 * <p>The constructor only stores what it is given: no AWS call, no credentials, no token, so that a
 * SnapStart snapshot holds nothing that goes stale.
 */
public final class ScalerHandler implements RequestStreamHandler {
  private static final Logger log = LoggerFactory.getLogger(ScalerHandler.class);

  private final Scaler scaler;
  private final FunctionUrlEndpoint functionUrl;

  /** What Lambda calls: the process environment, the default AWS credential chain. */
  public ScalerHandler() {
    this(System.getenv(), lazyDefaultCredentials(), Clock.systemUTC());
  }

  /** For tests and local runs: an explicit environment, credentials and clock. */
  ScalerHandler(Map<String, String> env, AwsCredentialsProvider credentials, Clock clock) {
    this.scaler = new Scaler(env, credentials, clock);
    SnapStartPriming.register(env, scaler, clock);
    this.functionUrl = new FunctionUrlEndpoint(scaler::apply);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    if (context != null) {
      MDC.put("requestId", context.getAwsRequestId());
    }
    try {
      Invocation invocation;
      try {
        invocation = Invocation.read(input.readAllBytes());
      } catch (InvalidRequestException e) {
        log.warn("unusable event: {}", e.getMessage());
        throw e;
      }
      String answer =
          invocation instanceof Invocation.Http http
              ? functionUrl(http)
              : pass((Invocation.Pass) invocation);
      output.write(answer.getBytes(StandardCharsets.UTF_8));
      output.flush();
    } finally {
      MDC.remove("requestId");
    }
  }

  /** A function URL caller always gets an HTTP answer, whatever fails on the way. */
  private String functionUrl(Invocation.Http http) {
    try {
      return functionUrl.handle(http.request()).toJson();
    } catch (RuntimeException e) {
      log.error("the function URL call failed unexpectedly: {}", e.getClass().getName());
      return HttpApiResponse.of(
              HttpAnswer.error(
                  500,
                  List.of(
                      "the scaler failed unexpectedly ("
                          + e.getClass().getSimpleName()
                          + "); its log has the details")))
          .toJson();
    }
  }

  private String pass(Invocation.Pass pass) {
    log.info(
        "trigger {} reason={} overrides={}",
        pass.trigger(),
        CallerText.quote(pass.request().reason()),
        pass.request().overrides());
    PassReport result;
    try {
      result = scaler.apply(pass.request());
    } catch (ConfigException | AwsSetupException e) {
      log.error("cannot start: {}", e.getMessage());
      throw e;
    } catch (InvalidRequestException e) {
      log.warn("unusable request: {}", e.getMessage());
      throw e;
    }
    if (result.failed()) {
      String json = scaler.scrub(result.toJson());
      log.warn("result {}", json);
      throw new PassFailedException(result.reason(), scaler.scrub(result.summary()));
    }
    return result.toJson();
  }

  /** The default chain, built on first use: nothing is resolved while SnapStart snapshots. */
  private static AwsCredentialsProvider lazyDefaultCredentials() {
    return new AwsCredentialsProvider() {
      private AwsCredentialsProvider chain;

      @Override
      public synchronized software.amazon.awssdk.auth.credentials.AwsCredentials
          resolveCredentials() {
        if (chain == null) {
          chain = DefaultCredentialsProvider.builder().build();
        }
        return chain.resolveCredentials();
      }

      @Override
      public String toString() {
        return "DefaultCredentialsProvider(lazy)";
      }
    };
  }
}
