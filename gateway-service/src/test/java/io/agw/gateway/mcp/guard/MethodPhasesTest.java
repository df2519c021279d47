package io.agw.gateway.mcp.guard;

import static io.agw.model.resource.v1.McpGuardrailPhase.MCP_GUARDRAIL_PHASE_FULL;
import static io.agw.model.resource.v1.McpGuardrailPhase.MCP_GUARDRAIL_PHASE_OFF;
import static io.agw.model.resource.v1.McpGuardrailPhase.MCP_GUARDRAIL_PHASE_REQUEST;
import static io.agw.model.resource.v1.McpGuardrailPhase.MCP_GUARDRAIL_PHASE_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The precedence of method patterns: exact, prefix, suffix, catch-all; the longer of one kind. */
class MethodPhasesTest {

  @Test
  void anExactNameWinsOverEveryWildcard() {
    MethodPhases m =
        new MethodPhases(
            Map.of(
                "tools/call", MCP_GUARDRAIL_PHASE_OFF,
                "tools/*", MCP_GUARDRAIL_PHASE_FULL,
                "*/call", MCP_GUARDRAIL_PHASE_FULL,
                "*", MCP_GUARDRAIL_PHASE_FULL));
    assertThat(m.resolve("tools/call")).isEqualTo(MCP_GUARDRAIL_PHASE_OFF);
    assertThat(m.runsRequest("tools/call")).isFalse();
    assertThat(m.resolve("tools/list")).isEqualTo(MCP_GUARDRAIL_PHASE_FULL);
  }

  @Test
  void aPrefixWinsOverASuffixAndASuffixOverTheCatchAll() {
    MethodPhases m =
        new MethodPhases(
            Map.of(
                "logging/*", MCP_GUARDRAIL_PHASE_REQUEST,
                "*/setLevel", MCP_GUARDRAIL_PHASE_RESPONSE,
                "*/list", MCP_GUARDRAIL_PHASE_RESPONSE,
                "*", MCP_GUARDRAIL_PHASE_FULL));
    // The prefix wins although the suffix is longer.
    assertThat(m.resolve("logging/setLevel")).isEqualTo(MCP_GUARDRAIL_PHASE_REQUEST);
    assertThat(m.resolve("prompts/list")).isEqualTo(MCP_GUARDRAIL_PHASE_RESPONSE);
    assertThat(m.runsRequest("prompts/list")).isFalse();
    assertThat(m.runsResponse("prompts/list")).isTrue();
    assertThat(m.resolve("resources/read")).isEqualTo(MCP_GUARDRAIL_PHASE_FULL);
  }

  @Test
  void theLongerPatternOfOneKindWins() {
    MethodPhases m =
        new MethodPhases(
            Map.of(
                "resources/*", MCP_GUARDRAIL_PHASE_REQUEST,
                "resources/templates/*", MCP_GUARDRAIL_PHASE_RESPONSE,
                "*/list", MCP_GUARDRAIL_PHASE_FULL,
                "*s/list", MCP_GUARDRAIL_PHASE_OFF));
    assertThat(m.resolve("resources/templates/list")).isEqualTo(MCP_GUARDRAIL_PHASE_RESPONSE);
    assertThat(m.resolve("resources/read")).isEqualTo(MCP_GUARDRAIL_PHASE_REQUEST);
    assertThat(m.resolve("tools/list")).isEqualTo(MCP_GUARDRAIL_PHASE_OFF);
    assertThat(m.resolve("roots/list")).isEqualTo(MCP_GUARDRAIL_PHASE_OFF);
    assertThat(m.resolve("thing/list")).isEqualTo(MCP_GUARDRAIL_PHASE_FULL);
  }

  @Test
  void aMethodNoPatternMatchesBypassesTheProcessor() {
    MethodPhases m = new MethodPhases(Map.of("tools/*", MCP_GUARDRAIL_PHASE_FULL));
    assertThat(m.resolve("prompts/get")).isEqualTo(MCP_GUARDRAIL_PHASE_OFF);
    assertThat(m.runsRequest("prompts/get")).isFalse();
    assertThat(m.runsResponse("prompts/get")).isFalse();
  }
}
