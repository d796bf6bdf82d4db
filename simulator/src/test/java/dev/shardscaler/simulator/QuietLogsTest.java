package dev.shardscaler.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.simulator.cluster.StartState;
import dev.shardscaler.simulator.history.CsvHistory;
import dev.shardscaler.simulator.report.Timeline;
import java.io.StringReader;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class QuietLogsTest {
  @Test
  void thePassesLogNothingDuringARunAndTheLevelIsPutBackAfter() throws Exception {
    Logger core = (Logger) LoggerFactory.getLogger(QuietLogs.CORE);
    Logger function = (Logger) LoggerFactory.getLogger(ScaleFunction.class);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    function.addAppender(seen);
    core.setLevel(Level.INFO);
    try {
      Simulation.run(
          new Setup(
              Settings.fromEnv(new HashMap<>(SimulateCommand.PLACEHOLDERS)),
              CsvHistory.parse(
                  new StringReader("timestamp,guilds\n2026-01-01,1000\n2026-01-02,3000\n"),
                  "t.csv"),
              StartState.of(1, 1),
              Duration.ofMinutes(10),
              Duration.ofSeconds(10)),
          Timeline.none());

      assertThat(seen.list).isEmpty();
      assertThat(core.getLevel()).isEqualTo(Level.INFO);
      function.info("after the run");
      assertThat(seen.list).hasSize(1);
    } finally {
      function.detachAppender(seen);
      core.setLevel(null);
    }
  }
}
