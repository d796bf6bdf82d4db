package dev.shardscaler.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.targets.Targets;
import dev.shardscaler.core.targets.TokenSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real {@code terraform plan} of infra/aws, offline: the provider from the mirror at
 * /opt/tf-plugins, every AWS API the plan reads (STS, EKS) served by moto_server, the bot token in
 * a moto Secrets Manager secret. No secret reaches the plan: not the bot token (the module only
 * names its ARN), not the values of extra_environment (sensitive); and the variables refuse a
 * secret-looking key and a missing shard cap before anything is planned.
 */
class TerraformPlanIT {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final String MIRROR = System.getenv().getOrDefault("TF_PLUGIN_MIRROR", "/opt/tf-plugins");
  static final String BOT_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.sentinel.bot-token-never-in-a-plan";
  static final String EXTRA_VALUE = "https://discord-proxy.internal.example/api/v10";

  static AwsBackend moto;
  static String secretArn;

  @TempDir static Path work;

  @BeforeAll
  static void startMotoWithAClusterAndTheToken() {
    moto = AwsBackend.forEks();
    AwsClients clients =
        new AwsClients(
            "us-east-1",
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
            moto.endpoint());
    clients
        .eks()
        .createCluster(
            request ->
                request
                    .name("prod")
                    .roleArn("arn:aws:iam::123456789012:role/eks-cluster")
                    .resourcesVpcConfig(vpc -> vpc.subnetIds("subnet-0123456789abcdef0")));
    secretArn =
        clients
            .secretsManager()
            .createSecret(request -> request.name("discord-bot-token").secretString(BOT_TOKEN))
            .arn();
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void thePlanCarriesNoSecretAndTheSafeDefaults() throws Exception {
    Path module = module("plan");
    Files.writeString(
        module.resolve("test.auto.tfvars"),
        tfvars() + "extra_environment = { DISCORD_API_BASE_URL = \"" + EXTRA_VALUE + "\" }\n");

    terraform(module, "init", "-backend=false", "-input=false", "-no-color");
    terraform(module, "plan", "-input=false", "-no-color", "-out=plan.bin");
    String text = terraform(module, "show", "-no-color", "plan.bin");
    String json = terraform(module, "show", "-json", "plan.bin");

    assertThat(text).doesNotContain(BOT_TOKEN).doesNotContain(EXTRA_VALUE).contains(secretArn);
    assertThat(json).doesNotContain(BOT_TOKEN);
    JsonObject plan = JsonParser.parseString(json).getAsJsonObject();

    JsonObject function = after(plan, "aws_lambda_function.this");
    assertThat(function.get("reserved_concurrent_executions").getAsInt()).isEqualTo(1);
    Map<String, String> env = environment(function);
    assertThat(env.keySet())
        .containsExactlyInAnyOrder(
            "K8S_NAMESPACE",
            "K8S_STATEFULSET",
            "K8S_CONTAINER",
            "K8S_SHARDS_PER_BOT",
            "K8S_SCALEUP",
            "K8S_SCALEDOWN",
            "SCALER_MAX_SHARDS",
            "SCALER_SHARDS_ENV",
            "SCALER_SHARDS_PER_BOT_ENV",
            "SCALER_STRATEGY",
            "EKS_CLUSTER_NAME",
            "EKS_CLUSTER_ENDPOINT",
            "EKS_CLUSTER_CA",
            "BOT_TOKEN_SECRET_ID",
            "DISCORD_API_BASE_URL");
    assertThat(env)
        .containsEntry("SCALER_MAX_SHARDS", "64")
        .containsEntry("SCALER_STRATEGY", "rolling")
        .containsEntry("BOT_TOKEN_SECRET_ID", secretArn);

    // The endpoint is in the environment, so the role may not describe the cluster.
    String rolePolicy = planned(plan, "data.aws_iam_policy_document.lambda").toString();
    assertThat(rolePolicy)
        .doesNotContain("eks:DescribeCluster")
        .contains("secretsmanager:GetSecretValue", "sqs:SendMessage");

    // Only this account's schedule of this name may assume the scheduler role.
    String trust = after(plan, "aws_iam_role.scheduler").get("assume_role_policy").getAsString();
    assertThat(trust)
        .contains("aws:SourceAccount", "123456789012")
        .contains(
            "aws:SourceArn",
            "arn:aws:scheduler:us-east-1:123456789012:schedule/shardscaler/shardscaler");

    JsonObject invokeConfig = after(plan, "aws_lambda_function_event_invoke_config.live");
    assertThat(invokeConfig.toString()).contains("on_failure");
    assertThat(
            resources(plan).stream()
                .filter(r -> r.get("type").getAsString().equals("aws_cloudwatch_metric_alarm"))
                .map(r -> r.getAsJsonObject("values").get("metric_name").getAsString())
                .toList())
        .containsExactlyInAnyOrder(
            "Errors", "AsyncEventsDropped", "TargetErrorCount", "InvocationDroppedCount");

    String manifest = rbacManifest(plan);
    assertThat(manifest)
        .contains("kind: ValidatingAdmissionPolicy", "kind: ValidatingAdmissionPolicyBinding")
        .contains("groups: \"shardscaler\"", "maxShards: \"64\"")
        .doesNotContain(
            "\n  bluegreen: \"true\"",
            "[\"bot-b\"]",
            "[\"bot-switch\"]",
            "name: shardscaler.dev-siblings");
  }

  /**
   * scaler_strategy = "bluegreen": the function runs with SCALER_STRATEGY=bluegreen, and the
   * manifest grants the sibling and the switch by name and ships the policies that confine them.
   */
  @Test
  void theBlueGreenStrategyReachesTheFunctionAndTheManifest() throws Exception {
    Path module = module("bluegreen");
    Files.writeString(
        module.resolve("test.auto.tfvars"), tfvars() + "scaler_strategy = \"bluegreen\"\n");

    terraform(module, "init", "-backend=false", "-input=false", "-no-color");
    terraform(module, "plan", "-input=false", "-no-color", "-out=plan.bin");
    JsonObject plan =
        JsonParser.parseString(terraform(module, "show", "-json", "plan.bin")).getAsJsonObject();

    assertThat(environment(after(plan, "aws_lambda_function.this")))
        .containsEntry("SCALER_STRATEGY", "bluegreen");
    String manifest = rbacManifest(plan);
    assertThat(manifest)
        .contains(
            "\n  bluegreen: \"true\"",
            "resourceNames: [\"bot-b\"]",
            "resourceNames: [\"bot-switch\"]")
        .contains(
            "name: shardscaler.dev-siblings",
            "name: shardscaler.dev-switch",
            "name: shardscaler.dev-sibling-template.bot");
  }

  @Test
  void withoutTheEndpointInTheEnvironmentTheRoleMayDescribeTheOneCluster() throws Exception {
    Path module = module("describe");
    Files.writeString(
        module.resolve("test.auto.tfvars"), tfvars() + "cluster_endpoint_in_environment = false\n");

    terraform(module, "init", "-backend=false", "-input=false", "-no-color");
    terraform(module, "plan", "-input=false", "-no-color", "-out=plan.bin");
    JsonObject plan =
        JsonParser.parseString(terraform(module, "show", "-json", "plan.bin")).getAsJsonObject();

    assertThat(planned(plan, "data.aws_iam_policy_document.lambda").toString())
        .contains("eks:DescribeCluster", "arn:aws:eks:us-east-1:123456789012:cluster/prod");
    assertThat(after(plan, "aws_lambda_function.this").toString())
        .contains("EKS_CLUSTER_NAME")
        .doesNotContain("EKS_CLUSTER_ENDPOINT", "EKS_CLUSTER_CA");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "SCALER_HTTP_TOKEN | must not hold secrets",
        "BOT_TOKEN | must not hold secrets",
        "DISCORD_WEBHOOK_URL | must not hold secrets",
        "DB_PASSWORD | must not hold secrets",
        "client_secret | must not hold secrets",
        "SCALER_MAX_SHARDS | must not set",
        "SCALER_STRATEGY | must not set",
      })
  void aSecretLookingOrModuleManagedKeyIsRefusedWithoutShowingItsValue(String key, String message)
      throws Exception {
    Path module = variablesOnly("refuse-" + key);
    Files.writeString(module.resolve("test.auto.tfvars"), tfvars());

    // From the environment, not a file: Terraform quotes the offending line of a .tfvars file in
    // its error, whatever the variable's sensitivity. The value is what must not be shown.
    Result result =
        run(
            module,
            Map.of("TF_VAR_extra_environment", "{ " + key + " = \"" + BOT_TOKEN + "\" }"),
            "plan",
            "-input=false",
            "-no-color");

    assertThat(result.exit()).isNotZero();
    assertThat(result.output()).doesNotContain(BOT_TOKEN);
    assertThat(result.errors().replaceAll("\\s+", " ")).contains(message);
  }

