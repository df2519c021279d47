package io.agw.gateway.mcp.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.mcp.federation.Federation.ListKind;
import io.agw.gateway.mcp.federation.NameDirectory.TargetItems;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameDirectoryTest {

  @Test
  void namesRouteToTheTargetThatListedThemAndTheFirstTargetWinsADuplicate() {
    NameDirectory directory = new NameDirectory();

    List<TargetItems> unique =
        directory.record(
            ListKind.TOOLS,
            List.of(
                new TargetItems("a", List.of(Map.of("name", "echo"), Map.of("name", "add"))),
                new TargetItems("b", List.of(Map.of("name", "echo"), Map.of("name", "pid")))));

    assertThat(unique)
        .containsExactly(
            new TargetItems("a", List.of(Map.of("name", "echo"), Map.of("name", "add"))),
            new TargetItems("b", List.of(Map.of("name", "pid"))));
    assertThat(directory.targetOf(ListKind.TOOLS, "echo")).contains("a");
    assertThat(directory.targetOf(ListKind.TOOLS, "pid")).contains("b");
    assertThat(directory.targetOf(ListKind.TOOLS, "missing")).isEmpty();
    assertThat(directory.targetOf(ListKind.PROMPTS, "echo")).isEmpty();
  }

  @Test
  void aNewListReplacesTheOldOneOfItsKindOnly() {
    NameDirectory directory = new NameDirectory();
    directory.record(
        ListKind.RESOURCES, List.of(new TargetItems("a", List.of(Map.of("uri", "file:///x")))));
    directory.record(
        ListKind.TEMPLATES,
        List.of(new TargetItems("b", List.of(Map.of("uriTemplate", "file:///{p}")))));

    directory.record(
        ListKind.RESOURCES, List.of(new TargetItems("b", List.of(Map.of("uri", "file:///y")))));

    assertThat(directory.targetOf(ListKind.RESOURCES, "file:///x")).isEmpty();
    assertThat(directory.targetOf(ListKind.RESOURCES, "file:///y")).contains("b");
    assertThat(directory.targetOf(ListKind.TEMPLATES, "file:///{p}")).contains("b");
  }
}
