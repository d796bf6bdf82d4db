package dev.shardscaler.knative;

import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.PassReport;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.http.HttpTrigger;
import dev.shardscaler.core.http.OverrideAuthority;
import dev.shardscaler.core.http.OverrideToken;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.core.targets.LocalTokens;
import dev.shardscaler.core.targets.Targets;
import dev.shardscaler.core.targets.TargetsFunction;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Functional bean registration (no classpath scanning, no reflection-heavy configuration classes):
 * the targets, the core function as the Spring Cloud Function {@code scale}, and the one servlet
 * that answers every request. The configuration is checked here, at start: every problem is logged
 * and readiness fails until it is fixed.
 */
final class ScalerBeans implements ApplicationContextInitializer<GenericApplicationContext> {
  static final String FUNCTION_NAME = "scale";
  private static final Logger log = LoggerFactory.getLogger(ScalerBeans.class);

  private final Map<String, String> env;

  ScalerBeans(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public void initialize(GenericApplicationContext context) {
    Readiness readiness = new Readiness(checkConfiguration(env));
    context.registerBean(Targets.class, () -> Targets.fromEnv(env));
    context.registerBean(
        FUNCTION_NAME,
        TargetsFunction.class,
        () -> {
          Targets targets = context.getBean(Targets.class);
          return TargetsFunction.create(
              targets,
              new LocalTokens(env),
              KubernetesClients.fromEnvironment(env, targets.kubernetesTimeout()));
        });
    context.registerBean(
        "shardscalerEndpoint",
        ServletRegistrationBean.class,
        () -> {
          HttpTrigger trigger =
              new HttpTrigger(
                  request -> pass(context, readiness, request),
                  OverrideAuthority.bearerOrHeader(OverrideToken.fromEnv(env)));
          ServletRegistrationBean<TriggerEndpoint> registration =
              new ServletRegistrationBean<>(new TriggerEndpoint(trigger, readiness), "/*");
          registration.setName("shardscaler");
          registration.setLoadOnStartup(1);
          return registration;
        });
    context.registerBean(
        "shardscalerTrace", WebServerFactoryCustomizer.class, TraceReachesTheApp::new);
  }

  /** Every configuration problem, each logged on its own line; empty when the scaler can run. */
  static List<String> checkConfiguration(Map<String, String> env) {
    try {
      Targets.fromEnv(env);
      return List.of();
    } catch (ConfigException e) {
      e.problems().forEach(problem -> log.error("configuration problem: {}", problem));
      log.error(
          "the scaler cannot run ({} configuration problems): readiness is DOWN until they are"
              + " fixed",
          e.problems().size());
      return e.problems();
    }
  }

  /** One pass through the Spring Cloud Function catalog, unless the configuration is broken. */
  @SuppressWarnings("unchecked")
  private static PassReport pass(
      GenericApplicationContext context, Readiness readiness, ScaleRequest request) {
    readiness.check();
    try {
      return ((Function<ScaleRequest, PassReport>)
              context.getBean(FunctionCatalog.class).lookup(FUNCTION_NAME))
          .apply(request);
    } catch (RuntimeException e) {
      InvalidRequestException refused = cause(e, InvalidRequestException.class);
      if (refused != null) {
        throw refused; // a target the configuration does not have: the contract's 400
      }
      ConfigException problems = cause(e, ConfigException.class);
      if (problems == null) {
        throw e;
      }
      // e.g. no kubeconfig: found when the first pass builds the cluster client
      problems.problems().forEach(problem -> log.error("configuration problem: {}", problem));
      readiness.fail(problems.problems());
      throw problems;
    }
  }

  /** The exception of this type behind a failure (Spring wraps what a bean supplier throws). */
  private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }

  /**
   * Tomcat answers TRACE itself (405 with its own Allow list) unless the connector lets it through;
   * the app answers it like any other method but POST.
   */
  static final class TraceReachesTheApp
      implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {
    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
      factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
    }
  }
}
