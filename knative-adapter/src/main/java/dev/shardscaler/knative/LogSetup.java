package dev.shardscaler.knative;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Logback configured in code, found through {@code META-INF/services}: {@link JsonLogLayout} on
 * stderr, Spring and Tomcat at WARN, {@code java.util.logging} (Tomcat) bridged in. Reading a
 * {@code logback.xml} instead costs every cold start Joran, the JDK's XML parser and several
 * hundred classes (docs/PERFORMANCE.md). A {@code logback-test.xml} on the classpath (the tests) or
 * {@code -Dlogback.configurationFile} still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    JsonLogLayout layout = new JsonLogLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    // stderr: in the one-shot mode stdout carries the result alone
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("JSON");
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    // Tomcat logs through java.util.logging: into logback as well (Spring Boot's logging system,
    // which would do that, is off), with JUL's levels following logback's, so that JUL drops
    // what logback would drop before formatting it.
    LevelChangePropagator julLevels = new LevelChangePropagator();
    julLevels.setContext(context);
    julLevels.setResetJUL(true);
    julLevels.start();
    context.addListener(julLevels);
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    context.getLogger("org.springframework").setLevel(Level.WARN);
    context.getLogger("org.apache").setLevel(Level.WARN);
    // OkHttp brings the Kotlin stdlib; Spring Cloud Function warns about it needlessly
    context
        .getLogger(
            "org.springframework.cloud.function.context.config"
                + ".ContextFunctionCatalogAutoConfiguration")
        .setLevel(Level.ERROR);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
