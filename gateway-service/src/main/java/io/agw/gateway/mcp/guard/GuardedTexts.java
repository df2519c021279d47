package io.agw.gateway.mcp.guard;

import io.agw.gateway.mcp.json.McpJson;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The texts a content guard reads in a JSON-RPC request's params and a result, by method:
 *
 * <ul>
 *   <li>request: every string inside the {@code arguments} of {@code tools/call} and {@code
 *       prompts/get} (values at any depth; keys are names, not content);
 *   <li>response: the {@code text} of {@code tools/call} {@code content[]} items (and of an
 *       embedded resource's {@code resource.text}) and every string inside {@code
 *       structuredContent}; the same of each {@code prompts/get} {@code messages[].content}; the
 *       {@code text} of {@code resources/read} {@code contents[]}.
 * </ul>
 *
 * Other methods carry no content a guard reads. Each function gives a copy of what it was given,
 * with every text replaced by the operator's answer; the input is never changed. Stateless.
 */
final class GuardedTexts {

  private GuardedTexts() {}

  /** Whether the request params of {@code method} carry texts. */
  static boolean readsRequest(String method) {
    return method.equals(McpSchema.METHOD_TOOLS_CALL) || method.equals(McpSchema.METHOD_PROMPT_GET);
  }

  /** Whether the result of {@code method} carries texts. */
  static boolean readsResponse(String method) {
    return readsRequest(method) || method.equals(McpSchema.METHOD_RESOURCES_READ);
  }

  /** The params of a {@code method} request with every text passed through {@code f}. */
  static Map<String, Object> params(String method, Object params, UnaryOperator<String> f) {
    Map<String, Object> copy = McpJson.object(params);
    if (readsRequest(method) && copy.containsKey("arguments")) {
      copy.put("arguments", strings(copy.get("arguments"), f));
    }
    return copy;
  }

  /** The result of a {@code method} request with every text passed through {@code f}. */
  static Map<String, Object> result(String method, Object result, UnaryOperator<String> f) {
    Map<String, Object> copy = McpJson.object(result);
    switch (method) {
      case McpSchema.METHOD_TOOLS_CALL -> {
        copy.computeIfPresent("content", (k, v) -> each(v, item -> content(item, f)));
        copy.computeIfPresent("structuredContent", (k, v) -> strings(v, f));
      }
      case McpSchema.METHOD_PROMPT_GET ->
          copy.computeIfPresent(
              "messages",
              (k, v) ->
                  each(
                      v,
                      message -> {
                        if (!(message instanceof Map<?, ?>)) {
                          return message;
                        }
                        Map<String, Object> m = McpJson.object(message);
                        m.computeIfPresent("content", (ck, c) -> content(c, f));
                        return m;
                      }));
      case McpSchema.METHOD_RESOURCES_READ ->
          copy.computeIfPresent("contents", (k, v) -> each(v, item -> text(item, f)));
      default -> {}
    }
    return copy;
  }

  /** A content block: its {@code text}, and the {@code text} of an embedded resource. */
  private static Object content(Object item, UnaryOperator<String> f) {
    if (!(item instanceof Map<?, ?>)) {
      return item;
    }
    Map<String, Object> copy = McpJson.object(text(item, f));
    copy.computeIfPresent("resource", (k, r) -> text(r, f));
    return copy;
  }

  private static Object text(Object item, UnaryOperator<String> f) {
    if (!(item instanceof Map<?, ?>)) {
      return item;
    }
    Map<String, Object> copy = McpJson.object(item);
    if (copy.get("text") instanceof String s) {
      copy.put("text", f.apply(s));
    }
    return copy;
  }

  private static Object each(Object list, UnaryOperator<Object> f) {
    if (!(list instanceof List<?> items)) {
      return list;
    }
    List<Object> copy = new ArrayList<>(items.size());
    for (Object item : items) {
      copy.add(f.apply(item));
    }
    return copy;
  }

  /** Every string value at any depth. */
  private static Object strings(Object node, UnaryOperator<String> f) {
    if (node instanceof String s) {
      return f.apply(s);
    }
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, strings(v, f)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(strings(item, f));
      }
      return copy;
    }
    return node;
  }
}
