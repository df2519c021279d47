package io.agw.model.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.SimpleType;
import java.util.ArrayList;
import java.util.List;

/**
 * agentgateway's {@code math.bitAnd}, {@code math.bitOr} and {@code math.bitXor} on bytes, beside
 * cel-java's int and uint overloads: bytes with bytes gives bytes (both read as big-endian unsigned
 * numbers, the result as long as the longer operand), bytes with an int or a uint gives that type.
 * The overload ids ({@code <function>_<left>_<right>}) are the contract with the gateway's
 * bindings. Immutable.
 */
public final class CelBitDeclarations {

  /** The functions, without the {@code math.} prefix. */
  public static final List<String> FUNCTIONS = List.of("bitAnd", "bitOr", "bitXor");

  private CelBitDeclarations() {}

  /** The overload id of {@code math.<function>(left, right)}. */
  public static String overload(String function, String left, String right) {
    return "agw_math_" + function + "_" + left + "_" + right;
  }

  static List<CelFunctionDecl> functions() {
    List<CelFunctionDecl> out = new ArrayList<>();
    var bytes = SimpleType.BYTES;
    var i = SimpleType.INT;
    var u = SimpleType.UINT;
    for (String f : FUNCTIONS) {
      out.add(
          newFunctionDeclaration(
              "math." + f,
              newGlobalOverload(overload(f, "bytes", "bytes"), bytes, bytes, bytes),
              newGlobalOverload(overload(f, "int", "bytes"), i, i, bytes),
              newGlobalOverload(overload(f, "bytes", "int"), i, bytes, i),
              newGlobalOverload(overload(f, "uint", "bytes"), u, u, bytes),
              newGlobalOverload(overload(f, "bytes", "uint"), u, bytes, u)));
    }
    return out;
  }
}
