package io.agw.gateway.llm.backend;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.model.resource.v1.AiPolicy;
import io.agw.model.resource.v1.PromptMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code ai} route policy compiled once per state: model aliases (exact names first, then the
 * longest matching prefix), top-level body defaults and overrides, prompts to prepend and append,
 * and route types by path suffix. Immutable and thread-safe; {@link #apply} changes only the body
 * it is given.
 */
public record AiAdjustments(
    Map<String, String> exactAliases,
    List<Alias> prefixAliases,
    ObjectNode defaults,
    ObjectNode overrides,
    List<PromptMessage> prepend,
    List<PromptMessage> append,
    List<RouteType> routes) {

  /** A wildcard alias. */
  public record Alias(ModelPattern from, String to) {}

  /** A route type for requests whose path ends with {@code suffix} ({@code *}: any path). */
  public record RouteType(String suffix, ClientApi api) {}

  /** No adjustments. */
  public static final AiAdjustments NONE =
      new AiAdjustments(
          Map.of(),
          List.of(),
          WireJson.nodes().objectNode(),
          WireJson.nodes().objectNode(),
          List.of(),
          List.of(),
          List.of());

  /** Compiles a policy. */
  public static AiAdjustments of(AiPolicy policy) {
    Map<String, String> exact = new java.util.HashMap<>();
    List<Alias> prefixes = new ArrayList<>();
    policy
        .getModelAliasesMap()
        .forEach(
            (from, to) -> {
              ModelPattern p = new ModelPattern(from);
              if (p.isWildcard()) {
                prefixes.add(new Alias(p, to));
              } else {
                exact.put(from, to);
              }
            });
    prefixes.sort(Comparator.comparingInt((Alias a) -> a.from().specificity()).reversed());
    List<RouteType> routes = new ArrayList<>();
    policy
        .getRoutesMap()
        .forEach((suffix, type) -> routes.add(new RouteType(suffix, ClientApi.of(type))));
    // Longest suffix first; "*" matches last.
    routes.sort(
        Comparator.comparingInt((RouteType r) -> r.suffix().equals("*") ? -1 : r.suffix().length())
            .reversed());
    return new AiAdjustments(
        Map.copyOf(exact),
        List.copyOf(prefixes),
        object(policy.hasDefaults() ? policy.getDefaults() : null),
        object(policy.hasOverrides() ? policy.getOverrides() : null),
        List.copyOf(policy.getPrependList()),
        List.copyOf(policy.getAppendList()),
        List.copyOf(routes));
  }

  /** The model an alias maps {@code model} to, or {@code model} itself. */
  public String alias(String model) {
    String exact = exactAliases.get(model);
    if (exact != null) {
      return exact;
    }
    for (Alias a : prefixAliases) {
      if (a.from().matches(model)) {
        return a.to();
      }
    }
    return model;
  }

  /** The configured route type of {@code path}; empty when the policy sets none that matches. */
  public Optional<ClientApi> classify(String path) {
    for (RouteType r : routes) {
      if (r.suffix().equals("*") || path.endsWith(r.suffix())) {
        return Optional.of(r.api());
      }
    }
    return Optional.empty();
  }

  /** Applies defaults, overrides and prompts to a client body of {@code api}. */
  public void apply(ObjectNode body, ClientApi api) {
    for (Map.Entry<String, JsonNode> d : defaults.properties()) {
      if (!body.has(d.getKey()) || body.get(d.getKey()).isNull()) {
        body.set(d.getKey(), d.getValue().deepCopy());
      }
    }
    for (Map.Entry<String, JsonNode> o : overrides.properties()) {
      body.set(o.getKey(), o.getValue().deepCopy());
    }
    if (prepend.isEmpty() && append.isEmpty()) {
      return;
    }
    if (api == ClientApi.COMPLETIONS) {
      ArrayNode messages = body.withArray("messages");
      for (int i = prepend.size() - 1; i >= 0; i--) {
        messages.insert(0, chatMessage(prepend.get(i)));
      }
      append.forEach(m -> messages.add(chatMessage(m)));
    } else if (api == ClientApi.MESSAGES) {
      PromptsForMessages.apply(body, prepend, append);
    }
  }

  private static ObjectNode chatMessage(PromptMessage m) {
    ObjectNode node = WireJson.nodes().objectNode();
    node.put("role", m.getRole());
    node.put("content", m.getContent());
    return node;
  }

  private static ObjectNode object(Struct struct) {
    if (struct == null) {
      return WireJson.nodes().objectNode();
    }
    try {
      return (ObjectNode) WireJson.tree(JsonFormat.printer().print(struct));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("ai policy: " + e.getMessage(), e);
    }
  }
}
