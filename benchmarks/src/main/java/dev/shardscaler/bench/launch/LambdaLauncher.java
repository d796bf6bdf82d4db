package dev.shardscaler.bench.launch;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crac.Resource;

/**
 * Stands in for the Lambda runtime: on a classpath of this class plus the shaded Lambda jar, it
 * loads the handler, calls {@code handleRequest} once with an EventBridge Scheduler event (the
 * target input {@code {}}) and prints what the handler wrote as one line. The handler's class is
 * named at run time, so the harness compiles before the aws-adapter exists.
 */
public final class LambdaLauncher {
  public static final String HANDLER = "dev.shardscaler.aws.ScalerHandler";

  /**
   * First argument: stand in for a SnapStart restore. After the handler's construction (Lambda's
   * init), run its CRaC hooks as the runtime would around the snapshot (the handler's {@code
   * beforeCheckpoint}, then {@code afterRestore}), print {@value #RESTORED}, then invoke. The
   * harness takes the time from that line to the result as the invocation after a restore; the
   * restore itself (Lambda maps the snapshot in) is not modelled.
   */
  public static final String SNAPSTART = "--snapstart";

  public static final String RESTORED = "{\"restored\":true}";

  static final String PRIMING = "dev.shardscaler.aws.SnapStartPriming";

  private LambdaLauncher() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean snapStart = rest.remove(SNAPSTART);
    String handlerClass = !rest.isEmpty() ? rest.get(0) : HANDLER;
    String event = rest.size() > 1 ? rest.get(1) : "{}";
    RequestStreamHandler handler =
        (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
    if (snapStart) {
      // the hooks the handler registered for its environment (System.getenv(), this very map)
      Method registered = Class.forName(PRIMING).getDeclaredMethod("registeredWith", Map.class);
      registered.setAccessible(true);
      Resource hooks = (Resource) registered.invoke(null, System.getenv());
      hooks.beforeCheckpoint(null);
      hooks.afterRestore(null);
      System.out.println(RESTORED);
      System.out.flush();
    }
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
