package io.agw.model.cel;

import com.google.common.collect.ImmutableList;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.values.NullValue;
import dev.cel.parser.CelMacro;
import dev.cel.parser.CelMacroExprFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * agentgateway's functions that take an identifier or catch a missing key, as parse-time macros
 * over standard CEL comprehensions and optionals:
 *
 * <ul>
 *   <li>{@code v.with(x, e)}: {@code e} with {@code x} bound to {@code v};
 *   <li>{@code m.mapValues(v, e)}: {@code m} with each value replaced by {@code e};
 *   <li>{@code m.filterKeys(k, p)}: the entries of {@code m} whose key satisfies {@code p};
 *   <li>{@code default(e, d)}: {@code e}, or {@code d} when {@code e} names a missing key or is
 *       null;
 *   <li>{@code coalesce(e1, ..., en)}: the first argument that has a non-null value, missing keys
 *       skipped;
 *   <li>{@code variables()}: every variable as one map.
 * </ul>
 *
 * Names starting with {@code @} cannot be written in an expression, so the macros' own variables
 * never clash with the user's. Immutable.
 */
public final class CelMacros {

  private static final String TARGET = "@agw_target";
  private static final String KEY = "@agw_key";
  private static final String VALUE = "@agw_value";
  private static final String UNUSED = "#unused";

  private CelMacros() {}

  static List<CelMacro> all() {
    return List.of(
        CelMacro.newReceiverMacro("with", 2, CelMacros::with),
        CelMacro.newReceiverMacro("mapValues", 2, CelMacros::mapValues),
        CelMacro.newReceiverMacro("filterKeys", 2, CelMacros::filterKeys),
        CelMacro.newGlobalMacro("default", 2, CelMacros::defaultValue),
        CelMacro.newGlobalVarArgMacro("coalesce", CelMacros::coalesce),
        CelMacro.newGlobalMacro("variables", 0, CelMacros::variables));
  }

  private static Optional<CelExpr> with(
      CelMacroExprFactory f, CelExpr target, ImmutableList<CelExpr> args) {
    if (args.get(0).getKind() != CelExpr.ExprKind.Kind.IDENT) {
      return Optional.of(f.reportError("with(): the first argument must be an identifier"));
    }
    return Optional.of(bind(f, args.get(0).ident().name(), target, args.get(1)));
  }

  private static Optional<CelExpr> mapValues(
      CelMacroExprFactory f, CelExpr target, ImmutableList<CelExpr> args) {
    if (args.get(0).getKind() != CelExpr.ExprKind.Kind.IDENT) {
      return Optional.of(f.reportError("mapValues(): the first argument must be an identifier"));
    }
    String accu = f.getAccumulatorVarName();
    CelExpr value =
        bind(
            f,
            args.get(0).ident().name(),
            f.newGlobalCall("_[_]", f.newIdentifier(TARGET), f.newIdentifier(KEY)),
            args.get(1));
    CelExpr step =
        f.newGlobalCall(
            CelFunctionDeclarations.MAP_INSERT_FUNCTION,
            f.newIdentifier(accu),
            f.newIdentifier(KEY),
            value);
    CelExpr loop =
        f.fold(
            KEY,
            f.newIdentifier(TARGET),
            accu,
            f.newMap(),
            f.newBoolLiteral(true),
            step,
            f.newIdentifier(accu));
    return Optional.of(bind(f, TARGET, target, loop));
  }

  private static Optional<CelExpr> filterKeys(
      CelMacroExprFactory f, CelExpr target, ImmutableList<CelExpr> args) {
    if (args.get(0).getKind() != CelExpr.ExprKind.Kind.IDENT) {
      return Optional.of(f.reportError("filterKeys(): the first argument must be an identifier"));
    }
    String key = args.get(0).ident().name();
    String accu = f.getAccumulatorVarName();
    CelExpr keep =
        f.newGlobalCall(
            CelFunctionDeclarations.MAP_INSERT_FUNCTION,
            f.newIdentifier(accu),
            f.newIdentifier(key),
            f.newGlobalCall("_[_]", f.newIdentifier(TARGET), f.newIdentifier(key)));
    CelExpr step = f.newGlobalCall("_?_:_", args.get(1), keep, f.newIdentifier(accu));
    CelExpr loop =
        f.fold(
            key,
            f.newIdentifier(TARGET),
            accu,
            f.newMap(),
            f.newBoolLiteral(true),
            step,
            f.newIdentifier(accu));
    return Optional.of(bind(f, TARGET, target, loop));
  }

