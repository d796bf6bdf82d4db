package dev.shardscaler.core.targets;

import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.config.EnvReader;
import dev.shardscaler.core.config.Names;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.config.Sibling;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.notify.NotifySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the scaler scales, validated as a whole: the seed's single bot from {@code BOT_TOKEN} and
 * {@code K8S_*} (exactly as before), or several targets from a JSON document ({@code
 * SCALER_TARGETS}, or the file named by {@code SCALER_TARGETS_FILE}) whose entries take the global
 * keys as defaults. Every problem of the whole configuration is reported at once, a target's
 * problems naming the target.
 *
 * @param single true for the single-bot environment: results keep the single-bot shape
 * @param kubernetesTimeout {@code SCALER_K8S_TIMEOUT}, shared by every target (one cluster client)
 * @param passDeadline {@code SCALER_PASS_DEADLINE}, shared by every target (they run at once)
 */
public record Targets(
    List<TargetSpec> specs,
    boolean single,
    NotifySettings notifications,
    Duration kubernetesTimeout,
    Duration passDeadline) {

  public static final String DOCUMENT_KEY = "SCALER_TARGETS";
  public static final String FILE_KEY = "SCALER_TARGETS_FILE";

  /** A targets file larger than this is not a targets document. */
  static final long MAX_DOCUMENT_BYTES = 256 * 1024;

  public Targets {
    specs = List.copyOf(specs);
  }

  /** The seed's environment: one bot, its token in {@code BOT_TOKEN}. */
  public static Targets fromEnv(Map<String, String> env) {
    return fromEnv(env, new LocalTokens(env), new TokenSource.Env("BOT_TOKEN"));
  }

  /**
   * @param tokens what reads (and checks) the targets' token sources on this platform
   * @param singleToken where the single bot's token comes from ({@code BOT_TOKEN}, or on AWS its
   *     secret)
   * @throws ConfigException listing every problem
   */
  public static Targets fromEnv(
      Map<String, String> env, TokenResolver tokens, TokenSource singleToken) {
    List<String> problems = new ArrayList<>();
    EnvReader in = new EnvReader(env);
    NotifySettings notifications = NotifySettings.read(in);
    try {
      in.throwIfInvalid();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    String document = in.raw(DOCUMENT_KEY);
    String file = in.raw(FILE_KEY);
    List<TargetSpec> specs;
    boolean single = document == null && file == null;
    if (single) {
      specs = single(env, singleToken, problems);
    } else {
      specs = several(env, tokens, document, file, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    Settings first = TargetsChecks.settingsOf(specs.get(0));
    return new Targets(
        specs, single, notifications, first.kubernetesTimeout(), first.passDeadline());
  }

  /** The names, in configured order. */
  public List<String> names() {
    return specs.stream().map(TargetSpec::name).toList();
  }

  /** The target of this name, or null. */
  public TargetSpec named(String name) {
    return specs.stream().filter(spec -> spec.name().equals(name)).findFirst().orElse(null);
  }

  /** The single bot: its settings' problems exactly as the seed's environment always had them. */
  private static List<TargetSpec> single(
      Map<String, String> env, TokenSource token, List<String> problems) {
    Map<String, String> checked = new HashMap<>(env);
    if (!(token instanceof TokenSource.Env variable && variable.variable().equals("BOT_TOKEN"))) {
      checked.put("BOT_TOKEN", TargetSpec.PLACEHOLDER_TOKEN);
    }
    List<String> found = TargetSpec.problems(checked);
    problems.addAll(found);
    if (!found.isEmpty()) {
      return List.of();
    }
    Map<String, String> withoutToken = new HashMap<>(env);
    withoutToken.remove("BOT_TOKEN");
    Target target =
        new Target(
            env.get("K8S_NAMESPACE").strip(),
            env.get("K8S_STATEFULSET").strip(),
            env.get("K8S_CONTAINER").strip());
    return List.of(new TargetSpec(target.statefulSet(), target, token, withoutToken));
  }

  private static List<TargetSpec> several(
      Map<String, String> env,
      TokenResolver tokens,
      String document,
      String file,
      List<String> problems) {
    if (document != null && file != null) {
      problems.add("set " + DOCUMENT_KEY + " or " + FILE_KEY + ", not both: one targets document");
      return List.of();
    }
    if (new EnvReader(env).raw("K8S_STATEFULSET") != null) {
      problems.add(
          "K8S_STATEFULSET is set beside "
              + (document != null ? DOCUMENT_KEY : FILE_KEY)
              + ": with a targets document each target names its StatefulSet; remove"
              + " K8S_STATEFULSET (K8S_NAMESPACE, K8S_CONTAINER, K8S_SHARDS_PER_BOT and the"
              + " SCALER_* keys stay, as every target's defaults)");
    }
    String json = document != null ? document : readFile(file, problems);
    if (json == null) {
      return List.of();
    }
    String source = document != null ? DOCUMENT_KEY : FILE_KEY + " (" + file + ")";
    List<TargetsDocument.Entry> entries = TargetsDocument.read(json, source, problems);
    return new TargetsChecks(env, tokens, problems).specs(entries);
  }

  private static String readFile(String file, List<String> problems) {
    Path path = Path.of(file);
    try {
      if (Files.size(path) > MAX_DOCUMENT_BYTES) {
        problems.add(
            FILE_KEY + ": \"" + file + "\" is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        return null;
      }
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      problems.add(
          FILE_KEY
              + ": cannot read \""
              + file
              + "\" ("
              + e.getClass().getSimpleName()
              + "): mount the targets ConfigMap there, or set "
              + DOCUMENT_KEY
              + " instead");
      return null;
    }
  }

  /** Global keys every target inherits, and the checks that need the whole list. */
  static final class TargetsChecks {
    private final Map<String, String> env;
    private final TokenResolver tokens;
    private final List<String> problems;

    TargetsChecks(Map<String, String> env, TokenResolver tokens, List<String> problems) {
      this.env = env;
      this.tokens = tokens;
      this.problems = problems;
    }

    static Settings settingsOf(TargetSpec spec) {
      Map<String, String> complete = new HashMap<>(spec.env());
      complete.put("BOT_TOKEN", TargetSpec.PLACEHOLDER_TOKEN);
      return Settings.fromEnv(complete);
    }

    List<TargetSpec> specs(List<TargetsDocument.Entry> entries) {
      EnvReader global = new EnvReader(env);
      Map<String, String> base = new HashMap<>(env);
      base.remove(DOCUMENT_KEY);
      base.remove(FILE_KEY);
      base.remove("BOT_TOKEN");
      // The global keys alone, each problem reported once (not once per target).
      Map<String, String> globalCheck = new HashMap<>(base);
      globalCheck.putIfAbsent("K8S_NAMESPACE", "placeholder");
      globalCheck.put("K8S_STATEFULSET", "placeholder");
      globalCheck.putIfAbsent("K8S_CONTAINER", "placeholder");
      globalCheck.put("BOT_TOKEN", TargetSpec.PLACEHOLDER_TOKEN);
      List<String> globalProblems = TargetSpec.problems(globalCheck);
      problems.addAll(globalProblems);

      List<TargetSpec> specs = new ArrayList<>();
      Set<String> names = new HashSet<>();
      Map<String, String> sets = new LinkedHashMap<>();
      Map<TokenSource, String> sources = new LinkedHashMap<>();
      Map<String, String> tokenOwners = new HashMap<>();
      for (TargetsDocument.Entry entry : entries) {
        String label = entry.label();
        int before = problems.size();
        if (entry.name() != null && !names.add(entry.name())) {
          problems.add(label + ": the name appears twice (names pick a target in requests)");
        }
        String namespace =
            field(label, "namespace", entry.namespace(), global.raw("K8S_NAMESPACE"), true);
        String statefulSet = field(label, "statefulSet", entry.statefulSet(), null, false);
        String container =
            field(label, "container", entry.container(), global.raw("K8S_CONTAINER"), true);
        if (namespace != null && statefulSet != null) {
          String set = namespace + "/" + statefulSet;
          String owner = sets.putIfAbsent(set, label);
          if (owner != null) {
            problems.add(
                label
                    + ": the StatefulSet "
                    + set
                    + " is also "
                    + owner
                    + "'s (two targets on one set would undo each other)");
          }
        }
        if (entry.token() != null) {
          String owner = sources.putIfAbsent(entry.token(), label);
          if (owner != null) {
            problems.add(
                label
                    + ": its token comes from "
                    + entry.token().describe()
                    + ", as "
                    + owner
                    + "'s does: each bot has its own token and identify budget");
          } else {
            checkToken(label, entry.token(), tokenOwners);
          }
        }
        Map<String, String> targetEnv = new HashMap<>(base);
        targetEnv.put("K8S_NAMESPACE", namespace == null ? "placeholder" : namespace);
        targetEnv.put("K8S_STATEFULSET", statefulSet == null ? "placeholder" : statefulSet);
        targetEnv.put("K8S_CONTAINER", container == null ? "placeholder" : container);
        if (entry.shardsPerBot() != null) {
          targetEnv.put("K8S_SHARDS_PER_BOT", String.valueOf(entry.shardsPerBot()));
        }
        targetEnv.putAll(entry.settings());
        Map<String, String> checked = new HashMap<>(targetEnv);
        checked.put("BOT_TOKEN", TargetSpec.PLACEHOLDER_TOKEN);
        for (String problem : TargetSpec.problems(checked)) {
          if (!globalProblems.contains(problem)) {
            problems.add(label + ": " + problem);
          }
        }
        if (problems.size() == before
            && entry.name() != null
            && entry.token() != null
            && globalProblems.isEmpty()) {
          specs.add(
              new TargetSpec(
                  entry.name(),
                  new Target(namespace, statefulSet, container),
                  entry.token(),
                  targetEnv));
        }
      }
      checkSiblings(specs, sets);
      return specs;
    }

    /**
     * Under blue/green a target reshards through {@code <statefulset>-b}: that must not be another
     * target's StatefulSet, or a reshard of the one would replace the other.
     */
    private void checkSiblings(List<TargetSpec> specs, Map<String, String> sets) {
      for (TargetSpec spec : specs) {
        if (!settingsOf(spec).strategy().blueGreen()) {
          continue;
        }
        Target target = spec.target();
        String sibling = target.namespace() + "/" + Sibling.of(target.statefulSet());
        String owner = sets.get(sibling);
        if (owner != null) {
          problems.add(
              "target \""
                  + spec.name()
                  + "\": with SCALER_STRATEGY=bluegreen it reshards through the StatefulSet "
                  + sibling
                  + ", which is "
                  + owner
                  + "'s own (a reshard of the one would replace the other): rename one of them");
        }
      }
    }

    /** A required name field: the entry's value, else the global default, each checked. */
    private String field(
        String label, String field, String value, String fallback, boolean hasDefault) {
      String chosen = value != null ? value : fallback;
      String key =
          switch (field) {
            case "namespace" -> "K8S_NAMESPACE";
            case "container" -> "K8S_CONTAINER";
            default -> "K8S_STATEFULSET";
          };
      if (chosen == null) {
        problems.add(
            label
                + ": \""
                + field
                + "\" is missing"
                + (hasDefault ? " (and " + key + ", its default, is not set)" : ""));
        return null;
      }
      boolean valid =
          field.equals("statefulSet") ? Names.isDnsSubdomain(chosen) : Names.isDnsLabel(chosen);
      if (!valid) {
        if (value == null) {
          return null; // the global key's own problem is already reported
        }
        problems.add(
            label
                + ": \""
                + field
                + "\" must be "
                + (field.equals("statefulSet")
                    ? "a Kubernetes object name"
                    : field.equals("namespace")
                        ? "a Kubernetes namespace name"
                        : "a container name")
                + ", got \""
                + value
                + "\"");
        return null;
      }
      return chosen;
    }

    /** Local sources are read now: a missing variable or file is a problem at start. */
    private void checkToken(String label, TokenSource source, Map<String, String> owners) {
      List<String> found = tokens.check(source);
      found.forEach(problem -> problems.add(label + ": " + problem));
      if (!found.isEmpty() || source instanceof TokenSource.AwsSecret) {
        return;
      }
      String owner = owners.putIfAbsent(tokens.token(source), label);
      if (owner != null) {
        problems.add(
            label
                + ": "
                + source.describe()
                + " holds the same bot token as "
                + owner
                + "'s (value not shown): each bot has its own token and identify budget");
      }
    }
  }
}
