package dev.shardscaler.aws;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * Logback configured in code, found through {@code META-INF/services}: {@link LambdaLogLayout} on
 * stdout (or on the stream the system property {@value #TARGET_PROPERTY} names: {@link LocalInvoke}
 * keeps stdout for the answer), the AWS SDK at WARN. Reading a {@code logback.xml} instead costs
 * every cold start Joran, the JDK's XML parser and several hundred classes (docs/PERFORMANCE.md). A
 * {@code logback-test.xml} on the classpath (the tests) or {@code -Dlogback.configurationFile}
 * still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String TARGET_PROPERTY = "shardscaler.log.target";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LambdaLogLayout layout = new LambdaLogLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("LAMBDA");
    console.setTarget(System.getProperty(TARGET_PROPERTY, "System.out"));
    console.setEncoder(encoder);
    console.start();
    context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
    context.getLogger("io.kubernetes").setLevel(Level.INFO);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
