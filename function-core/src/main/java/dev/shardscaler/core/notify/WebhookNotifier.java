package dev.shardscaler.core.notify;

import dev.shardscaler.core.Deadline;
import io.kubernetes.client.openapi.ApiClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier for the configured webhooks: reads the memory, applies {@link NoticeRules} to each
 * target's result, sends what is due to each webhook (both at once, within {@code
 * SCALER_NOTIFY_TIMEOUT}), and writes the memory back only when it changed. Undelivered messages
 * stay in the memory and go with the next pass.
 *
 * <p>When the memory cannot be read, failures and blocks are not told by an instance that has no
 * memory of its own from an earlier pass: it could not tell a new problem from a repeat, and "never
 * on every pass" matters more than one message. Reshards are always told (one pass makes each).
 */
public final class WebhookNotifier implements Notifier {
  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

  private final NotifySettings settings;
  private final MemoryStore store;
  private final List<WebhookSink> sinks;
  private final Clock clock;
  private Memory lastKnown;

  WebhookNotifier(
      NotifySettings settings, MemoryStore store, List<WebhookSink> sinks, Clock clock) {
    this.settings = settings;
    this.store = store;
    this.sinks = List.copyOf(sinks);
    this.clock = clock;
  }

  /** The notifier of these settings, or {@link Notifier#NONE} when no webhook is set. */
  public static Notifier create(
      NotifySettings settings, ApiClient cluster, java.time.Duration k8sTimeout, Clock clock) {
    if (!settings.enabled()) {
      return NONE;
    }
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    List<WebhookSink> sinks = new ArrayList<>();
    if (settings.discord() != null) {
      sinks.add(WebhookSink.discord(settings.discord(), http, clock));
    }
    if (settings.json() != null) {
      sinks.add(WebhookSink.json(settings.json(), http, clock));
    }
    java.time.Duration memoryTimeout =
        k8sTimeout.compareTo(settings.timeout()) < 0 ? k8sTimeout : settings.timeout();
    return new WebhookNotifier(
        settings,
        new ConfigMapMemory(
            cluster, settings.stateNamespace(), settings.stateConfigMap(), memoryTimeout),
        sinks,
        clock);
  }

  @Override
  public synchronized List<String> afterPass(List<TargetRun> runs, boolean all) {
    if (runs.stream().allMatch(run -> run.result().dryRun())) {
      // A dry run changes nothing and proves nothing: no message, and no write of the memory.
      return List.of();
    }
    List<String> warnings = new ArrayList<>();
    try {
      tell(runs, all, warnings);
    } catch (RuntimeException e) {
      // a bug here must never cost the pass its result
      warnings.add("notifications failed unexpectedly (" + e.getClass().getName() + ")");
    }
    warnings.forEach(warning -> log.warn("notifications: {}", warning));
    return warnings.stream().map(w -> "notifications: " + w).toList();
  }

  private void tell(List<TargetRun> runs, boolean all, List<String> warnings) {
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    MemoryStore.Loaded loaded;
    boolean stored = true;
    try {
      loaded = store.load(Deadline.in(settings.timeout()));
    } catch (MemoryStore.MemoryUnavailableException e) {
      warnings.add(e.getMessage());
      stored = false;
      loaded =
          new MemoryStore.Loaded(lastKnown == null ? Memory.empty() : lastKnown, null, List.of());
    }
    boolean trusted = stored || lastKnown != null;
    Map<String, Memory.Condition> conditions = new LinkedHashMap<>(loaded.memory().conditions());
    if (all) {
      Set<String> names = runs.stream().map(TargetRun::name).collect(Collectors.toSet());
      conditions.keySet().retainAll(names);
    }
    List<Notice> fresh = new ArrayList<>();
    for (TargetRun run : runs) {
      NoticeRules.Step step =
          NoticeRules.step(
              run.name(),
              conditions.get(run.name()),
              run.result(),
              run.tokenSource(),
              now,
              settings);
      for (Notice notice : step.notices()) {
        if (trusted || notice.kind() == Notice.Kind.RESHARDED) {
          fresh.add(notice);
          log.info("notify {}: {}", notice.kind(), notice.title());
        }
      }
      if (step.next() == null) {
        conditions.remove(run.name());
      } else {
        conditions.put(run.name(), step.next());
      }
    }
    Map<String, Memory.Backlog> backlogs = deliver(loaded.memory(), fresh, now, warnings);
    Memory after = new Memory(conditions, backlogs);
    lastKnown = after;
    if (stored) {
      try {
        store.save(loaded, after, Deadline.in(settings.timeout()));
      } catch (MemoryStore.MemoryUnavailableException e) {
        warnings.add(e.getMessage());
      }
    }
  }

  /** Each webhook gets its backlog and the new notices, all webhooks at once. */
  private Map<String, Memory.Backlog> deliver(
      Memory memory, List<Notice> fresh, Instant now, List<String> warnings) {
    Deadline deadline = Deadline.in(settings.timeout());
    Map<String, Memory.Backlog> backlogs = new LinkedHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<WebhookSink, Future<Sent>> sent = new LinkedHashMap<>();
      for (WebhookSink sink : sinks) {
        Memory.Backlog backlog = memory.backlog(sink.name()).plus(fresh);
        Callable<Sent> send = () -> deliver(sink, backlog, now, deadline);
        sent.put(sink, pool.submit(send));
      }
      for (Map.Entry<WebhookSink, Future<Sent>> entry : sent.entrySet()) {
        Sent outcome;
        try {
          outcome = entry.getValue().get();
        } catch (Exception e) {
          Memory.Backlog kept = memory.backlog(entry.getKey().name()).plus(fresh);
          outcome = new Sent(kept, entry.getKey().label() + ": " + e.getClass().getName());
        }
        backlogs.put(entry.getKey().name(), outcome.backlog());
        if (outcome.warning() != null) {
          warnings.add(outcome.warning());
        }
      }
    }
    return backlogs;
  }

  private record Sent(Memory.Backlog backlog, String warning) {}

  private static Sent deliver(
      WebhookSink sink, Memory.Backlog backlog, Instant now, Deadline deadline) {
    if (backlog.pending().isEmpty()) {
      return new Sent(backlog, null);
    }
    if (backlog.notBefore() != null && now.isBefore(Instant.parse(backlog.notBefore()))) {
      return new Sent(
          backlog,
          backlog.pending().size()
              + " message(s) for "
              + sink.label()
              + " wait until "
              + backlog.notBefore()
              + " (its rate limit)");
    }
    List<Notice> batch =
        backlog.pending().subList(0, Math.min(sink.batch(), backlog.pending().size()));
    List<Notice> rest = backlog.pending().subList(batch.size(), backlog.pending().size());
    Delivery delivery = sink.send(batch, backlog.dropped(), deadline);
    String notBefore = delivery.notBefore() == null ? null : delivery.notBefore().toString();
    return switch (delivery.status()) {
      case DELIVERED -> new Sent(new Memory.Backlog(notBefore, rest, 0), null);
      case RETRY ->
          new Sent(
              new Memory.Backlog(notBefore, backlog.pending(), backlog.dropped()),
              delivery.problem()
                  + "; "
                  + backlog.pending().size()
                  + " message(s) kept for the next pass");
      case REFUSED ->
          new Sent(
              new Memory.Backlog(null, rest, backlog.dropped()),
              delivery.problem() + "; " + batch.size() + " message(s) dropped");
    };
  }
}
