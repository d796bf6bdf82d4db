package dev.shardscaler.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A deployable's CycloneDX SBOM (JSON) as the build wrote it: what it describes and the components
 * it lists as {@code group:name}. The cyclonedx plugin only runs in online builds: {@link
 * #offlineBuild()} tells a test when there is, rightly, nothing to read.
 */
public record Sbom(String component, String specVersion, List<String> components) {

  /**
   * True when Maven ran offline (-o), which skips the SBOM. Failsafe passes {@code
   * maven.offline=offline=<settings.offline>}: the prefix makes Maven hand over a string.
   */
  public static boolean offlineBuild() {
    return "offline=true".equals(System.getProperty("maven.offline"));
  }

  public static Sbom read(Path file) throws IOException {
    JsonObject bom = JsonParser.parseString(Files.readString(file, UTF_8)).getAsJsonObject();
    if (!"CycloneDX".equals(bom.get("bomFormat").getAsString())) {
      throw new IllegalArgumentException(file + " is not a CycloneDX BOM");
    }
    JsonObject described = bom.getAsJsonObject("metadata").getAsJsonObject("component");
    List<String> components = new ArrayList<>();
    for (JsonElement element : bom.getAsJsonArray("components")) {
      JsonObject component = element.getAsJsonObject();
      components.add(
          component.get("group").getAsString() + ":" + component.get("name").getAsString());
    }
    return new Sbom(
        described.get("group").getAsString() + ":" + described.get("name").getAsString(),
        bom.get("specVersion").getAsString(),
        List.copyOf(components));
  }
}
