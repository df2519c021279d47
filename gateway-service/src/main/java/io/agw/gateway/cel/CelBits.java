package io.agw.gateway.cel;

import static io.agw.model.cel.CelBitDeclarations.overload;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelFunctionBinding;
import io.agw.model.cel.CelBitDeclarations;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The bindings of {@link CelBitDeclarations}: agentgateway's bitwise operations on bytes. Bytes are
 * a big-endian unsigned number of at most 32 bytes; with an int, the int must not be negative, and
 * the result must fit the int or uint it is returned as. Stateless.
 */
final class CelBits {

  /** agentgateway's limit on a bytes operand. */
  static final int MAX_BYTES = 32;

  private CelBits() {}

  static List<CelFunctionBinding> bindings() {
    List<CelFunctionBinding> out = new ArrayList<>();
    for (String f : CelBitDeclarations.FUNCTIONS) {
      BinaryOperator<BigInteger> op =
          switch (f) {
            case "bitAnd" -> BigInteger::and;
            case "bitOr" -> BigInteger::or;
            default -> BigInteger::xor;
          };
      String name = "math." + f;
      out.add(
          CelFunctionBinding.from(
              overload(f, "bytes", "bytes"),
              CelByteString.class,
              CelByteString.class,
              (a, b) ->
                  bytes(op.apply(number(name, a), number(name, b)), Math.max(a.size(), b.size()))));
      out.add(
          CelFunctionBinding.from(
              overload(f, "int", "bytes"),
              Long.class,
              CelByteString.class,
              (a, b) -> toInt(name, op.apply(fromInt(name, a), number(name, b)))));
      out.add(
          CelFunctionBinding.from(
              overload(f, "bytes", "int"),
              CelByteString.class,
              Long.class,
              (a, b) -> toInt(name, op.apply(number(name, a), fromInt(name, b)))));
      out.add(
          CelFunctionBinding.from(
              overload(f, "uint", "bytes"),
              UnsignedLong.class,
              CelByteString.class,
              (a, b) -> toUint(name, op.apply(a.bigIntegerValue(), number(name, b)))));
      out.add(
          CelFunctionBinding.from(
              overload(f, "bytes", "uint"),
              CelByteString.class,
              UnsignedLong.class,
              (a, b) -> toUint(name, op.apply(number(name, a), b.bigIntegerValue()))));
    }
    return out;
  }

  private static BigInteger number(String function, CelByteString bytes) {
    if (bytes.size() > MAX_BYTES) {
      throw new IllegalArgumentException(
          function + "(): a bytes operand has at most " + MAX_BYTES + " bytes");
    }
    return new BigInteger(1, bytes.toByteArray());
  }

  private static BigInteger fromInt(String function, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          function + "(): a negative int cannot be combined with bytes");
    }
    return BigInteger.valueOf(value);
  }

  private static long toInt(String function, BigInteger value) {
    if (value.bitLength() > 63) {
      throw new IllegalArgumentException(function + "(): the result does not fit an int");
    }
    return value.longValue();
  }

  private static UnsignedLong toUint(String function, BigInteger value) {
    if (value.bitLength() > 64) {
      throw new IllegalArgumentException(function + "(): the result does not fit a uint");
    }
    return UnsignedLong.valueOf(value);
  }

  /** {@code value} as {@code length} big-endian bytes (its high bytes beyond are zero). */
  private static CelByteString bytes(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return CelByteString.of(out);
  }
}
