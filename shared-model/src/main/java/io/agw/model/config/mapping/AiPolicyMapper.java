package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.agw.model.config.yaml.AiPolicyYaml;
import io.agw.model.config.yaml.PromptMessageYaml;
import io.agw.model.resource.v1.AiPolicy;
import io.agw.model.resource.v1.AiRouteType;
import io.agw.model.resource.v1.PromptMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Maps the {@code ai} route policy. */
final class AiPolicyMapper {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Map<String, AiRouteType> ROUTE_TYPES =
      Map.of(
          "completions", AiRouteType.AI_ROUTE_COMPLETIONS,
          "messages", AiRouteType.AI_ROUTE_MESSAGES,
          "models", AiRouteType.AI_ROUTE_MODELS,
          "passthrough", AiRouteType.AI_ROUTE_PASSTHROUGH,
          "responses", AiRouteType.AI_ROUTE_RESPONSES,
          "embeddings", AiRouteType.AI_ROUTE_EMBEDDINGS,
          "anthropicTokenCount", AiRouteType.AI_ROUTE_ANTHROPIC_TOKEN_COUNT);

  private static final Set<String> UNSUPPORTED_ROUTE_TYPES =
      Set.of("detect", "realtime", "generateContent", "geminiCountTokens", "rerank");

  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

  private final MappingContext ctx;

  AiPolicyMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  AiPolicy policy(String path, AiPolicyYaml yaml) {
    AiPolicy.Builder b = AiPolicy.newBuilder();
    if (yaml.defaults() != null) {
      b.setDefaults(struct(path + ".defaults", yaml.defaults()));
    }
    if (yaml.overrides() != null) {
      b.setOverrides(struct(path + ".overrides", yaml.overrides()));
    }
    if (yaml.modelAliases() != null) {
      yaml.modelAliases()
          .forEach(
              (from, to) -> {
                if (to == null || to.isBlank()) {
                  ctx.error(path + ".modelAliases." + from, "must not be empty");
                } else if (from.indexOf('*') >= 0 && from.indexOf('*') != from.length() - 1) {
                  ctx.error(
                      path + ".modelAliases." + from,
                      "a wildcard '*' may only end an alias, as in gpt-4*");
                } else {
                  b.putModelAliases(from, to);
                }
              });
    }
    if (yaml.prompts() != null) {
      messages(path + ".prompts.prepend", yaml.prompts().prepend(), b::addPrepend);
      messages(path + ".prompts.append", yaml.prompts().append(), b::addAppend);
    }
    if (yaml.routes() != null) {
      yaml.routes()
          .forEach(
              (suffix, type) -> {
                String at = path + ".routes." + suffix;
                AiRouteType t = type == null ? null : ROUTE_TYPES.get(type);
                if (t != null) {
                  b.putRoutes(suffix, t);
                } else if (type != null && UNSUPPORTED_ROUTE_TYPES.contains(type)) {
                  ctx.error(at, "route type '" + type + "' is not supported yet");
                } else {
                  ctx.error(
                      at,
                      "unknown route type '"
                          + type
                          + "'; use one of "
                          + String.join(", ", ROUTE_TYPES.keySet().stream().sorted().toList()));
                }
              });
    }
    if (yaml.promptGuard() != null) {
      b.setPromptGuard(
          new PromptGuardMapper(ctx).promptGuard(path + ".promptGuard", yaml.promptGuard()));
    }
    return b.build();
  }

  /** A map of JSON values as a protobuf {@link Struct}. */
  Struct struct(String path, Map<String, JsonNode> values) {
    Struct.Builder s = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(JSON.writeValueAsString(values), s);
    } catch (InvalidProtocolBufferException e) {
      ctx.error(path, "cannot be represented as JSON values: " + e.getMessage());
    }
    return s.build();
  }

  private void messages(String path, List<PromptMessageYaml> yaml, Consumer<PromptMessage> out) {
    for (int i = 0; i < list(yaml).size(); i++) {
      String at = path + "[" + i + "]";
      PromptMessageYaml m = yaml.get(i);
      if (m == null) {
        ctx.error(at, "must not be empty");
        continue;
      }
      if (!ctx.require(at + ".role", m.role()) | !ctx.require(at + ".content", m.content())) {
        continue;
      }
      if (!ROLES.contains(m.role())) {
        ctx.error(at + ".role", "a role is one of system, developer, user, assistant");
        continue;
      }
      out.accept(PromptMessage.newBuilder().setRole(m.role()).setContent(m.content()).build());
    }
  }
}
