package dev.shardscaler.admission;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * A ValidatingAdmissionPolicy as written in infra/: the parts admission evaluates (match rules,
 * match conditions, variables, validations), read from the YAML file itself so that the tests check
 * the shipped expressions, never a copy.
 */
record AdmissionPolicy(
    String name,
    String failurePolicy,
    List<ResourceRule> rules,
    List<Named> matchConditions,
    List<Named> variables,
    List<Validation> validations) {

  /** One entry of spec.matchConstraints.resourceRules. */
  record ResourceRule(
      List<String> apiGroups,
      List<String> apiVersions,
      List<String> operations,
      List<String> resources) {

    boolean matches(String group, String version, String resource, String operation) {
      return anyOf(apiGroups, group)
          && anyOf(apiVersions, version)
          && anyOf(resources, resource)
          && anyOf(operations, operation);
    }

    private static boolean anyOf(List<String> allowed, String value) {
      return allowed.contains("*") || allowed.contains(value);
    }
  }

  /** A match condition or a variable: a name and a CEL expression. */
  record Named(String name, String expression) {}

  /** One entry of spec.validations. */
  record Validation(String expression, String message, String messageExpression, String reason) {}

  static AdmissionPolicy load(Path file) {
    String text;
    try {
      text = Files.readString(file, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> root = new Yaml().load(text);
    if (!"ValidatingAdmissionPolicy".equals(root.get("kind"))
        || !"admissionregistration.k8s.io/v1".equals(root.get("apiVersion"))) {
      throw new IllegalArgumentException(
          file + " is not an admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy");
    }
    Map<String, Object> spec = map(root, "spec");
    List<ResourceRule> rules = new ArrayList<>();
    for (Map<String, Object> rule : maps(map(spec, "matchConstraints"), "resourceRules")) {
      rules.add(
          new ResourceRule(
              strings(rule, "apiGroups"),
              strings(rule, "apiVersions"),
              strings(rule, "operations"),
              strings(rule, "resources")));
    }
    List<Validation> validations = new ArrayList<>();
    for (Map<String, Object> v : maps(spec, "validations")) {
      validations.add(
          new Validation(
              (String) v.get("expression"),
              (String) v.get("message"),
              (String) v.get("messageExpression"),
              (String) v.get("reason")));
    }
    return new AdmissionPolicy(
        (String) map(root, "metadata").get("name"),
        (String) spec.getOrDefault("failurePolicy", "Fail"),
        rules,
        named(maps(spec, "matchConditions")),
        named(maps(spec, "variables")),
        validations);
  }

  boolean matches(String group, String version, String resource, String operation) {
    return rules.stream().anyMatch(rule -> rule.matches(group, version, resource, operation));
  }

  /** Every CEL expression of the policy, for compile checks. */
  List<String> expressions() {
    List<String> all = new ArrayList<>();
    matchConditions.forEach(c -> all.add(c.expression()));
    variables.forEach(v -> all.add(v.expression()));
    for (Validation v : validations) {
      all.add(v.expression());
      if (v.messageExpression() != null) {
        all.add(v.messageExpression());
      }
    }
    return all;
  }

  private static List<Named> named(List<Map<String, Object>> entries) {
    return entries.stream()
        .map(e -> new Named((String) e.get("name"), (String) e.get("expression")))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("missing object " + key);
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Map<String, Object> parent, String key) {
    return (List<String>) parent.get(key);
  }
}
