package io.agw.gateway.mcp.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.mcp.openapi.ParameterBinding.Location;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pet store document mapped to tools, compared with {@code petstore.tools.json} (the {@code
 * tools/list} a client sees). Run with {@code -Dmcp.openapi.golden.regenerate=true} to rewrite the
 * expected file from the current output, then review the diff.
 */
class OpenApiToolMapperTest {

  private static final boolean REGENERATE = Boolean.getBoolean("mcp.openapi.golden.regenerate");
  private static final Path EXPECTED =
      Path.of("src/test/resources/mcp/openapi/petstore.tools.json");
  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Test
  void toolsAreTheGoldenList() throws IOException {
    List<Tool> tools = PetStore.tools().tools().stream().map(ToolBinding::tool).toList();
    String actual = PRETTY.writeValueAsString(Map.of("tools", tools));
    if (REGENERATE) {
      Files.writeString(EXPECTED, actual + "\n");
    }
    // Compared as text, so a change of property order (what a client shows) fails too.
    assertThat(actual)
        .isEqualTo(PRETTY.writeValueAsString(PRETTY.readTree(Files.readAllBytes(EXPECTED))));
  }

  @Test
  void namesComeFromOperationIdsOrMethodAndPathAndAreUnique() {
    assertThat(PetStore.tools().byName().keySet())
        .containsExactly(
            "listPets", "createPet", "getPet", "delete_pets_petId", "owner_s_pets", "getPet_2");
  }

  @Test
  void operationWithoutASendableBodyIsSkippedWithTheReason() {
    assertThat(PetStore.tools().skipped())
        .singleElement()
        .asString()
        .startsWith("PUT /pets/{petId}/photo: ")
        .contains("image/png");
  }

  @Test
  void bindingsSayWhereEachArgumentGoes() {
    ToolBinding list = PetStore.tool("listPets");
    assertThat(list.method()).isEqualTo("GET");
    assertThat(list.parameters())
        .containsExactly(
            new ParameterBinding("limit", Location.QUERY, "limit", "form", true, false),
            new ParameterBinding("tag", Location.QUERY, "tag", "form", true, false),
            new ParameterBinding(
                "X-Request-Id", Location.HEADER, "X-Request-Id", "simple", false, false));
    assertThat(list.body()).isNull();

    ToolBinding delete = PetStore.tool("delete_pets_petId");
    assertThat(delete.parameters())
        .extracting(ParameterBinding::argument, ParameterBinding::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("petId", "petId"),
            org.assertj.core.groups.Tuple.tuple("query_body", "body"));
    assertThat(delete.body()).isEqualTo(new BodyBinding("application/json", false));
    assertThat(PetStore.tool("getPet_2").body()).isEqualTo(new BodyBinding("text/plain", false));
  }

  @Test
  void aReferenceToNothingRefusesTheDocument() {
    String broken =
        """
        openapi: 3.0.3
        info: {title: Broken, version: '1'}
        paths:
          /things:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/Missing'
              responses:
                '200': {description: ok}
        """;
    assertThatThrownBy(() -> OpenApiToolMapper.map(OpenApiDocument.parse(broken)))
        .isInstanceOf(OpenApiException.class)
        .hasMessageContaining("#/components/schemas/Missing");
  }

  @Test
  void openApi31DocumentsMapToo() {
    String v31 =
        """
        openapi: 3.1.0
        info: {title: Clock, version: '1'}
        paths:
          /time/{zone}:
            get:
              operationId: now
              parameters:
                - {name: zone, in: path, required: true, schema: {type: [string, 'null']}}
              responses:
                '200': {description: ok}
        """;
    Tool tool = OpenApiToolMapper.map(OpenApiDocument.parse(v31)).tools().get(0).tool();
    assertThat(tool.inputSchema())
        .isEqualTo(
            Map.of(
                "type",
                "object",
                "properties",
                Map.of("zone", Map.of("type", List.of("string", "null"))),
                "required",
                List.of("zone")));
  }
}
