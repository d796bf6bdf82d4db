package dev.shardscaler.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AssignmentTest {

  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of("seed example", 12, 4, List.of("bot-0: 0-3", "bot-1: 4-7", "bot-2: 8-11")),
        Arguments.of("uneven split", 10, 4, List.of("bot-0: 0-3", "bot-1: 4-7", "bot-2: 8-9")),
        Arguments.of("one shard per pod", 3, 1, List.of("bot-0: 0", "bot-1: 1", "bot-2: 2")),
        Arguments.of("a single pod", 1, 4, List.of("bot-0: 0")),
        Arguments.of(
            "last pod holds one shard", 9, 4, List.of("bot-0: 0-3", "bot-1: 4-7", "bot-2: 8")));
  }

  @ParameterizedTest(name = "{0}: {1} shards, {2} per bot")
  @MethodSource("layouts")
  void splitsShardsAcrossPodsInOrder(String name, int shards, int perBot, List<String> table) {
    ShardCounts layout = ShardCounts.of(shards, perBot);

    assertThat(layout.replicas()).isEqualTo(table.size());
    assertThat(Assignment.table("bot", layout)).map(Assignment::toString).isEqualTo(table);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void everyShardHasExactlyOnePod(String name, int shards, int perBot, List<String> table) {
    List<Assignment> assignments = Assignment.table("bot", ShardCounts.of(shards, perBot));

    assertThat(assignments.get(0).first()).isZero();
    assertThat(assignments.get(assignments.size() - 1).last()).isEqualTo(shards - 1);
    for (int i = 1; i < assignments.size(); i++) {
      assertThat(assignments.get(i).first()).isEqualTo(assignments.get(i - 1).last() + 1);
    }
  }
}
