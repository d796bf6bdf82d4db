package dev.shardscaler.simulator.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvHistoryTest {
  static CsvHistory parse(String text) throws IOException {
    return CsvHistory.parse(new StringReader(text), "history.csv");
  }

  @Test
  void interpolatesGuildsAndHoldsMaxConcurrencyUntilTheNextRow() throws IOException {
    CsvHistory history =
        parse(
            """
            \uFEFF# exported from the bot's dashboard
            timestamp,guilds,max_concurrency
            2026-01-01T00:00:00Z,10000,1

            2026-01-02T00:00:00Z,20000,16\r
            2026-01-03,20000,16
            """);

    assertThat(history.samples()).isEqualTo(3);
    assertThat(history.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(history.end()).isEqualTo(Instant.parse("2026-01-03T00:00:01Z"));
    assertThat(history.guilds(Instant.parse("2026-01-01T12:00:00Z"))).isEqualTo(15_000);
    assertThat(history.guilds(Instant.parse("2026-01-01T06:00:00Z"))).isEqualTo(12_500);
    assertThat(history.maxConcurrency(Instant.parse("2026-01-01T23:59:59Z"))).isEqualTo(1);
    assertThat(history.maxConcurrency(Instant.parse("2026-01-02T00:00:00Z"))).isEqualTo(16);
    assertThat(history.guilds(Instant.parse("2026-01-05T00:00:00Z"))).isEqualTo(20_000);
    // backwards after forwards: the cursor must not lie
    assertThat(history.guilds(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(10_000);
  }

  @Test
  void columnsMayComeInAnyOrderAndMaxConcurrencyIsOptional() throws IOException {
    CsvHistory history =
        parse("guilds,timestamp\n500,2026-03-01T00:00:00+02:00\n700,2026-03-01T01:00:00+02:00\n");

    assertThat(history.start()).isEqualTo(Instant.parse("2026-02-28T22:00:00Z"));
    assertThat(history.maxConcurrency(history.start())).isEqualTo(1);
    assertThat(history.guilds(Instant.parse("2026-02-28T22:30:00Z"))).isEqualTo(600);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no header, only rows      | 2026-01-01T00:00:00Z,5\\n                        | line 1, column 1: unknown column "2026-01-01T00:00:00Z"
          a header without guilds   | timestamp,members\\n2026-01-01,5\\n              | line 1, column 2: unknown column "members"
          a column twice            | timestamp,guilds,guilds\\n                       | line 1: column guilds appears twice in the header
          a missing field           | timestamp,guilds\\n2026-01-01,5\\n2026-01-02\\n   | line 3: expected 2 fields (timestamp,guilds), got 1
          a timestamp that is none  | timestamp,guilds\\n01/02/2026,5\\n2026-01-03,5\\n | line 2, column timestamp: must be an RFC 3339 time
          guilds not a number       | timestamp,guilds\\n2026-01-01,5\\n2026-01-02,"12,000"\\n | line 3: expected 2 fields (timestamp,guilds), got 3
          guilds negative           | timestamp,guilds\\n2026-01-01,-5\\n2026-01-02,5\\n | line 2, column guilds: must be an integer from 0 to 100000000, got "-5"
          guilds beyond any bot     | timestamp,guilds\\n2026-01-01,100000001\\n2026-01-02,5\\n | line 2, column guilds: must be an integer from 0 to 100000000, got "100000001"
          max_concurrency zero      | timestamp,guilds,max_concurrency\\n2026-01-01,5,0\\n2026-01-02,5,1\\n | line 2, column max_concurrency: must be an integer from 1 to 1024, got "0"
          max_concurrency empty     | timestamp,guilds,max_concurrency\\n2026-01-01,5,\\n2026-01-02,5,1\\n | line 2, column max_concurrency: must be an integer from 1 to 1024, got ""
          rows out of order         | timestamp,guilds\\n2026-01-02,5\\n2026-01-01,6\\n | line 3, column timestamp: 2026-01-01T00:00:00Z is not after 2026-01-02T00:00:00Z (line 2)
          the same time twice       | timestamp,guilds\\n2026-01-02,5\\n2026-01-02T00:00:00Z,6\\n | line 3, column timestamp: 2026-01-02T00:00:00Z is not after
          one row spans no time     | timestamp,guilds\\n2026-01-02,5\\n                | need at least two rows to span some time, got 1 row
          an empty file             | ''                                              | no header
          """)
  void refusesWhatItCannotReadNamingLineAndColumn(String name, String text, String problem) {
    assertThatThrownBy(() -> parse(text.replace("\\n", "\n")))
        .isInstanceOf(HistoryException.class)
        .satisfies(
            e ->
                assertThat(((HistoryException) e).problems())
                    .anySatisfy(p -> assertThat(p).startsWith("history.csv: ").contains(problem)));
  }

  @Test
  void reportsEveryProblemUpToALimit() {
    String rows =
        IntStream.range(0, 30)
            .mapToObj(i -> "2026-01-01T00:00:" + String.format("%02d", i) + "Z,many")
            .collect(Collectors.joining("\n"));

    assertThatThrownBy(() -> parse("timestamp,guilds\n" + rows))
        .isInstanceOf(HistoryException.class)
        .satisfies(
            e -> {
              var problems = ((HistoryException) e).problems();
              assertThat(problems).hasSize(21);
              assertThat(problems.get(0)).contains("line 2, column guilds").contains("\"many\"");
              assertThat(problems.get(20)).isEqualTo("history.csv: … and 10 more problems");
            });
  }
}
