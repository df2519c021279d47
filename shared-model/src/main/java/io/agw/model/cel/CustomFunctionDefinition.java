package io.agw.model.cel;

import java.util.List;

/**
 * One function of {@code config.customFunctions} as written: {@code name(a, b, rest...) { body }},
 * or {@code this.name(...) { body }} for one called on a receiver.
 *
 * @param name the function's name
 * @param receiver whether it is called as {@code value.name(...)}, with {@code this} bound to the
 *     value
 * @param params the fixed parameters, in order
 * @param variadic the parameter bound to the list of the remaining arguments, or null
 * @param body the CEL expression between the braces
 * @param line the 1-based line of the block where the definition starts
 * @param bodyLine the 1-based line of the block where the body starts
 * @param bodyColumn the 1-based column of that line where the body starts
 */
public record CustomFunctionDefinition(
    String name,
    boolean receiver,
    List<String> params,
    String variadic,
    String body,
    int line,
    int bodyLine,
    int bodyColumn) {

  public CustomFunctionDefinition {
    params = List.copyOf(params);
  }

  /** How it is written, for messages: {@code this.joined(prefix, parts...)}. */
  public String signature() {
    StringBuilder s = new StringBuilder(receiver ? "this." : "").append(name).append('(');
    s.append(String.join(", ", params));
    if (variadic != null) {
      s.append(params.isEmpty() ? "" : ", ").append(variadic).append("...");
    }
    return s.append(')').toString();
  }
}