  /** A targets map the scaler or the admission policy could not honour is refused at plan. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a cap in settings | premium = { statefulset = \"premium\", bot_token_secret_arn = \"%s-p\","
            + " settings = { SCALER_MAX_SHARDS = \"32\" } }"
            + " | not settings.SCALER_MAX_SHARDS",
        "a secret in settings | premium = { statefulset = \"premium\", bot_token_secret_arn = \"%s-p\","
            + " settings = { SCALER_HTTP_TOKEN = \"x\" } }"
            + " | never a secret",
        "one token for two bots | premium = { statefulset = \"premium\", bot_token_secret_arn = \"%s\" }"
            + " | two targets name the same secret",
        "a name that is no DNS label | Premium = { statefulset = \"premium\", bot_token_secret_arn = \"%s-p\" }"
            + " | DNS labels",
        "a strategy of its own | premium = { statefulset = \"premium\", bot_token_secret_arn = \"%s-p\","
            + " settings = { SCALER_STRATEGY = \"bluegreen\" } }"
            + " | scaler_strategy applies to every target",
        "a namespace that is no DNS label | premium = { statefulset = \"premium\", namespace = \"Bots\","
            + " bot_token_secret_arn = \"%s-p\" }"
            + " | must be DNS labels",
      })
  void aTargetTheScalerOrThePolicyCouldNotHonourIsRefused(
      String what, String second, String message) throws Exception {
    Path module = variablesOnly("targets-" + what.replace(' ', '-'));
    Files.writeString(
        module.resolve("test.auto.tfvars"),
        tfvars()
                .replace("statefulset_name     = \"bot\"\n", "")
                .replace("bot_token_secret_arn = \"" + secretArn + "\"\n", "")
            + "targets = {\n  main = { statefulset = \"bot\", bot_token_secret_arn = \""
            + secretArn
            + "\" }\n  "
            + second.formatted(secretArn)
            + "\n}\n");

    Result result = run(module, Map.of(), "plan", "-input=false", "-no-color");

    assertThat(result.exit()).as(what).isNotZero();
    assertThat(result.errors().replaceAll("\\s+", " ")).as(what).contains(message);
  }

  @Test
  void theShardCapIsRequired() throws Exception {
    Path module = variablesOnly("no-cap");
    Files.writeString(
        module.resolve("test.auto.tfvars"), tfvars().replace("max_shards = 64\n", ""));

    Result result = run(module, Map.of(), "plan", "-input=false", "-no-color");

    assertThat(result.exit()).isNotZero();
    assertThat(result.errors()).contains("No value for required variable", "max_shards");
  }

  @Test
  void anUnknownStrategyIsRefused() throws Exception {
    Path module = variablesOnly("strategy");
    Files.writeString(
        module.resolve("test.auto.tfvars"), tfvars() + "scaler_strategy = \"canary\"\n");

    Result result = run(module, Map.of(), "plan", "-input=false", "-no-color");

    assertThat(result.exit()).isNotZero();
    assertThat(result.errors()).contains("scaler_strategy must be \"rolling\" or \"bluegreen\"");
  }

  /**
   * Several bots: the targets map becomes the SCALER_TARGETS document the scaler reads (checked by
   * its own configuration reader), naming each bot's secret and never a token; the role may read
   * exactly those secrets and the webhook's; the cluster manifest grants and confines every
   * StatefulSet in its namespace and ships the notification memory. With scaler_strategy =
   * "bluegreen" every target gets its sibling, its switch and its sibling-template binding.
   */
  @Test
  void severalBotsAreOneDocumentTheirSecretsAndTheirRights() throws Exception {
    AwsClients clients =
        new AwsClients(
            "us-east-1",
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
            moto.endpoint());
    String premiumArn =
        clients
            .secretsManager()
            .createSecret(r -> r.name("premium-bot-token").secretString(BOT_TOKEN + "-premium"))
            .arn();
    String webhookArn =
        clients
            .secretsManager()
            .createSecret(r -> r.name("bot-ops-webhook").secretString("https://discord.com/x"))
            .arn();
    Path module = module("targets");
    Files.writeString(
        module.resolve("test.auto.tfvars"),
        tfvars()
                .replace("statefulset_name     = \"bot\"\n", "")
                .replace("bot_token_secret_arn = \"" + secretArn + "\"\n", "")
            + """
            targets = {
              main    = { statefulset = "bot", bot_token_secret_arn = "%s" }
              premium = { statefulset = "premium", namespace = "premium", shards_per_bot = 8,
                          max_shards = 32, bot_token_secret_arn = "%s",
                          settings = { K8S_SCALEDOWN = "1" } }
            }
            discord_webhook_secret_arn = "%s"
            scaler_strategy = "bluegreen"
            """
                .formatted(secretArn, premiumArn, webhookArn));

    terraform(module, "init", "-backend=false", "-input=false", "-no-color");
    terraform(module, "plan", "-input=false", "-no-color", "-out=plan.bin");
    String json = terraform(module, "show", "-json", "plan.bin");
    JsonObject plan = JsonParser.parseString(json).getAsJsonObject();

    assertThat(json).doesNotContain(BOT_TOKEN).doesNotContain("https://discord.com/x");
    Map<String, String> env = new TreeMap<>(environment(after(plan, "aws_lambda_function.this")));
    assertThat(env)
        .doesNotContainKeys("K8S_STATEFULSET", "BOT_TOKEN_SECRET_ID")
        .containsEntry("SCALER_STRATEGY", "bluegreen")
        .containsEntry("SCALER_NOTIFY_DISCORD_WEBHOOK_SECRET_ID", webhookArn)
        .containsEntry("SCALER_NOTIFY_STATE_NAMESPACE", "discord");
    var targets =
        Targets.fromEnv(
            env,
            new AwsTokens(
                env,
                null,
                () -> {
                  throw new IllegalStateException("no call");
                }),
            new TokenSource.Env("BOT_TOKEN"));
    assertThat(targets.names()).containsExactly("main", "premium");
    assertThat(targets.named("premium").token()).isEqualTo(new TokenSource.AwsSecret(premiumArn));
    assertThat(targets.named("premium").settings("t").maxShards()).isEqualTo(32);
    assertThat(targets.named("premium").settings("t").scaleDown()).isTrue();
    assertThat(targets.named("main").target().toString()).isEqualTo("discord/bot (container bot)");
    assertThat(targets.named("premium").settings("t").strategy().blueGreen()).isTrue();

    assertThat(planned(plan, "data.aws_iam_policy_document.lambda").toString())
        .contains(secretArn, premiumArn, webhookArn);
    String manifest = rbacManifest(plan);
    assertThat(manifest)
        .contains("resourceNames: [\"bot\"]", "resourceNames: [\"premium\"]")
        .contains("resourceNames: [\"bot-b\"]", "resourceNames: [\"premium-b\"]")
        .contains("resourceNames: [\"bot-switch\"]", "resourceNames: [\"premium-switch\"]")
        .contains(
            "name: shardscaler.dev-sibling-template.bot",
            "name: shardscaler.dev-sibling-template.premium")
        .contains("namespace: \"premium\"", "maxShards: \"32\"")
        .contains(
            "name: shardscaler-notifications", "resourceNames: [\"shardscaler-notifications\"]");
  }

