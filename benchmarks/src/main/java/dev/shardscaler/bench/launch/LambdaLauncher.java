package dev.shardscaler.bench.launch;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Stands in for the Lambda runtime: on a classpath of this class plus the shaded Lambda jar, it
 * loads the handler, calls {@code handleRequest} once with an EventBridge Scheduler event (the
 * target input {@code {}}) and prints what the handler wrote as one line. The handler's class is
 * named at run time, so the harness compiles before the aws-adapter exists.
 */
public final class LambdaLauncher {
  public static final String HANDLER = "dev.shardscaler.aws.ScalerHandler";

  private LambdaLauncher() {}

  public static void main(String[] args) throws Exception {
    String handlerClass = args.length > 0 ? args[0] : HANDLER;
    String event = args.length > 1 ? args[1] : "{}";
    RequestStreamHandler handler =
        (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new BenchContext());
    System.out.println(out.toString(StandardCharsets.UTF_8).strip());
    System.out.flush();
    System.exit(0);
  }

  /** What the runtime hands the handler; values as a 256 MB function with 60 s left. */
  static final class BenchContext implements Context {
    private final String requestId = UUID.randomUUID().toString();
    private final long deadline = System.currentTimeMillis() + 60_000;

    @Override
    public String getAwsRequestId() {
      return requestId;
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/shardscaler-bench";
    }

    @Override
    public String getLogStreamName() {
      return "bench";
    }

    @Override
    public String getFunctionName() {
      return "shardscaler-bench";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:000000000000:function:shardscaler-bench";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
      return 256;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.err.println(message);
        }

        @Override
        public void log(byte[] message) {
          System.err.println(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}
