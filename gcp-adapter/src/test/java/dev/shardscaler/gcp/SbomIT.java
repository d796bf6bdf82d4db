package dev.shardscaler.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.shardscaler.testkit.Sbom;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CycloneDX SBOM of the function zip's jar lists what it ships, not what the platform does. */
class SbomIT {
  @Test
  void theSbomListsWhatTheFunctionJarShips() throws Exception {
    assumeFalse(Sbom.offlineBuild(), "offline build (-o): the cyclonedx plugin writes no SBOM");

    Sbom sbom = Sbom.read(Path.of(System.getProperty("sbom.file")));

    assertThat(sbom.component()).isEqualTo("dev.shardscaler:gcp-adapter");
    assertThat(sbom.components())
        .contains(
            "dev.shardscaler:function-core",
            "io.kubernetes:client-java",
            "com.google.auth:google-auth-library-oauth2-http")
        .doesNotContain(
            "com.google.cloud.functions:functions-framework-api",
            "io.kubernetes:client-java-proto",
            "com.google.protobuf:protobuf-java",
            "org.junit.jupiter:junit-jupiter-api");
  }
}
