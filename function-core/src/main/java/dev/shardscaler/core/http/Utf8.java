package dev.shardscaler.core.http;

import dev.shardscaler.core.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bytes to text, as UTF-8 and nothing else: an invalid sequence is refused with its offset instead
 * of becoming a replacement character. A leading byte order mark is skipped (RFC 8259 lets a reader
 * ignore it; some Windows tools write one).
 */
public final class Utf8 {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private Utf8() {}

  /**
   * @param what how the message names the bytes: "body", "data_base64", …
   * @throws InvalidRequestException naming the first invalid byte and its offset
   */
  public static String decode(byte[] bytes, String what) {
    int start = startsWithBom(bytes) ? BOM.length : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      throw new InvalidRequestException(
          List.of(
              what
                  + " is not valid UTF-8: byte "
                  + String.format("0x%02X", bytes[offset] & 0xFF)
                  + " at offset "
                  + offset
                  + " (send the JSON encoded as UTF-8)"));
    }
    return out.flip().toString();
  }

  private static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
  }
}
