package dev.shardscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassTraceTest {
  static final List<String> LOG =
      List.of(
          "[0.010s] java.lang.Object source: shared objects file",
          "[0.020s] java.net.URI source: jrt:/java.base",
          "[0.050s] dev.shardscaler.knative.ShardscalerApplication source:"
              + " jar:file:/x/shardscaler.jar!/BOOT-INF/classes/",
          "[0.051s] dev.shardscaler.knative.ShardscalerApplication$$Lambda$14/0x0000000800c0b000"
              + " source: dev.shardscaler.knative.ShardscalerApplication",
          "[0.052s] java.lang.invoke.LambdaForm$MH/0x0000000800c0c000 source:"
              + " __JVM_LambdaForm__",
          "[0.300s] okhttp3.OkHttpClient source: jar:file:/x/okhttp-jvm-5.4.0.jar!/",
          "[0.310s] kotlin.jvm.internal.Intrinsics source: jar:file:/x/kotlin-stdlib.jar!/",
          "[0.400s] io.kubernetes.client.openapi.models.V1StatefulSet source: file:/x/c.jar",
          "[0.401s] io.kubernetes.client.openapi.models.V1ObjectMeta source: file:/x/c.jar",
          "[0.900s] dev.shardscaler.core.ScaleResult source: file:/x/core.jar",
          "not a class line");

  @Test
  void countsClassesBySource() {
    ClassTrace trace = ClassTrace.parse(LOG);

    assertThat(trace.archived()).isEqualTo(1);
    assertThat(trace.jdk()).isEqualTo(1);
    assertThat(trace.generated()).isEqualTo(2);
    assertThat(trace.application()).isEqualTo(6);
    assertThat(trace.total()).isEqualTo(10);
    assertThat(trace.lastMs()).isEqualTo(900.0);
  }

  @Test
  void recordsWhenEachLibraryFirstLoaded() {
    ClassTrace trace = ClassTrace.parse(LOG);

    assertThat(trace.firstSeenMs())
        .containsEntry("shardscaler", 50.0)
        .containsEntry("OkHttp", 300.0)
        .containsEntry("Kotlin", 310.0)
        .containsEntry("client-java", 400.0)
        .containsEntry("k8s models", 400.0)
        .containsEntry("ScaleResult", 900.0)
        .doesNotContainKey("Spring");
  }

  @Test
  void ranksApplicationPackages() {
    ClassTrace trace = ClassTrace.parse(LOG);

    assertThat(trace.topPackages().get(0))
        .isEqualTo(Map.entry("io.kubernetes.client.openapi.models", 2));
  }
}
