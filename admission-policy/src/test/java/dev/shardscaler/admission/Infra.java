package dev.shardscaler.admission;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The shipped files under infra/, read in place. */
final class Infra {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path ADMISSION = REPO.resolve("infra/k8s/admission");
  static final Path PARAMS = REPO.resolve("infra/k8s/rbac/params.yaml");
  static final Path BLUEGREEN = REPO.resolve("infra/k8s/bluegreen");

  private Infra() {}

  static AdmissionPolicy statefulSetPolicy() {
    return AdmissionPolicy.load(ADMISSION.resolve("statefulset-policy.yaml"));
  }

  static AdmissionPolicy eventPolicy() {
    return AdmissionPolicy.load(ADMISSION.resolve("event-policy.yaml"));
  }

  static AdmissionPolicy siblingsPolicy() {
    return AdmissionPolicy.load(BLUEGREEN.resolve("siblings-policy.yaml"));
  }

  static AdmissionPolicy siblingTemplatePolicy() {
    return AdmissionPolicy.load(BLUEGREEN.resolve("sibling-template-policy.yaml"));
  }

  static AdmissionPolicy switchPolicy() {
    return AdmissionPolicy.load(BLUEGREEN.resolve("switch-policy.yaml"));
  }

  /** The shipped params with the key the blue/green component adds (bluegreen: "true"). */
  static Map<String, Object> blueGreenParams(String namespace) {
    return withData(params(namespace), data -> data.put("bluegreen", "true"));
  }

  /** The shipped params ConfigMap, as the policy sees it once applied in {@code namespace}. */
  static Map<String, Object> params(String namespace) {
    try {
      return configMap(Files.readString(PARAMS, UTF_8), namespace);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A ConfigMap given as YAML, as the policy sees it: the unstructured object, in a namespace. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> configMap(String yaml, String namespace) {
    Map<String, Object> configMap = new LinkedHashMap<>(new Yaml().<Map<String, Object>>load(yaml));
    if (!"ConfigMap".equals(configMap.get("kind"))) {
      throw new IllegalArgumentException("not a ConfigMap: " + configMap.get("kind"));
    }
    Map<String, Object> metadata =
        new LinkedHashMap<>((Map<String, Object>) configMap.get("metadata"));
    metadata.put("namespace", namespace);
    configMap.put("metadata", metadata);
    Map<String, Object> data = new LinkedHashMap<>();
    ((Map<String, Object>) configMap.getOrDefault("data", Map.of()))
        .forEach((key, value) -> data.put(key, String.valueOf(value)));
    configMap.put("data", data);
    return configMap;
  }

  /** A copy of {@code params} whose data is changed by {@code edit}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withData(
      Map<String, Object> params, java.util.function.Consumer<Map<String, Object>> edit) {
    Map<String, Object> copy = new LinkedHashMap<>(params);
    Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) params.get("data"));
    edit.accept(data);
    copy.put("data", data);
    return copy;
  }
}
