package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import com.google.auto.service.AutoService;
import io.agw.model.config.yaml.McpGuardrailsYaml;
import io.agw.model.config.yaml.McpGuardrailsYaml.ProcessorYaml;
import io.agw.model.config.yaml.PolicyBlock;
import io.agw.model.config.yaml.RegexRulesYaml;
import io.agw.model.resource.v1.McpGuardrailPhase;
import io.agw.model.resource.v1.McpGuardrailProcessor;
import io.agw.model.resource.v1.McpGuardrails;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.util.List;
import java.util.Map;

/**
 * Maps the {@code mcpGuardrails} route policy. A processor needs at least one method pattern
 * (exact, a prefix or suffix wildcard, or {@code *}; a pattern that can never match is refused,
 * where agentgateway only warns) and a kind: {@code regex} (this gateway's, with the LLM regex
 * guard's {@code action} and {@code rules}, every pattern compiled here) or agentgateway's {@code
 * remote}, refused as not supported yet. Pure; not thread-safe (it reports to its context).
 */
final class McpGuardrailsMapper {

  /** The {@code mcpGuardrails} route policy. */
  @AutoService(PolicyKindMapping.class)
  public static final class Kind extends PolicyKindMapping<McpGuardrailsYaml> {
    public Kind() {
      super("mcpGuardrails", KindCase.MCP_GUARDRAILS, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, McpGuardrailsYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setMcpGuardrails(new McpGuardrailsMapper(ctx).map(path, yaml))
              .build());
    }
  }

  private static final Map<String, McpGuardrailPhase> PHASES =
      Map.of(
          "off", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_OFF,
          "request", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_REQUEST,
          "response", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_RESPONSE,
          "full", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_FULL);

  private final MappingContext ctx;

  McpGuardrailsMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  McpGuardrails map(String path, McpGuardrailsYaml yaml) {
    McpGuardrails.Builder b = McpGuardrails.newBuilder();
    if (!ctx.require(path + ".processors", yaml.processors())) {
      return b.build();
    }
    for (int i = 0; i < list(yaml.processors()).size(); i++) {
      String at = path + ".processors[" + i + "]";
      ProcessorYaml processor = yaml.processors().get(i);
      if (processor == null) {
        ctx.error(at, "must not be empty");
        continue;
      }
      b.addProcessors(processor(at, processor));
    }
    return b.build();
  }

  private McpGuardrailProcessor processor(String path, ProcessorYaml yaml) {
    McpGuardrailProcessor.Builder b = McpGuardrailProcessor.newBuilder();
    if (yaml.methods() == null || yaml.methods().isEmpty()) {
      ctx.error(
          path + ".methods",
          "must map at least one method pattern to a phase; a processor without methods never"
              + " runs");
    } else {
      yaml.methods().forEach((pattern, phase) -> method(path + ".methods", pattern, phase, b));
    }
    if (yaml.kind() == null) {
      ctx.error(path, "set the processor's kind: regex");
      return b.build();
    }
    switch (yaml.kind()) {
      case "regex" ->
          b.setRegex(
              new PromptGuardMapper(ctx)
                  .regex(path, new RegexRulesYaml(yaml.action(), yaml.rules())));
      case "remote" ->
          ctx.error(
              path + ".kind",
              "'remote' (agentgateway's external policy processor, a gRPC service) is an"
                  + " agentgateway processor kind that this gateway does not support yet; use kind:"
                  + " regex");
      default ->
          ctx.error(path + ".kind", "a processor's kind is regex (or remote, not supported yet)");
    }
    return b.build();
  }

  private void method(String path, String pattern, String phase, McpGuardrailProcessor.Builder b) {
    String at = path + "." + pattern;
    if (!matchable(pattern)) {
      ctx.error(
          at,
          "the method pattern '"
              + pattern
              + "' can never match; use an exact method, 'prefix/*', '*/suffix' or '*'");
      return;
    }
    McpGuardrailPhase p = phase == null ? null : PHASES.get(phase);
    if (p == null) {
      ctx.error(at, "a phase is one of off, request, response, full");
      return;
    }
    b.putMethods(pattern, p);
  }

  /** agentgateway's matchable patterns: a non-empty name with at most one leading or trailing *. */
  static boolean matchable(String pattern) {
    if (pattern.isEmpty()) {
      return false;
    }
    int stars = pattern.length() - pattern.replace("*", "").length();
    return stars == 0 || (stars == 1 && (pattern.startsWith("*") || pattern.endsWith("*")));
  }
}
