package dev.shardscaler.simulator.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The time formats the simulator reads: RFC 3339 with Z or an offset, or a date (UTC midnight). */
public final class Timestamps {
  private Timestamps() {}

  /** The instant, or null when the text is none of the accepted forms. */
  public static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // not a date-time; maybe a date
    }
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
