package dev.shardscaler.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the Lambda handler once, outside Lambda, as the runtime would: {@code java -jar
 * aws-adapter-lambda.jar [event.json]} (the event from the file, or from stdin), with the process
 * environment and the default AWS credential chain. The answer goes to stdout; exit status 1 when
 * the handler threw (a Lambda error), with the error and the logs on stderr.
 */
public final class LocalInvoke {
  private LocalInvoke() {}

  public static void main(String[] args) throws IOException {
    // before the first logger exists: logs to stderr, the answer alone on stdout
    System.setProperty(LogSetup.TARGET_PROPERTY, "System.err");
    byte[] event;
    if (args.length > 0) {
      event = Files.readAllBytes(Path.of(args[0]));
    } else {
      try (InputStream in = System.in) {
        event = in.readAllBytes();
      }
    }
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    int status = 0;
    try {
      new ScalerHandler().handleRequest(new ByteArrayInputStream(event), answer, null);
    } catch (RuntimeException e) {
      System.err.println("shardscaler: " + e.getClass().getName() + ": " + e.getMessage());
      status = 1;
    }
    if (answer.size() > 0) {
      System.out.println(answer.toString(StandardCharsets.UTF_8));
    }
    System.out.flush();
    System.exit(status);
  }
}
