package dev.shardscaler.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Everything a scaling pass is configured with, parsed and validated from the environment. The
 * token is a {@link BotToken}, whose {@code toString} is redacted.
 *
 * @param maxShards null: no upper bound but {@link #MAX_SHARDS_LIMIT}
 * @param shardMultiple null: automatic (Discord's max_concurrency when it is above 1)
 * @param rolloutTimeout null: {@code auto}, derived from the fleet
 * @param overrideTtl how long a request's override holds when it does not say
 * @param passDeadline the longest a whole pass may take
 * @param strategy how a reshard reaches the bot: rolling (the default) or blue/green
 */
public record Settings(
    BotToken botToken,
    Target target,
    int shardsPerBot,
    boolean scaleUp,
    boolean scaleDown,
    int minShards,
    Integer maxShards,
    int guildsPerShard,
    Integer shardMultiple,
    int identifyReserve,
    Duration scaleDownWindow,
    Duration minInterval,
    Duration rolloutTimeout,
    Duration overrideTtl,
    Duration passDeadline,
    boolean dryRun,
    URI discordApiBaseUrl,
    String shardsEnv,
    String shardsPerBotEnv,
    Duration discordConnectTimeout,
    Duration discordReadTimeout,
    Duration discordMaxRetryWait,
    Duration recommendationTtl,
    Duration kubernetesTimeout,
    Strategy strategy) {

  public static final String DEFAULT_DISCORD_API = "https://discord.com/api/v10";

  /**
   * The largest shard count (and shards per pod) the scaler accepts anywhere: far above any bot
   * (Discord recommends about one shard per 1,000 guilds), low enough that every table it builds
   * stays small.
   */
  public static final int MAX_SHARDS_LIMIT = 100_000;

  /** Parses the settings, reporting every problem at once in a {@link ConfigException}. */
  public static Settings fromEnv(Map<String, String> env) {
    EnvReader in = new EnvReader(env);
    String token = in.raw("BOT_TOKEN");
    if (token == null) {
      in.problem("missing required parameter \"BOT_TOKEN\"");
    } else if (BotToken.of(token).reveal().chars().anyMatch(Character::isWhitespace)) {
      // Never quote this value: it is the secret.
      in.problem("BOT_TOKEN must be a bot token without spaces (value not shown)");
    }
    String namespace =
        in.required("K8S_NAMESPACE", Names::isDnsLabel, "a Kubernetes namespace name");
    String statefulSet =
        in.required("K8S_STATEFULSET", Names::isDnsSubdomain, "a Kubernetes object name");
    String container = in.required("K8S_CONTAINER", Names::isDnsLabel, "a container name");
    int shardsPerBot = in.integer("K8S_SHARDS_PER_BOT", 1, 1, MAX_SHARDS_LIMIT);
    boolean scaleUp = in.bool("K8S_SCALEUP", true);
    boolean scaleDown = in.bool("K8S_SCALEDOWN", false);
    int minShards = in.integer("SCALER_MIN_SHARDS", 1, 1, MAX_SHARDS_LIMIT);
    Integer maxShards = in.optionalInteger("SCALER_MAX_SHARDS", 1, MAX_SHARDS_LIMIT);
    if (maxShards != null && maxShards < minShards) {
      in.problem(
          "SCALER_MAX_SHARDS must be ≥ SCALER_MIN_SHARDS ("
              + minShards
              + "), got \""
              + maxShards
              + "\"");
    }
    int guildsPerShard = in.integer("SCALER_GUILDS_PER_SHARD", 1000, 1, 2500);
    Integer shardMultiple = null;
    String multiple = in.raw("SCALER_SHARD_MULTIPLE");
    if (multiple != null && !multiple.equalsIgnoreCase("auto")) {
      shardMultiple = in.optionalInteger("SCALER_SHARD_MULTIPLE", 1, 1024);
    }
    int identifyReserve = in.integer("SCALER_IDENTIFY_RESERVE", 100, 0, MAX_SHARDS_LIMIT);
    Duration window = in.duration("SCALER_SCALEDOWN_WINDOW", Duration.ofHours(24), Duration.ZERO);
    Duration minInterval = in.duration("SCALER_MIN_INTERVAL", Duration.ofHours(1), Duration.ZERO);
    Duration rolloutTimeout = null;
    String rollout = in.raw("SCALER_ROLLOUT_TIMEOUT");
    if (rollout != null && !rollout.equalsIgnoreCase("auto")) {
      rolloutTimeout =
          in.duration("SCALER_ROLLOUT_TIMEOUT", null, Duration.ofMinutes(1), Duration.ofDays(7));
    }
    Duration overrideTtl =
        in.duration(
            "SCALER_OVERRIDE_TTL",
            Duration.ofHours(24),
            ScaleRequestLimits.MIN_OVERRIDE_FOR,
            ScaleRequestLimits.MAX_OVERRIDE_FOR);
    Duration passDeadline =
        in.duration(
            "SCALER_PASS_DEADLINE",
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            Duration.ofMinutes(14));
    boolean dryRun = in.bool("SCALER_DRY_RUN", false);
    URI discordApi = in.secureUrl("DISCORD_API_BASE_URL", DEFAULT_DISCORD_API);
    String shardsEnv =
        in.string("SCALER_SHARDS_ENV", "SHARDS", Names::isEnvName, "an environment variable name");
    String perBotEnv =
        in.string(
            "SCALER_SHARDS_PER_BOT_ENV",
            "SHARDS_PER_BOT",
            Names::isEnvName,
            "an environment variable name");
    if (shardsEnv != null && shardsEnv.equals(perBotEnv)) {
      in.problem(
          "SCALER_SHARDS_ENV and SCALER_SHARDS_PER_BOT_ENV must differ, both are \""
              + shardsEnv
              + "\"");
    }
    Duration millisecond = Duration.ofMillis(1);
    Duration connectTimeout =
        in.duration("SCALER_DISCORD_CONNECT_TIMEOUT", Duration.ofSeconds(5), millisecond);
    Duration readTimeout =
        in.duration("SCALER_DISCORD_READ_TIMEOUT", Duration.ofSeconds(10), millisecond);
    Duration maxRetryWait =
        in.duration("SCALER_DISCORD_MAX_RETRY_WAIT", Duration.ofSeconds(10), Duration.ZERO);
    Duration recommendationTtl =
        in.duration("SCALER_RECOMMENDATION_TTL", Duration.ofSeconds(30), Duration.ZERO);
    Duration kubernetesTimeout =
        in.duration("SCALER_K8S_TIMEOUT", Duration.ofSeconds(15), millisecond);
    if (passDeadline != null
        && kubernetesTimeout != null
        && passDeadline.compareTo(kubernetesTimeout.multipliedBy(3)) < 0) {
      // a read, a write and a re-read (or the Event) must fit, or no pass could ever write
      in.problem(
          "SCALER_PASS_DEADLINE ("
              + DurationParser.format(passDeadline)
              + ") must be at least 3 × SCALER_K8S_TIMEOUT ("
              + DurationParser.format(kubernetesTimeout)
              + "): a pass reads, writes and reads again within it");
    }
    Strategy strategy = Strategy.read(in);
    if (strategy.blueGreen() && statefulSet != null && !Sibling.fits(statefulSet)) {
      in.problem(
          "K8S_STATEFULSET must be a DNS label of at most "
              + Sibling.MAX_NAME
              + " characters with SCALER_STRATEGY=bluegreen (its sibling "
              + Sibling.of(statefulSet)
              + " and the pods' revision label must fit in 63), got \""
              + statefulSet
              + "\"");
    }
    in.throwIfInvalid();
    return new Settings(
        BotToken.of(token),
        new Target(namespace, statefulSet, container),
        shardsPerBot,
        scaleUp,
        scaleDown,
        minShards,
        maxShards,
        guildsPerShard,
        shardMultiple,
        identifyReserve,
        window,
        minInterval,
        rolloutTimeout,
        overrideTtl,
        passDeadline,
        dryRun,
        discordApi,
        shardsEnv,
        perBotEnv,
        connectTimeout,
        readTimeout,
        maxRetryWait,
        recommendationTtl,
        kubernetesTimeout,
        strategy);
  }
}
