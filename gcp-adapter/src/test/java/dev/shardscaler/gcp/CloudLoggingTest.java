package dev.shardscaler.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One strict JSON object per line, whatever the message holds. */
class CloudLoggingTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "SEVERE, ERROR",
    "WARNING, WARNING",
    "INFO, INFO",
    "CONFIG, INFO",
    "FINE, DEBUG",
  })
  void writesStrictJsonWithTheSeverity(String level, String severity) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CloudLogging handler = new CloudLogging(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    LogRecord record =
        new LogRecord(
            Level.parse(level), "tab\there NUL\u0000 ESC\u001b[31m DEL\u007f C1\u0085 {0}");
    record.setParameters(new Object[] {"\u202eevil"});
    record.setSourceClassName("dev.shardscaler.core.http.HttpTrigger");
    record.setSourceMethodName("handle");
    record.setThrown(new IllegalStateException("with a stack trace"));

    handler.publish(record);

    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(output.lines()).hasSize(1);
    String line = output.lines().findFirst().orElseThrow();
    assertThat(line.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x202e))
        .as(line)
        .isTrue();
    JsonReader reader = new JsonReader(new StringReader(line));
    reader.setStrictness(Strictness.STRICT);
    JsonObject entry = JsonParser.parseReader(reader).getAsJsonObject();
    assertThat(entry.get("severity").getAsString()).isEqualTo(severity);
    assertThat(entry.get("message").getAsString())
        .startsWith("tab\there NUL\u0000 ESC\u001b[31m DEL\u007f C1\u0085 \u202eevil")
        .contains("IllegalStateException: with a stack trace")
        .contains("\tat ");
    assertThat(
            entry
                .getAsJsonObject("logging.googleapis.com/sourceLocation")
                .get("file")
                .getAsString())
        .isEqualTo("dev/shardscaler/core/http/HttpTrigger.java");
  }
}