  /** One bot and several at once would be ambiguous: the plan says which to drop. */
  @Test
  void oneBotAndATargetsMapTogetherAreRefusedAtPlan() throws Exception {
    Path module = module("both");
    Files.writeString(
        module.resolve("test.auto.tfvars"),
        tfvars()
            + "targets = { premium = { statefulset = \"premium\", bot_token_secret_arn = \""
            + secretArn
            + "-p\" } }\n");

    terraform(module, "init", "-backend=false", "-input=false", "-no-color");
    Result result = run(module, Map.of(), "plan", "-input=false", "-no-color");

    assertThat(result.exit()).isNotZero();
    assertThat(result.errors().replaceAll("\\s+", " "))
        .contains("Set either statefulset_name and bot_token_secret_arn (one bot) or targets");
  }

  /** Lambda's 4 KB environment is checked before anything is created, saying what to do. */
  @Test
  void aTargetsDocumentOverLambdasFourKilobytesIsRefusedAtPlan() throws Exception {
    Path module = module("too-many");
    StringBuilder targets = new StringBuilder("targets = {\n");
    for (int i = 0; i < 30; i++) {
      targets
          .append("  bot")
          .append(i)
          .append(" = { statefulset = \"bot-")
          .append(i)
          .append("\", bot_token_secret_arn = \"")
          .append(secretArn)
          .append(i)
          .append("\" }\n");
    }
    Files.writeString(
        module.resolve("test.auto.tfvars"),
        tfvars()
                .replace("statefulset_name     = \"bot\"\n", "")
                .replace("bot_token_secret_arn = \"" + secretArn + "\"\n", "")
            + targets
            + "}\n");

    terraform(module, "init", "-backend=false", "-input=false", "-no-color");
    Result result = run(module, Map.of(), "plan", "-input=false", "-no-color");

    assertThat(result.exit()).isNotZero();
    assertThat(result.errors().replaceAll("\\s+", " "))
        .contains("over Lambda's 4 KB")
        .contains("cluster_endpoint_in_environment = false");
  }

