package io.agw.gateway.mcp.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.support.FreePorts;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAPI target end to end: the gateway loads the pet store document from a file named in its
 * YAML configuration, serves its operations as MCP tools on a route, and calls a real pet store API
 * on loopback ({@link PetStoreServer}) for each {@code tools/call} of a real MCP client (the MCP
 * Java SDK client, and raw Streamable HTTP on a stateless route). Every call is checked on both
 * sides: the HTTP request the API received and the tool result the client got.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpOpenApiGatewayIntegrationTest {

  static final PetStoreServer API = new PetStoreServer();
  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.shared();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    // The API's address without a path: the base path /api/v1 comes from the document's servers.
    String target =
        """
        targets:
          - name: pets
            openapi:
              schema: {file: "%s"}
              host: http://127.0.0.1:%d
        """
            .formatted(PetStore.FILE.toAbsolutePath(), API.port())
            .indent(18);
    String yaml =
        """
        binds:
          - port: %d
            listeners:
              - name: openapi
                routes:
                  - name: pets
                    matches:
                      - path: {pathPrefix: /pets-mcp}
                    backends:
                      - mcp:
        %s
                  - name: pets-stateless
                    matches:
                      - path: {pathPrefix: /pets-stateless}
                    backends:
                      - mcp:
                          statefulMode: stateless
        %s
                  - name: pets-federated
                    matches:
                      - path: {pathPrefix: /pets-federated}
                    backends:
                      - mcp:
        %s
        """
            .formatted(PORT, target, target, federated());
    Path file = Files.createTempDirectory("agw-openapi").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  /**
   * Two OpenAPI targets on one route: the file with the API's address as a URL, and the same
   * document inline with host, port and path apart.
   */
  static String federated() {
    return """
        targets:
          - name: pets
            openapi:
              schema: {file: "%s"}
              host: http://127.0.0.1:%d
          - name: shop
            openapi:
              host: 127.0.0.1
              port: %d
              path: /api/v1
              schema: |
        %s
        """
        .formatted(
            PetStore.FILE.toAbsolutePath(),
            API.port(),
            API.port(),
            // Inline in the configuration file, which is expanded as agentgateway expands it: the
            // document's "$ref" is written "$$ref".
            PetStore.text().replace("$", "$$").indent(8))
        .indent(18);
  }

  private McpSyncClient client;

  @BeforeEach
  void connect() {
    client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + PORT)
                    .endpoint("/pets-mcp")
                    .build())
            .requestTimeout(Duration.ofSeconds(30))
            .initializationTimeout(Duration.ofSeconds(30))
            .build();
    client.initialize();
    API.clear();
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @AfterAll
  static void stopApi() {
    API.close();
  }

  @Test
  void listsOneToolPerOperationWithItsInputSchema() {
    assertThat(client.getServerInfo().name()).isEqualTo("agw");
    Map<String, Tool> tools =
        client.listTools().tools().stream()
            .collect(
                Collectors.toMap(Tool::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));

    // One target with the default prefix mode: the operations' own names, unprefixed; the
    // image upload (a body no tool can send) is left out.
    assertThat(tools.keySet())
        .containsExactly(
            "listPets", "createPet", "getPet", "delete_pets_petId", "owner_s_pets", "getPet_2");
    Map<String, Object> getPet = tools.get("getPet").inputSchema();
    assertThat(getPet).containsEntry("type", "object").containsEntry("required", List.of("petId"));
    assertThat(properties(getPet)).containsOnlyKeys("petId", "fields");
    assertThat(properties(getPet).get("fields"))
        .isEqualTo(Map.of("type", "array", "items", Map.of("type", "string")));
    // The Accept header parameter is not a tool argument.
    assertThat(properties(tools.get("listPets").inputSchema()))
        .containsOnlyKeys("limit", "tag", "X-Request-Id");
    Map<String, Object> createPet = tools.get("createPet").inputSchema();
    assertThat(createPet).containsEntry("required", List.of("X-Tenant", "body"));
    assertThat(properties(createPet).get("body"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("type", "object")
        .containsEntry("required", List.of("name"));
    assertThat(tools.get("listPets").description())
        .isEqualTo("List pets\n\nPets in the store, newest first.");
    assertThat(API.received()).as("listing calls no operation").isEmpty();
  }

  @Test
  void statelessToolsListIsTheDocumentsToolsUnchanged() throws Exception {
    HttpResponse<String> response =
        post("/pets-stateless", Map.of("jsonrpc", "2.0", "id", 3, "method", "tools/list"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.path("id").asInt()).isEqualTo(3);
    // The golden tools/list of the mapper, byte for byte the same JSON through the gateway.
    JsonNode golden =
        JSON.readTree(
            Files.readString(Path.of("src/test/resources/mcp/openapi/petstore.tools.json")));
    assertThat(answer.path("result").path("tools")).isEqualTo(golden.path("tools"));
  }

  @Test
  void pathAndQueryParametersReachTheApi() {
    CallToolResult result =
        client.callTool(
            new CallToolRequest("getPet", Map.of("petId", "1", "fields", List.of("name", "id"))));

    assertThat(API.received())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.method()).isEqualTo("GET");
              assertThat(r.uri()).isEqualTo("/api/v1/pets/1?fields=name,id");
              assertThat(r.headers()).containsEntry("accept", "application/json, */*;q=0.8");
              assertThat(r.body()).isEmpty();
            });
    assertThat(result.isError()).isFalse();
    assertThat(text(result)).isEqualTo("{\"id\":1,\"name\":\"Rex\"}");
    assertThat(result.structuredContent()).isEqualTo(Map.of("id", 1, "name", "Rex"));
  }

  @Test
  void explodedQueryArrayAndHeaderParameterReachTheApi() {
    CallToolResult result =
        client.callTool(
            new CallToolRequest(
                "listPets",
                Map.of("limit", 5, "tag", List.of("cat", "dog"), "X-Request-Id", "req-42")));

    assertThat(API.received())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.method()).isEqualTo("GET");
              assertThat(r.uri()).isEqualTo("/api/v1/pets?limit=5&tag=cat&tag=dog");
              assertThat(r.headers()).containsEntry("x-request-id", "req-42");
            });
    // A JSON array is text only: structured content must be an object.
    assertThat(result.isError()).isFalse();
    assertThat(JSON.readTree(text(result)).isArray()).isTrue();
    assertThat(text(result)).contains("\"name\":\"Rex\"");
    assertThat(result.structuredContent()).isNull();
  }

  @Test
  void jsonBodyAndRequiredHeaderReachTheApi() {
    Map<String, Object> pet = new LinkedHashMap<>();
    pet.put("name", "Mia");
    pet.put("tag", "cat");
    CallToolResult result =
        client.callTool(
            new CallToolRequest("createPet", Map.of("X-Tenant", "shop-7", "body", pet)));

    assertThat(API.received())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.method()).isEqualTo("POST");
              assertThat(r.uri()).isEqualTo("/api/v1/pets");
              assertThat(r.headers())
                  .containsEntry("x-tenant", "shop-7")
                  .containsEntry("content-type", "application/json");
              assertThat(JSON.readTree(r.body()))
                  .isEqualTo(JSON.readTree("{\"name\":\"Mia\",\"tag\":\"cat\"}"));
            });
    assertThat(result.isError()).isFalse();
    assertThat(result.structuredContent())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("name", "Mia")
        .containsEntry("tag", "cat")
        .containsKey("id");
  }

  @Test
  void anApiErrorIsAToolResultWithIsError() {
    CallToolResult result = client.callTool(new CallToolRequest("getPet", Map.of("petId", "99")));

    assertThat(API.received())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.method()).isEqualTo("GET");
              assertThat(r.uri()).isEqualTo("/api/v1/pets/99");
            });
    assertThat(result.isError()).isTrue();
    assertThat(text(result)).isEqualTo("HTTP 404: {\"message\":\"no pet 99\"}");
  }

  @Test
  void aMissingRequiredArgumentIsAToolErrorWithoutARequest() {
    CallToolResult result =
        client.callTool(new CallToolRequest("createPet", Map.of("body", Map.of("name", "Nox"))));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("X-Tenant");
    assertThat(API.received()).isEmpty();
  }

  @Test
  void anUnknownToolIsAJsonRpcError() {
    assertThatThrownBy(() -> client.callTool(new CallToolRequest("feedPet", Map.of())))
        .hasMessageContaining("Unknown tool: feedPet");
    assertThat(API.received()).isEmpty();
  }

  @Test
  void federatedOpenApiTargetsArePrefixedAndCalledWithTheirOwnNames() {
    try (McpSyncClient federated =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + PORT)
                    .endpoint("/pets-federated")
                    .build())
            .requestTimeout(Duration.ofSeconds(30))
            .build()) {
      federated.initialize();
      assertThat(federated.listTools().tools())
          .extracting(Tool::name)
          .contains("pets_getPet", "shop_getPet", "pets_createPet", "shop_createPet")
          .allMatch(n -> n.startsWith("pets_") || n.startsWith("shop_"))
          .hasSize(12);
      API.clear();

      CallToolResult result =
          federated.callTool(new CallToolRequest("shop_getPet", Map.of("petId", "1")));

      assertThat(API.received())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.uri()).isEqualTo("/api/v1/pets/1");
              });
      assertThat(result.isError()).isFalse();
      assertThat(result.structuredContent()).isEqualTo(Map.of("id", 1, "name", "Rex"));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> schema) {
    return (Map<String, Object>) schema.get("properties");
  }

  private static String text(CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    return ((TextContent) result.content().get(0)).text();
  }

  private static HttpResponse<String> post(String path, Map<String, Object> message)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message)))
            .timeout(Duration.ofSeconds(30))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
