package dev.shardscaler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.shardscaler.testkit.Sbom;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CycloneDX SBOM of the Lambda jar lists what the shaded jar holds, exclusions included. */
class SbomIT {
  @Test
  void theSbomListsWhatTheLambdaJarShips() throws Exception {
    assumeFalse(Sbom.offlineBuild(), "offline build (-o): the cyclonedx plugin writes no SBOM");

    Sbom sbom = Sbom.read(Path.of(System.getProperty("sbom.file")));

    assertThat(sbom.component()).isEqualTo("dev.shardscaler:aws-adapter");
    assertThat(sbom.components())
        .contains(
            "dev.shardscaler:function-core",
            "io.kubernetes:client-java",
            "software.amazon.awssdk:secretsmanager",
            "software.amazon.awssdk:url-connection-client",
            "com.amazonaws:aws-lambda-java-core")
        .doesNotContain(
            "io.kubernetes:client-java-proto",
            "com.google.protobuf:protobuf-java",
            "software.amazon.awssdk:netty-nio-client",
            "software.amazon.awssdk:apache-client",
            "org.testcontainers:testcontainers",
            "org.junit.jupiter:junit-jupiter-api");
  }
}
