package dev.shardscaler.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardscaler.core.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

  @Test
  void decodesUtf8AndSkipsAByteOrderMark() {
    byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};

    assertThat(Utf8.decode("café 📈".getBytes(StandardCharsets.UTF_8), "body"))
        .isEqualTo("café 📈");
    assertThat(Utf8.decode(withBom, "body")).isEqualTo("{}");
  }

  @Test
  void refusesInvalidBytesNamingTheOffset() {
    byte[] latin1 = "{\"r\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> Utf8.decode(latin1, "body"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("body is not valid UTF-8: byte 0xE9 at offset 9");
  }

  @Test
  void refusesATruncatedSequence() {
    assertThatThrownBy(() -> Utf8.decode(new byte[] {'{', '}', (byte) 0xE2, (byte) 0x82}, "body"))
        .hasMessageContaining("byte 0xE2 at offset 2");
  }
}
