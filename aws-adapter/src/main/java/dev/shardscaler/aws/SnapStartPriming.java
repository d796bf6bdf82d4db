package dev.shardscaler.aws;

import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.WarmUp;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Lambda SnapStart runtime hooks. Before the snapshot, a pass in memory loads and links what every
 * invocation uses — event parsing (Gson), the EKS token signer (SigV4), the cluster client
 * (client-java, OkHttp, TLS with the cluster's CA), the planner, the result JSON, logging — so that
 * a restored function does not pay for it on its first invocation. After a restore, whatever a warm
 * instance cached that is bound to time (the EKS token, the bot token, Discord's recommendation) is
 * dropped, so that no restored copy signs with, or acts on, a value from before the snapshot.
 *
 * <p>Priming touches no secret and opens no connection: it reads only {@link #READS} from the
 * environment (never the bot token, its secret id, the HTTP token or AWS keys), signs with made-up
 * credentials, and its cluster calls are answered in memory ({@link WarmUp}). On a JVM without CRaC
 * hooks (anywhere but a SnapStart function) registering does nothing.
 */
final class SnapStartPriming implements Resource {
  /** The only environment keys priming reads; none of them is a secret. */
  static final Set<String> READS =
      Set.of("AWS_REGION", "EKS_CLUSTER_NAME", "EKS_CLUSTER_ENDPOINT", "EKS_CLUSTER_CA");

  private static final Logger log = LoggerFactory.getLogger(SnapStartPriming.class);

  /**
   * org.crac holds resources weakly: this keeps the registered ones alive (one per handler; Lambda
   * makes one), by the environment they were registered with.
   */
  private static final Map<Map<String, String>, SnapStartPriming> REGISTERED =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private final Map<String, String> env;
  private final Scaler scaler;
  private final Clock clock;
  private volatile List<ScaleResult> primed = List.of();

  SnapStartPriming(Map<String, String> env, Scaler scaler, Clock clock) {
    this.env = env;
    this.scaler = scaler;
    this.clock = clock;
  }

  /** Registers the hooks of the handler's {@code scaler} with the JVM's CRaC context. */
  static SnapStartPriming register(Map<String, String> env, Scaler scaler, Clock clock) {
    SnapStartPriming priming = new SnapStartPriming(env, scaler, clock);
    REGISTERED.put(env, priming);
    Core.getGlobalContext().register(priming);
    return priming;
  }

  /** For tests: the hooks registered for the handler made with {@code env} (this very map). */
  static SnapStartPriming registeredWith(Map<String, String> env) {
    return REGISTERED.get(env);
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    long start = System.nanoTime();
    try {
      primed = prime();
      log.info(
          "SnapStart: primed before the snapshot in {} ms (synthetic passes in memory: {})",
          (System.nanoTime() - start) / 1_000_000,
          primed.stream().map(result -> result.outcome().toString()).toList());
    } catch (RuntimeException e) {
      // A snapshot without priming is slower after restore, not wrong: never fail the snapshot.
      log.warn("SnapStart: priming failed, the snapshot is taken without it: {}", e.toString());
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    scaler.forgetTimeBoundState();
    log.info("SnapStart: restored; tokens and recommendations are fetched anew");
  }

  /** The passes priming ran, for tests: empty before {@link #beforeCheckpoint} or on failure. */
  List<ScaleResult> primed() {
    return primed;
  }

  private List<ScaleResult> prime() {
    // Event shapes: an empty scheduled input, an EventBridge rule's event, a function URL call
    Invocation.read("{}".getBytes(StandardCharsets.UTF_8));
    Invocation.read(
        ("{\"version\":\"0\",\"id\":\"priming\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"detail\":{}}")
            .getBytes(StandardCharsets.UTF_8));
    Invocation.read(
        ("{\"version\":\"2.0\",\"rawPath\":\"/\",\"headers\":{\"content-type\":"
                + "\"application/json\"},\"requestContext\":{\"http\":{\"method\":\"POST\","
                + "\"path\":\"/\"}},\"body\":\"{}\",\"isBase64Encoded\":false}")
            .getBytes(StandardCharsets.UTF_8));

    String region = env.getOrDefault("AWS_REGION", "us-east-1");
    String cluster = env.getOrDefault("EKS_CLUSTER_NAME", "priming");
    EksTokenSource tokens =
        new EksTokenSource(
            cluster,
            region,
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAPRIMING000000000", "priming-is-not-a-secret-key")),
            clock);
    tokens.get();

    // The cluster client as the first invocation builds it (TLS with the cluster's CA when given),
    // its calls answered in memory by WarmUp.
    String ca = env.get("EKS_CLUSTER_CA");
    return WarmUp.run(
        KubernetesClients.forEndpoint(
            env.getOrDefault("EKS_CLUSTER_ENDPOINT", "https://priming.invalid"),
            ca == null ? null : AwsSettings.decodeCertificateAuthority(ca),
            tokens,
            Duration.ofSeconds(15)));
  }
}
