package dev.shardscaler.admission;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An estimate of what the API server would charge for evaluating the policy, modelled on cel-go's
 * runtime cost with Kubernetes' cost estimator: one unit per evaluated node (identifier, field
 * selection, call, comprehension step), plus the size of the values an equality or membership test
 * traverses, plus a tenth of the length of the strings a string function reads. It is an estimate,
 * not the API server's exact figure: CEL for Java and cel-go evaluate slightly different node sets,
 * and the traversal is charged on the larger operand.
 */
final class CostEstimate implements CelEvaluationListener {
  private static final Set<String> TRAVERSING = Set.of("_==_", "_!=_", "@in");
  private static final Set<String> STRING_READING =
      Set.of("matches", "startsWith", "endsWith", "contains", "split", "trim", "join", "_+_");

  private final Map<Long, Object> results = new HashMap<>();
  private long total;

  @Override
  public void callback(CelExpr expr, Object result) {
    results.put(expr.id(), result);
    total++;
    if (expr.getKind() != CelExpr.ExprKind.Kind.CALL) {
      return;
    }
    List<Object> operands = new ArrayList<>();
    expr.call().target().ifPresent(target -> operands.add(results.get(target.id())));
    expr.call().args().forEach(arg -> operands.add(results.get(arg.id())));
    String function = expr.call().function();
    if (TRAVERSING.contains(function)) {
      total += operands.stream().mapToLong(CelValues::deepSize).max().orElse(0);
    }
    if (STRING_READING.contains(function)) {
      for (Object operand : operands) {
        if (operand instanceof String text) {
          total += (text.length() + 9) / 10;
        }
      }
    }
  }

  /** Starts a new expression: ids are per expression. */
  void nextExpression() {
    results.clear();
  }

  long total() {
    return total;
  }
}
