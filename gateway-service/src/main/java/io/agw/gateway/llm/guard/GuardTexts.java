package io.agw.gateway.llm.guard;

import io.agw.gateway.exchange.ClientApi;
import io.agw.model.resource.v1.ContentScope;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The texts of a client's request and of the answer it gets, in the client's own format, each with
 * the scope it belongs to; a visitor may replace any of them in place. Images, audio, files and
 * other non-text parts are never visited. Stateless.
 *
 * <p>Request scopes: the system prompt (chat {@code system}/{@code developer} messages, Messages
 * {@code system}, Responses {@code instructions} and system/developer input items), messages (the
 * text of user and assistant messages, embeddings {@code input}), tool input (chat {@code
 * tool_calls[].function.arguments} and Responses {@code function_call.arguments} as one string
 * each, every string inside a Messages {@code tool_use.input}) and tool output (chat {@code tool}
 * messages, Messages {@code tool_result} content, Responses {@code function_call_output.output}).
 * Answers: the text of the assistant's message.
 */
final class GuardTexts {

  /**
   * Sees one text, the scope it belongs to and the role of the message that holds it ({@code
   * system}, {@code user}, {@code assistant} or {@code tool}), and returns what should stand in its
   * place (the same string to keep it).
   */
  @FunctionalInterface
  interface Visitor {
    String visit(ContentScope scope, String role, String text);
  }

  private static final Set<String> SYSTEM_ROLES = Set.of("system", "developer");

  private GuardTexts() {}

  /** Visits the texts of a request body of {@code api}. */
  static void request(ObjectNode body, ClientApi api, Visitor v) {
    switch (api) {
      case COMPLETIONS -> chatRequest(body, v);
      case MESSAGES, COUNT_TOKENS -> messagesRequest(body, v);
      case RESPONSES -> responsesRequest(body, v);
      case EMBEDDINGS -> content(body, "input", ContentScope.CONTENT_SCOPE_MESSAGES, "user", v);
      default -> {}
    }
  }

  /**
   * Visits the texts of a (non-streamed) answer of {@code api}: the assistant's text in the
   * messages scope, the arguments of the tools it calls in the tool input scope (chat {@code
   * tool_calls[].function.arguments} and Responses {@code function_call.arguments} as one string
   * each, every string inside a Messages {@code tool_use.input}).
   */
  static void answer(ObjectNode answer, ClientApi api, Visitor v) {
    ContentScope scope = ContentScope.CONTENT_SCOPE_MESSAGES;
    ContentScope tools = ContentScope.CONTENT_SCOPE_TOOL_INPUT;
    switch (api) {
      case COMPLETIONS -> {
        for (JsonNode choice : answer.path("choices")) {
          if (choice.get("message") instanceof ObjectNode message) {
            content(message, "content", scope, "assistant", v);
            for (JsonNode call : message.path("tool_calls")) {
              if (call.get("function") instanceof ObjectNode function) {
                string(function, "arguments", tools, "assistant", v);
              }
            }
          }
        }
      }
      case MESSAGES -> {
        content(answer, "content", scope, "assistant", v);
        for (JsonNode block : answer.path("content")) {
          if ("tool_use".equals(block.path("type").asString(""))) {
            strings(block.get("input"), tools, "assistant", v);
          }
        }
      }
      case RESPONSES -> {
        for (JsonNode item : answer.path("output")) {
          if (item instanceof ObjectNode o) {
            switch (o.path("type").asString("")) {
              case "message" -> content(o, "content", scope, "assistant", v);
              case "function_call" -> string(o, "arguments", tools, "assistant", v);
              default -> {}
            }
          }
        }
      }
      default -> {}
    }
  }

  private static void chatRequest(ObjectNode body, Visitor v) {
    for (JsonNode node : body.path("messages")) {
      if (!(node instanceof ObjectNode message)) {
        continue;
      }
      String role = message.path("role").asString("");
      ContentScope scope =
          SYSTEM_ROLES.contains(role)
              ? ContentScope.CONTENT_SCOPE_SYSTEM_PROMPT
              : role.equals("tool") || role.equals("function")
                  ? ContentScope.CONTENT_SCOPE_TOOL_OUTPUT
                  : ContentScope.CONTENT_SCOPE_MESSAGES;
      content(message, "content", scope, chatRole(role), v);
      for (JsonNode call : message.path("tool_calls")) {
        if (call.get("function") instanceof ObjectNode function) {
          string(function, "arguments", ContentScope.CONTENT_SCOPE_TOOL_INPUT, "assistant", v);
        }
      }
    }
  }

