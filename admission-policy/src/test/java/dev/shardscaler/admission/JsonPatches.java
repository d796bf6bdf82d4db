package dev.shardscaler.admission;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonStructure;
import java.io.StringReader;

/** Applies a JSON Patch (RFC 6902) the way the API server does, with Parsson. */
final class JsonPatches {
  private JsonPatches() {}

  static JsonObject apply(String patch, JsonObject target) {
    JsonArray operations;
    try (var reader = Json.createReader(new StringReader(patch))) {
      operations = reader.readArray();
    }
    JsonStructure document;
    try (var reader = Json.createReader(new StringReader(target.toString()))) {
      document = reader.readObject();
    }
    JsonStructure patched = Json.createPatch(operations).apply(document);
    return JsonParser.parseString(patched.toString()).getAsJsonObject();
  }
}
