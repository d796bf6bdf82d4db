package dev.shardscaler.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** infra/gcp deploys the function on the Java its classes are compiled for. */
class DeployedRuntimeTest {

  @Test
  void theCloudRunFunctionsRuntimeIsTheJavaOfTheClasses() throws Exception {
    byte[] function =
        Files.readAllBytes(Path.of("target/classes/dev/shardscaler/gcp/ScalerFunction.class"));
    // class file major version - 44 = the Java release (69 → 25)
    int javaVersion = (((function[6] & 0xff) << 8) | (function[7] & 0xff)) - 44;

    assertThat(Files.readString(Path.of("../infra/gcp/main.tf")))
        .containsPattern("runtime\\s+= \"java" + javaVersion + "\"");
  }
}