  private static void messagesRequest(ObjectNode body, Visitor v) {
    content(body, "system", ContentScope.CONTENT_SCOPE_SYSTEM_PROMPT, "system", v);
    for (JsonNode node : body.path("messages")) {
      if (!(node instanceof ObjectNode message)) {
        continue;
      }
      String role = message.path("role").asString("user");
      if (message.path("content").isString()) {
        string(message, "content", ContentScope.CONTENT_SCOPE_MESSAGES, role, v);
        continue;
      }
      for (JsonNode blockNode : message.path("content")) {
        if (!(blockNode instanceof ObjectNode block)) {
          continue;
        }
        switch (block.path("type").asString("")) {
          case "text" -> string(block, "text", ContentScope.CONTENT_SCOPE_MESSAGES, role, v);
          case "tool_use" ->
              strings(block.get("input"), ContentScope.CONTENT_SCOPE_TOOL_INPUT, "assistant", v);
          case "tool_result" ->
              content(block, "content", ContentScope.CONTENT_SCOPE_TOOL_OUTPUT, "tool", v);
          default -> {}
        }
      }
    }
  }

  private static void responsesRequest(ObjectNode body, Visitor v) {
    string(body, "instructions", ContentScope.CONTENT_SCOPE_SYSTEM_PROMPT, "system", v);
    if (body.path("input").isString()) {
      string(body, "input", ContentScope.CONTENT_SCOPE_MESSAGES, "user", v);
      return;
    }
    for (JsonNode node : body.path("input")) {
      if (!(node instanceof ObjectNode item)) {
        continue;
      }
      String role = item.path("role").asString("user");
      switch (item.path("type").asString("message")) {
        case "function_call" ->
            string(item, "arguments", ContentScope.CONTENT_SCOPE_TOOL_INPUT, "assistant", v);
        case "function_call_output" ->
            content(item, "output", ContentScope.CONTENT_SCOPE_TOOL_OUTPUT, "tool", v);
        case "message" ->
            content(
                item,
                "content",
                SYSTEM_ROLES.contains(role)
                    ? ContentScope.CONTENT_SCOPE_SYSTEM_PROMPT
                    : ContentScope.CONTENT_SCOPE_MESSAGES,
                chatRole(role),
                v);
        default -> {}
      }
    }
  }

  /**
   * A chat role as guards name it: {@code developer} is a system prompt, {@code function} a tool.
   */
  private static String chatRole(String role) {
    return switch (role) {
      case "developer" -> "system";
      case "function" -> "tool";
      case "" -> "user";
      default -> role;
    };
  }

  /** A content field: a string, or a list of parts (strings or objects with a {@code text}). */
  private static void content(
      ObjectNode holder, String field, ContentScope scope, String role, Visitor v) {
    JsonNode node = holder.get(field);
    if (node == null) {
      return;
    }
    if (node.isString()) {
      string(holder, field, scope, role, v);
    } else if (node instanceof ArrayNode parts) {
      for (int i = 0; i < parts.size(); i++) {
        JsonNode part = parts.get(i);
        if (part.isString()) {
          String replaced = v.visit(scope, role, part.stringValue());
          if (!replaced.equals(part.stringValue())) {
            parts.set(i, StringNode.valueOf(replaced));
          }
        } else if (part instanceof ObjectNode o) {
          string(o, "text", scope, role, v);
        }
      }
    }
  }

  private static void string(
      ObjectNode holder, String field, ContentScope scope, String role, Visitor v) {
    JsonNode node = holder.get(field);
    if (node != null && node.isString()) {
      String replaced = v.visit(scope, role, node.stringValue());
      if (!replaced.equals(node.stringValue())) {
        holder.put(field, replaced);
      }
    }
  }

  /** Every string value inside a JSON value (tool arguments sent as an object). */
  private static void strings(JsonNode node, ContentScope scope, String role, Visitor v) {
    if (node instanceof ObjectNode o) {
      for (String name : java.util.List.copyOf(o.propertyNames())) {
        if (o.get(name).isString()) {
          string(o, name, scope, role, v);
        } else {
          strings(o.get(name), scope, role, v);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        JsonNode item = a.get(i);
        if (item.isString()) {
          String replaced = v.visit(scope, role, item.stringValue());
          if (!replaced.equals(item.stringValue())) {
            a.set(i, StringNode.valueOf(replaced));
          }
        } else {
          strings(item, scope, role, v);
        }
      }
    }
  }
}
