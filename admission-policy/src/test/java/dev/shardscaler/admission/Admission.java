package dev.shardscaler.admission;

import com.google.common.collect.ImmutableSet;
import com.google.gson.JsonObject;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates a {@link AdmissionPolicy} the way the API server's ValidatingAdmissionPolicy plugin
 * does (Kubernetes 1.30): match rules, then — only when the binding found its params — the match
 * conditions (any false: not matched; an error: the failure policy), the variables, and every
 * validation (false: denied with its message; an error: denied under failurePolicy Fail).
 *
 * <p>The CEL environment follows the API server's for 1.30 as far as CEL for Java allows: {@code
 * object}, {@code oldObject}, {@code params} and {@code request} as dynamic values shaped like the
 * API server's unstructured conversion (absent fields are absent, never null), the standard macros,
 * homogeneous aggregate literals, cross-type numeric comparisons, RE2 partial-match {@code
 * matches}, and the strings extension without the functions Kubernetes 1.30 lacks ({@code
 * reverse}). What cannot be reproduced here: the API server's own cost accounting ({@link
 * CostEstimate} approximates it), its type checking of {@code request}, and the admission chain
 * around the plugin.
 */
final class Admission {
  private final Cel cel;
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  Admission() {
    EnumSet<CelStringExtensions.Function> strings =
        EnumSet.allOf(CelStringExtensions.Function.class);
    strings.remove(CelStringExtensions.Function.REVERSE);
    CelStringExtensions kubernetesStrings = CelExtensions.strings(ImmutableSet.copyOf(strings));
    cel =
        CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setOptions(
                CelOptions.current()
                    .enableHomogeneousLiterals(true)
                    .enableHeterogeneousNumericComparisons(true)
                    .enableRegexPartialMatch(true)
                    .build())
            .addCompilerLibraries(kubernetesStrings)
            .addRuntimeLibraries(kubernetesStrings)
            .addVar("object", SimpleType.DYN)
            .addVar("oldObject", SimpleType.DYN)
            .addVar("params", SimpleType.DYN)
            .addVar("request", SimpleType.DYN)
            .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();
  }

  /** Compiles (parses and type-checks) one expression; throws naming the problem. */
  CelRuntime.Program program(String expression) {
    return programs.computeIfAbsent(
        expression,
        source -> {
          try {
            return cel.createProgram(cel.compile(source).getAst());
          } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("does not compile: " + source + "\n" + e, e);
          }
        });
  }

  /** What admission decides for one request under {@code policy} with the given params. */
  Verdict review(AdmissionPolicy policy, Request request, Map<String, Object> params) {
    return review(policy, request, params, null);
  }

  /**
   * As {@link #review(AdmissionPolicy, Request, Map)}, adding every evaluated expression's
   * estimated cost to {@code cost} (the API server allows 1,000,000 per expression and 10,000,000
   * per policy and request).
   */
  Verdict review(
      AdmissionPolicy policy, Request request, Map<String, Object> params, CostEstimate cost) {
    if (!policy.matches(
        request.group(), request.version(), request.resource(), request.operation())) {
      return Verdict.notMatched("no resource rule matches");
    }
    if (params == null) {
      return Verdict.notMatched("no params object (parameterNotFoundAction: Allow)");
    }
    Map<String, Object> activation = new LinkedHashMap<>();
    activation.put("object", CelValues.of(request.object()));
    activation.put("oldObject", CelValues.of(request.oldObject()));
    activation.put("params", params);
    activation.put("request", request.toCel());
    Map<String, Object> variables = new LinkedHashMap<>();
    activation.put("variables", variables);

    List<Verdict.Denial> errors = new ArrayList<>();
    boolean anyFalse = false;
    for (AdmissionPolicy.Named condition : policy.matchConditions()) {
      Object result = evaluate(condition.expression(), activation, cost);
      if (result instanceof Boolean b) {
        anyFalse |= !b;
      } else {
        errors.add(Verdict.Denial.error(condition.name(), String.valueOf(result)));
      }
    }
    if (anyFalse) {
      return Verdict.notMatched("a match condition is false");
    }
    if (!errors.isEmpty()) {
      return Verdict.denied(errors);
    }
    for (AdmissionPolicy.Named variable : policy.variables()) {
      Object value = evaluate(variable.expression(), activation, cost);
      // An erroring variable stays undefined: referencing it is an error, as on the API server.
      if (!(value instanceof EvaluationError)) {
        variables.put(variable.name(), value);
      }
    }
    List<Verdict.Denial> denials = new ArrayList<>();
    for (AdmissionPolicy.Validation validation : policy.validations()) {
      Object result = evaluate(validation.expression(), activation, cost);
      if (Boolean.TRUE.equals(result)) {
        continue;
      }
      if (result instanceof Boolean) {
        denials.add(
            Verdict.Denial.of(
                validation.expression(),
                message(validation, activation),
                validation.reason() == null ? "Invalid" : validation.reason()));
      } else {
        denials.add(Verdict.Denial.error(validation.expression(), String.valueOf(result)));
      }
    }
    return denials.isEmpty() ? Verdict.admitted() : Verdict.denied(denials);
  }

  private String message(AdmissionPolicy.Validation validation, Map<String, Object> activation) {
    if (validation.messageExpression() != null) {
      Object message = evaluate(validation.messageExpression(), activation, null);
      if (message instanceof String text) {
        return text;
      }
      // The API server falls back to the static message when messageExpression fails; a test
      // should see it, so the failure is part of the text.
      return "messageExpression failed (" + message + "); " + validation.message();
    }
    return validation.message() != null
        ? validation.message()
        : "failed expression: " + validation.expression();
  }

  private Object evaluate(String expression, Map<String, Object> activation, CostEstimate cost) {
    CelRuntime.Program program = program(expression);
    try {
      if (cost == null) {
        return program.eval(activation);
      }
      cost.nextExpression();
      return program.trace(activation, cost);
    } catch (CelEvaluationException e) {
      return new EvaluationError(e.getMessage());
    }
  }

  /** A failed evaluation, kept as a value so that the caller decides what it means. */
  record EvaluationError(String message) {
    @Override
    public String toString() {
      return "error: " + message;
    }
  }

  /** The parts of an AdmissionRequest the policies read, plus the objects. */
  record Request(
      String operation,
      String group,
      String version,
      String resource,
      String namespace,
      String name,
      String username,
      List<String> groups,
      JsonObject object,
      JsonObject oldObject) {

    /** The request as the API server converts it for CEL: empty fields are absent. */
    Map<String, Object> toCel() {
      Map<String, Object> userInfo = new LinkedHashMap<>();
      if (username != null) {
        userInfo.put("username", username);
      }
      if (groups != null && !groups.isEmpty()) {
        userInfo.put("groups", List.copyOf(groups));
      }
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("kind", Map.of("group", group, "version", version, "kind", kindOf(resource)));
      request.put("resource", Map.of("group", group, "version", version, "resource", resource));
      request.put("operation", operation);
      if (name != null) {
        request.put("name", name);
      }
      if (namespace != null) {
        request.put("namespace", namespace);
      }
      request.put("userInfo", userInfo);
      request.put("dryRun", false);
      return request;
    }

    private static String kindOf(String resource) {
      return switch (resource) {
        case "statefulsets" -> "StatefulSet";
        case "events" -> "Event";
        default -> resource;
      };
    }
  }
}
