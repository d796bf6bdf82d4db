package dev.shardscaler.knative;

import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.http.HttpTrigger;
import dev.shardscaler.core.http.OverrideToken;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import java.util.Map;
import java.util.function.Function;
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

  /** The core function as the Spring Cloud Function catalog serves it. */
  @SuppressWarnings("unchecked")
  private static Function<ScaleRequest, ScaleResult> catalogFunction(
      GenericApplicationContext context) {
    return request ->
        ((Function<ScaleRequest, ScaleResult>)
                context.getBean(FunctionCatalog.class).lookup(FUNCTION_NAME))
            .apply(request);
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
    context.registerBean(
        TriggerEndpoint.class,
        () ->
            new TriggerEndpoint(
                new HttpTrigger(catalogFunction(context), OverrideToken.fromEnv(env))));
    context.registerBean(
        "shardscalerRoutes",
        RouterFunction.class,
        () -> TriggerEndpoint.routes(context.getBean(TriggerEndpoint.class)));
  }
}
