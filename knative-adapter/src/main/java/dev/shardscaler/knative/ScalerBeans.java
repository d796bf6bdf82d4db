package dev.shardscaler.knative;

import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import java.util.Map;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.servlet.function.RouterFunction;

/**
 * Functional bean registration (no classpath scanning, no reflection-heavy configuration classes):
 * the settings, the core function as the Spring Cloud Function {@code scale}, and the HTTP routes.
 */
final class ScalerBeans implements ApplicationContextInitializer<GenericApplicationContext> {
  static final String FUNCTION_NAME = "scale";

  private final Map<String, String> env;

  ScalerBeans(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public void initialize(GenericApplicationContext context) {
    context.registerBean(Settings.class, () -> Settings.fromEnv(env));
    context.registerBean(
        FUNCTION_NAME,
        ScaleFunction.class,
        () -> {
          Settings settings = context.getBean(Settings.class);
          return ScaleFunction.create(
              settings, KubernetesClients.fromEnvironment(env, settings.kubernetesTimeout()));
        });
    context.registerBean(HttpTokenCheck.class, () -> HttpTokenCheck.fromEnv(env));
    context.registerBean(
        TriggerEndpoint.class,
        () ->
            new TriggerEndpoint(
                context.getBean(FunctionCatalog.class), context.getBean(HttpTokenCheck.class)));
    context.registerBean(
        "shardscalerRoutes",
        RouterFunction.class,
        () -> TriggerEndpoint.routes(context.getBean(TriggerEndpoint.class)));
  }
}
