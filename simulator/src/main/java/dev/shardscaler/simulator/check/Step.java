package dev.shardscaler.simulator.check;

import com.google.gson.JsonObject;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.simulator.discord.Ledger;
import java.time.Instant;

/**
 * What one pass left observable: the StatefulSet before (as the pass read it) and after, Discord's
 * answer, the session starts spent since the previous pass, and — after a change — the state once
 * the same pass ran again right away.
 *
 * @param beforeJson the object as read, when the pass wrote something; else null
 * @param afterJson the object after the pass, when it wrote something; else null
 * @param result the pass's result; null for the closing step after the last pass
 * @param discord Discord's answer to this pass; null if the pass did not ask
 * @param rerun the set after running the pass again at once; null when the pass changed nothing
 * @param rerunResult that second pass's result; null likewise
 * @param ledger session starts spent since the previous step
 */
public record Step(
    Instant at,
    SetFacts before,
    SetFacts after,
    JsonObject beforeJson,
    JsonObject afterJson,
    ScaleResult result,
    GatewayBot discord,
    SetFacts rerun,
    ScaleResult rerunResult,
    Ledger ledger) {

  /** The pass changed the spec or the layout (annotations alone are no change). */
  public boolean changed() {
    return after.changedFrom(before);
  }
}