  private static Optional<CelExpr> defaultValue(
      CelMacroExprFactory f, CelExpr target, ImmutableList<CelExpr> args) {
    return Optional.of(orElse(f, args.get(0), args.get(1), VALUE));
  }

  private static Optional<CelExpr> coalesce(
      CelMacroExprFactory f, CelExpr target, ImmutableList<CelExpr> args) {
    if (args.isEmpty()) {
      return Optional.of(f.reportError("coalesce() needs at least one argument"));
    }
    // The last argument is the fallback as written: its error or null is the result.
    CelExpr result = args.get(args.size() - 1);
    for (int i = args.size() - 2; i >= 0; i--) {
      result = orElse(f, args.get(i), result, VALUE + i);
    }
    return Optional.of(result);
  }

  private static Optional<CelExpr> variables(
      CelMacroExprFactory f, CelExpr target, ImmutableList<CelExpr> args) {
    List<CelExpr.CelMap.Entry> entries = new ArrayList<>();
    for (String name : CelDeclarations.VARIABLES) {
      entries.add(f.newMapEntry(f.newStringLiteral(name), f.newIdentifier(name)));
    }
    return Optional.of(f.newMap(entries));
  }

  /**
   * {@code expr} when it has a non-null value, else {@code fallback}; missing keys count as none.
   */
  private static CelExpr orElse(
      CelMacroExprFactory f, CelExpr expr, CelExpr fallback, String variable) {
    // dyn(): the value's static type may be narrower than the fallback's, or null's.
    CelExpr present =
        f.newGlobalCall(
            "_&&_",
            f.newReceiverCall("hasValue", f.newIdentifier(variable)),
            f.newGlobalCall(
                "_!=_",
                f.newGlobalCall("dyn", f.newReceiverCall("value", f.newIdentifier(variable))),
                f.newConstant(CelConstant.ofValue(NullValue.NULL_VALUE))));
    CelExpr value = f.newGlobalCall("dyn", f.newReceiverCall("value", f.newIdentifier(variable)));
    CelExpr choice = f.newGlobalCall("_?_:_", present, value, fallback);
    return bind(f, variable, optional(f, expr), choice);
  }

  /**
   * {@code expr} as an optional: its field selections and map lookups become optional ones ({@code
   * a.?b[?"c"]}), so that a missing key gives {@code optional.none()} instead of an error.
   */
  private static CelExpr optional(CelMacroExprFactory f, CelExpr expr) {
    CelExpr chain = optionalChain(f, expr);
    return chain != null ? chain : f.newGlobalCall("optional.of", f.copy(expr));
  }

  /** The optional form of a selection or lookup chain, or null when {@code expr} is neither. */
  private static CelExpr optionalChain(CelMacroExprFactory f, CelExpr expr) {
    if (expr.getKind() == CelExpr.ExprKind.Kind.SELECT && !expr.select().testOnly()) {
      return f.newGlobalCall(
          "_?._", operand(f, expr.select().operand()), f.newStringLiteral(expr.select().field()));
    }
    if (expr.getKind() == CelExpr.ExprKind.Kind.CALL
        && expr.call().function().equals("_[_]")
        && expr.call().args().size() == 2) {
      return f.newGlobalCall(
          "_[?_]", operand(f, expr.call().args().get(0)), f.copy(expr.call().args().get(1)));
    }
    return null;
  }

  private static CelExpr operand(CelMacroExprFactory f, CelExpr operand) {
    CelExpr chain = optionalChain(f, operand);
    return chain != null ? chain : f.copy(operand);
  }

  /** {@code result} with {@code variable} bound to {@code value} (what {@code cel.bind} does). */
  private static CelExpr bind(
      CelMacroExprFactory f, String variable, CelExpr value, CelExpr result) {
    return f.fold(
        UNUSED,
        f.newList(),
        variable,
        value,
        f.newBoolLiteral(false),
        f.newIdentifier(variable),
        result);
  }
}
