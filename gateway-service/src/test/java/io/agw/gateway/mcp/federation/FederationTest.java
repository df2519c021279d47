package io.agw.gateway.mcp.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.mcp.federation.Federation.ListKind;
import io.agw.gateway.mcp.federation.Federation.McpItem;
import io.agw.gateway.mcp.federation.Federation.Prefix;
import io.agw.gateway.mcp.federation.Federation.Routed;
import io.agw.gateway.mcp.federation.Federation.Visibility;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FederationTest {

  @Test
  void singleTargetIsUnprefixedUnlessAlways() {
    Federation conditional = new Federation(List.of("only"), Prefix.CONDITIONAL);
    assertThat(conditional.prefixed()).isFalse();
    assertThat(conditional.expose(ListKind.TOOLS, "only", "echo")).isEqualTo("echo");
    assertThat(conditional.resolveName("echo")).contains(new Routed("only", "echo"));
    assertThat(conditional.resolveUri("file:///a")).contains(new Routed("only", "file:///a"));

    Federation always = new Federation(List.of("only"), Prefix.ALWAYS);
    assertThat(always.expose(ListKind.TOOLS, "only", "echo")).isEqualTo("only_echo");
    assertThat(always.resolveName("echo")).isEmpty();
  }

  @Test
  void neverLeavesNamesAloneAndRoutesSeveralTargetsByLookup() {
    Federation one = new Federation(List.of("only"), Prefix.NEVER);
    assertThat(one.routesByLookup()).isFalse();
    assertThat(one.resolveName("echo")).contains(new Routed("only", "echo"));

    Federation two = new Federation(List.of("s1", "s2"), Prefix.NEVER);
    assertThat(two.prefixed()).isFalse();
    assertThat(two.routesByLookup()).isTrue();
    assertThat(two.expose(ListKind.TOOLS, "s2", "echo")).isEqualTo("echo");
    assertThat(two.expose(ListKind.RESOURCES, "s2", "file:///x")).isEqualTo("file:///x");
    assertThat(two.resolveName("echo")).isEmpty();
    assertThat(two.resolveUri("file:///x")).isEmpty();
  }

  @Test
  void namesAndUrisResolveToTheLongestMatchingTarget() {
    Federation f = new Federation(List.of("a", "a_b", "files"), Prefix.CONDITIONAL);
    assertThat(f.expose(ListKind.PROMPTS, "a_b", "greet")).isEqualTo("a_b_greet");
    assertThat(f.expose(ListKind.RESOURCES, "files", "file:///x")).isEqualTo("files+file:///x");
    assertThat(f.expose(ListKind.TEMPLATES, "files", "file:///{p}")).isEqualTo("files+file:///{p}");
    assertThat(f.resolveName("a_b_greet")).contains(new Routed("a_b", "greet"));
    assertThat(f.resolveName("a_greet")).contains(new Routed("a", "greet"));
    assertThat(f.resolveName("a_")).isEmpty();
    assertThat(f.resolveName("nobody_greet")).isEmpty();
    assertThat(f.resolveName(null)).isEmpty();
    assertThat(f.resolveUri("files+file:///x")).contains(new Routed("files", "file:///x"));
    assertThat(f.resolveUri("files_file:///x")).isEmpty();
  }

  @Test
  void listItemsAreRenamedFilteredAndKeepTheirOtherFields() {
    Federation f = new Federation(List.of("s1", "s2"), Prefix.CONDITIONAL);
    List<Object> items =
        List.of(
            Map.of("name", "echo", "inputSchema", Map.of("type", "object"), "x-extra", 1),
            Map.of("name", "secret"));
    Visibility noSecrets = (item, target, name) -> item == McpItem.TOOL && !name.equals("secret");

    List<Object> out = f.expose(ListKind.TOOLS, "s1", items, noSecrets);

    assertThat(out)
        .containsExactly(
            Map.of("name", "s1_echo", "inputSchema", Map.of("type", "object"), "x-extra", 1));
  }

  @Test
  void listKindsKnowTheirMethods() {
    assertThat(ListKind.of("resources/templates/list")).contains(ListKind.TEMPLATES);
    assertThat(ListKind.of("tools/call")).isEmpty();
    assertThat(ListKind.TEMPLATES.array()).isEqualTo("resourceTemplates");
  }
}
