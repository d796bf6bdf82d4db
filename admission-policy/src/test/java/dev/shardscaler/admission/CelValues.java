package dev.shardscaler.admission;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as the API server hands objects to CEL: objects become maps, arrays lists, whole numbers
 * {@code int} (the unstructured converter makes every integer an int64), other numbers {@code
 * double}, JSON null CEL {@code null}.
 */
final class CelValues {
  private CelValues() {}

  static Object of(JsonElement json) {
    if (json == null || json.isJsonNull()) {
      return NullValue.NULL_VALUE;
    }
    if (json.isJsonObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      json.getAsJsonObject().entrySet().forEach(e -> map.put(e.getKey(), of(e.getValue())));
      return map;
    }
    if (json.isJsonArray()) {
      List<Object> list = new ArrayList<>();
      json.getAsJsonArray().forEach(e -> list.add(of(e)));
      return list;
    }
    JsonPrimitive primitive = json.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return primitive.getAsBoolean();
    }
    if (primitive.isNumber()) {
      String text = primitive.getAsString();
      boolean whole = !text.contains(".") && !text.contains("e") && !text.contains("E");
      return whole ? (Object) primitive.getAsLong() : (Object) primitive.getAsDouble();
    }
    return primitive.getAsString();
  }

  /** Values in a list or map, counted through every level; 0 for a scalar. */
  static long deepSize(Object value) {
    long size = 0;
    if (value instanceof Map<?, ?> map) {
      for (Object element : map.values()) {
        size += 1 + deepSize(element);
      }
    } else if (value instanceof List<?> list) {
      for (Object element : list) {
        size += 1 + deepSize(element);
      }
    }
    return size;
  }
}
