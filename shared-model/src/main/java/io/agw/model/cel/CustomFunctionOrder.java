package io.agw.model.cel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders custom functions so that each comes after every function it calls. Stateless. */
final class CustomFunctionOrder {

  private CustomFunctionOrder() {}

  /**
   * @param calls for each function, the custom functions its body calls
   * @throws InvalidCustomFunctions.Problem at the first function of a cycle: agentgateway does not
   *     support recursion, and an inlined call must end
   */
  static List<CustomFunctionDefinition> callersLast(
      List<CustomFunctionDefinition> definitions, Map<String, Set<String>> calls) {
    Map<String, CustomFunctionDefinition> byName = new LinkedHashMap<>();
    definitions.forEach(d -> byName.put(d.name(), d));
    List<CustomFunctionDefinition> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (CustomFunctionDefinition d : definitions) {
      visit(d, byName, calls, done, new ArrayList<>(), out);
    }
    return out;
  }

  private static void visit(
      CustomFunctionDefinition d,
      Map<String, CustomFunctionDefinition> byName,
      Map<String, Set<String>> calls,
      Set<String> done,
      List<String> path,
      List<CustomFunctionDefinition> out) {
    if (done.contains(d.name())) {
      return;
    }
    int at = path.indexOf(d.name());
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
      cycle.add(d.name());
      CustomFunctionDefinition first = byName.get(cycle.get(0));
      throw new InvalidCustomFunctions.Problem(
          first.line(),
          "recursion is not supported in custom functions: " + String.join(" -> ", cycle));
    }
    path.add(d.name());
    for (String callee : calls.getOrDefault(d.name(), Set.of()).stream().sorted().toList()) {
      visit(byName.get(callee), byName, calls, done, path, out);
    }
    path.remove(path.size() - 1);
    done.add(d.name());
    out.add(d);
  }
}