  // --- the module copy, the provider pointed at moto, and terraform itself ---

  private static String tfvars() {
    return """
        aws_region           = "us-east-1"
        eks_cluster_name     = "prod"
        kubernetes_namespace = "discord"
        statefulset_name     = "bot"
        container_name       = "bot"
        shards_per_bot       = 4
        max_shards = 64
        bot_token_secret_arn = "%s"
        lambda_jar_path      = "function.jar"
        # The offline provider mirror (5.100) predates java25, the module's default, and refuses
        # it at plan time; nothing this plan checks depends on the runtime (TerraformCheckIT ties
        # the default to the Java the classes are compiled for).
        lambda_runtime       = "java21"
        """
        .formatted(secretArn);
  }

  /**
   * infra/aws/variables.tf alone: planning it needs no provider and no AWS API, and runs every
   * variable validation.
   */
  private static Path variablesOnly(String name) throws IOException {
    Path module = Files.createDirectories(work.resolve(name).resolve("infra/aws"));
    Files.copy(REPO.resolve("infra/aws/variables.tf"), module.resolve("variables.tf"));
    Files.writeString(work.resolve(name).resolve("terraformrc"), "");
    return module;
  }

  /** infra/aws and what it reads, copied into its own directory, talking to moto only. */
  private static Path module(String name) throws IOException {
    Path root = work.resolve(name);
    for (String dir : List.of("aws", "cluster-manifest", "k8s/admission", "k8s/bluegreen")) {
      Path to = Files.createDirectories(root.resolve("infra").resolve(dir));
      try (Stream<Path> files = Files.list(REPO.resolve("infra").resolve(dir))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String fileName = file.getFileName().toString();
          if (fileName.endsWith(".tf")
              || fileName.endsWith(".tftpl")
              || fileName.endsWith(".yaml")) {
            Files.copy(file, to.resolve(fileName));
          }
        }
      }
    }
    Path module = root.resolve("infra/aws");
    Files.write(module.resolve("function.jar"), new byte[] {'P', 'K', 5, 6});
    String endpoint = moto.endpoint().toString();
    StringBuilder endpoints = new StringBuilder();
    for (String service :
        List.of(
            "sts",
            "eks",
            "iam",
            "lambda",
            "scheduler",
            "cloudwatch",
            "logs",
            "sqs",
            "secretsmanager",
            "sns")) {
      endpoints.append("    ").append(service).append(" = \"").append(endpoint).append("\"\n");
    }
    Files.writeString(
        module.resolve("moto_override.tf"),
        """
        provider "aws" {
          region                      = "us-east-1"
          access_key                  = "test"
          secret_key                  = "test"
          skip_credentials_validation = true
          skip_metadata_api_check     = true
          skip_requesting_account_id  = true
          endpoints {
        %s  }
        }
        """
            .formatted(endpoints));
    Files.writeString(
        root.resolve("terraformrc"),
        """
        provider_installation {
          filesystem_mirror {
            path    = "%s"
            include = ["registry.terraform.io/hashicorp/aws"]
          }
          direct {
            exclude = ["registry.terraform.io/hashicorp/aws"]
          }
        }
        """
            .formatted(MIRROR));
    return module;
  }

  record Result(int exit, String output) {
    /** From the first "Error:" on: the diagnostics, without the plan before them. */
    String errors() {
      int start = output.indexOf("Error:");
      return start < 0 ? "(no Error: in the output)" : output.substring(start);
    }
  }

  private static String terraform(Path module, String... args) throws Exception {
    Result result = run(module, Map.of(), args);
    assertThat(result.exit())
        .as("terraform %s:%n%s", String.join(" ", args), result.errors())
        .isZero();
    return result.output();
  }

  private static Result run(Path module, Map<String, String> extraEnv, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("terraform"));
    command.addAll(List.of(args));
    Path output = Files.createTempFile(work, "terraform", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(module.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    env.put("TF_CLI_CONFIG_FILE", module.resolve("../../terraformrc").normalize().toString());
    env.put("TF_DATA_DIR", module.resolve(".terraform").toString());
    env.put("TF_IN_AUTOMATION", "1");
    env.put("CHECKPOINT_DISABLE", "1");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.putAll(extraEnv);
    Process process = builder.start();
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("terraform " + String.join(" ", args) + " did not finish");
    }
    return new Result(process.exitValue(), Files.readString(output, UTF_8));
  }

  private static List<JsonObject> resources(JsonObject plan) {
    JsonArray resources =
        plan.getAsJsonObject("planned_values")
            .getAsJsonObject("root_module")
            .getAsJsonArray("resources");
    List<JsonObject> all = new ArrayList<>();
    for (JsonElement resource : resources) {
      all.add(resource.getAsJsonObject());
    }
    return all;
  }

  /**
   * What the plan says about {@code address}, also for one read or known only during apply (such as
   * the role's policy document, which names the log group's ARN).
   */
  private static JsonObject planned(JsonObject plan, String address) {
    for (JsonElement change : plan.getAsJsonArray("resource_changes")) {
      if (change.getAsJsonObject().get("address").getAsString().equals(address)) {
        return change.getAsJsonObject().getAsJsonObject("change").getAsJsonObject("after");
      }
    }
    throw new AssertionError("no " + address + " among the plan's resource changes");
  }

  /** The planned environment variables of a Lambda function. */
  private static Map<String, String> environment(JsonObject function) {
    Map<String, String> env = new TreeMap<>();
    function
        .getAsJsonArray("environment")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("variables")
        .entrySet()
        .forEach(e -> env.put(e.getKey(), e.getValue().getAsString()));
    return env;
  }

  private static String rbacManifest(JsonObject plan) {
    return plan.getAsJsonObject("planned_values")
        .getAsJsonObject("outputs")
        .getAsJsonObject("rbac_manifest")
        .get("value")
        .getAsString();
  }

  private static JsonObject after(JsonObject plan, String address) {
    return resources(plan).stream()
        .filter(r -> r.get("address").getAsString().equals(address))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + address + " in the plan"))
        .getAsJsonObject("values");
  }
}
