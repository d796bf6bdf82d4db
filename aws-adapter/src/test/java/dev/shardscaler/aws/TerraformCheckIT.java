package dev.shardscaler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra/aws/check.sh}: terraform init (from the offline provider mirror), validate and fmt
 * -check of the module that deploys this jar. The script itself reports "skipped" (exit 0) only
 * where the mirror is absent; where it exists, the check must have run and passed.
 */
class TerraformCheckIT {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  @TempDir Path tmp;

  @Test
  void infraAwsPassesInitValidateAndFmt() throws Exception {
    Path script = REPO.resolve("infra/aws/check.sh");
    Path output = tmp.resolve("check.log");
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("TMPDIR", tmp.toString());

    Process process = builder.start();
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("check.sh finished").isTrue();
    String log = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println(log);

    assertThat(process.exitValue()).as(log).isZero();
    String mirror = System.getenv().getOrDefault("TF_PLUGIN_MIRROR", "/opt/tf-plugins");
    if (Files.isDirectory(Path.of(mirror))) {
      assertThat(log).contains("ok: infra/aws passed init, validate and fmt");
    } else {
      assertThat(log).contains("skipped: no provider mirror at " + mirror);
    }
  }

  @Test
  void theModuleDeploysWhatThisModuleBuilds() throws Exception {
    String variables = Files.readString(REPO.resolve("infra/aws/variables.tf"));
    String main = Files.readString(REPO.resolve("infra/aws/main.tf"));

    assertThat(variables)
        .contains("default     = \"dev.shardscaler.aws.ScalerHandler::handleRequest\"")
        .contains("default     = \"../../aws-adapter/target/aws-adapter-lambda.jar\"");
    assertThat(main)
        .contains("EKS_CLUSTER_NAME     = data.aws_eks_cluster.this.name")
        .contains("EKS_CLUSTER_ENDPOINT = data.aws_eks_cluster.this.endpoint")
        .contains("EKS_CLUSTER_CA       = data.aws_eks_cluster.this.certificate_authority[0].data")
        .containsPattern("BOT_TOKEN_SECRET_ID +=")
        .containsPattern("SCALER_TARGETS += local.targets_document")
        .contains("actions   = [\"secretsmanager:GetSecretValue\"]")
        .contains("actions   = [\"eks:DescribeCluster\"]")
        .contains("runtime          = var.lambda_runtime");
    // the runtime is the Java the classes are compiled for (class file major version - 44)
    byte[] handler =
        Files.readAllBytes(Path.of("target/classes/dev/shardscaler/aws/ScalerHandler.class"));
    int javaVersion = (((handler[6] & 0xff) << 8) | (handler[7] & 0xff)) - 44;
    assertThat(variables)
        .containsPattern(
            "variable \"lambda_runtime\" \\{[^}]*default = \"java" + javaVersion + "\"");
  }
}
