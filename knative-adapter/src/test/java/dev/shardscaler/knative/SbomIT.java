package dev.shardscaler.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.shardscaler.testkit.Sbom;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CycloneDX SBOM of the app jar (and the image's application layers) lists what it ships. */
class SbomIT {
  @Test
  void theSbomListsTheRuntimeDependenciesAndNoTestOnes() throws Exception {
    assumeFalse(Sbom.offlineBuild(), "offline build (-o): the cyclonedx plugin writes no SBOM");

    Sbom sbom = Sbom.read(Path.of(System.getProperty("sbom.file")));

    assertThat(sbom.component()).isEqualTo("dev.shardscaler:knative-adapter");
    assertThat(sbom.components())
        .contains(
            "dev.shardscaler:function-core",
            "io.kubernetes:client-java",
            "org.springframework.boot:spring-boot",
            "org.springframework.cloud:spring-cloud-function-context")
        .doesNotContain(
            "dev.shardscaler:testkit",
            "org.junit.jupiter:junit-jupiter-api",
            "io.fabric8:kubernetes-server-mock",
            "org.wiremock:wiremock-standalone");
  }
}
