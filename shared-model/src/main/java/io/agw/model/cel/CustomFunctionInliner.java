package io.agw.model.cel;

import dev.cel.common.ast.CelExpr;
import dev.cel.parser.CelMacroExprFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes a custom function's compiled body in place of one call: each parameter (and {@code this})
 * replaced by a fresh copy of the argument written at the call, every other name left to mean what
 * it means where the call is (so {@code request} in a body is the caller's request, as in
 * agentgateway). The body's own comprehension variables are renamed with an {@code @} prefix, which
 * an expression cannot write, so an argument never meets a body variable of the same name. One
 * instance per call site; not thread-safe.
 */
final class CustomFunctionInliner {

  private final CelMacroExprFactory f;
  private final String prefix;

  CustomFunctionInliner(CelMacroExprFactory f, String function) {
    this.f = f;
    this.prefix = "@agw_" + function + "_";
  }

  CelExpr inline(CelExpr body, Map<String, Supplier<CelExpr>> arguments) {
    return rebuild(body, arguments);
  }

  private CelExpr rebuild(CelExpr e, Map<String, Supplier<CelExpr>> scope) {
    switch (e.getKind()) {
      case CONSTANT:
        return f.newConstant(e.constant());
      case IDENT:
        {
          Supplier<CelExpr> bound = scope.get(e.ident().name());
          return bound != null ? bound.get() : f.newIdentifier(e.ident().name());
        }
      case SELECT:
        return f.newSelect(
            rebuild(e.select().operand(), scope), e.select().field(), e.select().testOnly());
      case CALL:
        {
          List<CelExpr> args = all(e.call().args(), scope);
          if (e.call().target().isPresent()) {
            return f.newReceiverCall(
                e.call().function(), rebuild(e.call().target().get(), scope), args);
          }
          return f.newGlobalCall(e.call().function(), args);
        }
      case LIST:
        return f.newList(all(e.list().elements(), scope));
      case MAP:
        {
          List<CelExpr.CelMap.Entry> entries = new ArrayList<>();
          for (CelExpr.CelMap.Entry entry : e.map().entries()) {
            entries.add(f.newMapEntry(rebuild(entry.key(), scope), rebuild(entry.value(), scope)));
          }
          return f.newMap(entries);
        }
      case STRUCT:
        {
          List<CelExpr.CelStruct.Entry> fields = new ArrayList<>();
          for (CelExpr.CelStruct.Entry entry : e.struct().entries()) {
            fields.add(f.newMessageField(entry.fieldKey(), rebuild(entry.value(), scope)));
          }
          return f.newMessage(e.struct().messageName(), fields);
        }
      case COMPREHENSION:
        return comprehension(e.comprehension(), scope);
      default:
        return f.reportError("a custom function's body holds an expression that cannot be inlined");
    }
  }

  private CelExpr comprehension(CelExpr.CelComprehension c, Map<String, Supplier<CelExpr>> scope) {
    CelExpr range = rebuild(c.iterRange(), scope);
    CelExpr init = rebuild(c.accuInit(), scope);
    Map<String, Supplier<CelExpr>> inner = new HashMap<>(scope);
    String iter = rename(c.iterVar(), inner);
    String iter2 = c.iterVar2().isEmpty() ? "" : rename(c.iterVar2(), inner);
    String accu = rename(c.accuVar(), inner);
    CelExpr condition = rebuild(c.loopCondition(), inner);
    CelExpr step = rebuild(c.loopStep(), inner);
    CelExpr result = rebuild(c.result(), inner);
    if (iter2.isEmpty()) {
      return f.fold(iter, range, accu, init, condition, step, result);
    }
    return f.fold(iter, iter2, range, accu, init, condition, step, result);
  }

  private String rename(String variable, Map<String, Supplier<CelExpr>> scope) {
    String renamed = prefix + variable;
    scope.put(variable, () -> f.newIdentifier(renamed));
    return renamed;
  }

  private List<CelExpr> all(List<CelExpr> exprs, Map<String, Supplier<CelExpr>> scope) {
    List<CelExpr> out = new ArrayList<>(exprs.size());
    for (CelExpr e : exprs) {
      out.add(rebuild(e, scope));
    }
    return out;
  }
}
