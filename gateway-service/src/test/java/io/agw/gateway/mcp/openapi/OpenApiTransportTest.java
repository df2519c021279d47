package io.agw.gateway.mcp.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.mcp.upstream.UpstreamTransport;
import io.agw.gateway.support.FreePorts;
import io.agw.model.resource.v1.DataSource;
import io.agw.model.resource.v1.McpHttpTarget;
import io.agw.model.resource.v1.McpOpenApiTarget;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport speaks MCP the way the gateway's upstream connection does (JSON-RPC messages with
 * map params) to the pet store document, whose operations are served by a real HTTP server.
 */
class OpenApiTransportTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

  private PetStoreServer api;
  private UpstreamTransport transport;
  private final BlockingQueue<JSONRPCMessage> inbound = new LinkedBlockingQueue<>();
  private final AtomicInteger closed = new AtomicInteger();

  @BeforeEach
  void start() {
    api = new PetStoreServer();
    McpOpenApiTarget config =
        McpOpenApiTarget.newBuilder()
            .setSchema(DataSource.newBuilder().setFile(PetStore.FILE.toAbsolutePath().toString()))
            .setServer(McpHttpTarget.newBuilder().setHost("127.0.0.1").setPort(api.port()))
            .build();
    OpenApiTarget target =
        OpenApiTarget.load(config, OpenApiTarget.defaultClient(config.getServer()), CALL_TIMEOUT);
    transport = target.newTransport();
    transport.start(inbound::add, closed::incrementAndGet).block(WAIT);
  }

  @AfterEach
  void stop() {
    transport.close();
    api.close();
  }

  @Test
  void initializeEchoesASupportedVersionAndDeclaresTools() throws InterruptedException {
    Map<String, Object> result =
        result(
            request(
                "initialize",
                Map.of(
                    "protocolVersion", "2025-06-18",
                    "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "test", "version", "1"))));
    assertThat(result)
        .containsEntry("protocolVersion", "2025-06-18")
        .containsEntry("serverInfo", Map.of("name", "Pet store", "version", "1.2.0"));
    assertThat(result.get("capabilities")).isEqualTo(Map.of("tools", Map.of("listChanged", false)));

    Map<String, Object> newer =
        result(request("initialize", Map.of("protocolVersion", "2099-01-01")));
    assertThat(newer).containsEntry("protocolVersion", "2025-11-25");

    transport.send(new JSONRPCNotification("2.0", "notifications/initialized", null)).block(WAIT);
    assertThat(result(request("ping", null))).isEmpty();
    assertThat(inbound).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void listsTheToolsOfTheDocument() throws InterruptedException {
    List<Map<String, Object>> tools =
        (List<Map<String, Object>>) result(request("tools/list", Map.of())).get("tools");
    assertThat(tools)
        .extracting(t -> t.get("name"))
        .containsExactly(
            "listPets", "createPet", "getPet", "delete_pets_petId", "owner_s_pets", "getPet_2");
    assertThat(tools.get(2))
        .containsEntry("description", "One pet")
        .extractingByKey("inputSchema")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("required", List.of("petId"));
  }

  @Test
  void getWithPathAndQueryParametersCallsTheApi() throws InterruptedException {
    Map<String, Object> result =
        result(
            request(
                "tools/call",
                Map.of(
                    "name",
                    "getPet",
                    "arguments",
                    Map.of("petId", "1", "fields", List.of("name", "id")))));

    assertThat(api.received())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.method()).isEqualTo("GET");
              assertThat(r.uri()).isEqualTo("/api/v1/pets/1?fields=name,id");
              assertThat(r.headers()).containsEntry("accept", "application/json, */*;q=0.8");
            });
    assertThat(result)
        .containsEntry("isError", false)
        .containsEntry(
            "content", List.of(Map.of("type", "text", "text", "{\"id\":1,\"name\":\"Rex\"}")))
        .containsEntry("structuredContent", Map.of("id", 1, "name", "Rex"));
  }

  @Test
  void postWithAJsonBodyAndAHeaderCallsTheApi() throws InterruptedException {
    Map<String, Object> pet = new java.util.LinkedHashMap<>();
    pet.put("name", "Mia");
    pet.put("tag", "cat");
    Map<String, Object> result =
        result(
            request(
                "tools/call",
                Map.of(
                    "name", "createPet", "arguments", Map.of("X-Tenant", "shop-7", "body", pet))));

    assertThat(api.received())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.method()).isEqualTo("POST");
              assertThat(r.uri()).isEqualTo("/api/v1/pets");
              assertThat(r.headers())
                  .containsEntry("x-tenant", "shop-7")
                  .containsEntry("content-type", "application/json");
              assertThat(r.body()).isEqualTo("{\"name\":\"Mia\",\"tag\":\"cat\"}");
            });
    assertThat(result)
        .containsEntry("isError", false)
        .containsEntry("structuredContent", Map.of("name", "Mia", "tag", "cat", "id", 2));
  }

  @Test
  void anErrorStatusIsAToolError() throws InterruptedException {
    Map<String, Object> result =
        result(request("tools/call", Map.of("name", "getPet", "arguments", Map.of("petId", "99"))));
    assertThat(api.received())
        .singleElement()
        .extracting(PetStoreServer.Received::uri)
        .isEqualTo("/api/v1/pets/99");
    assertThat(result)
        .containsEntry("isError", true)
        .containsEntry(
            "content",
            List.of(Map.of("type", "text", "text", "HTTP 404: {\"message\":\"no pet 99\"}")));
  }

  @Test
  void missingArgumentsAreAToolErrorWithoutACall() throws InterruptedException {
    Map<String, Object> result =
        result(request("tools/call", Map.of("name", "getPet", "arguments", Map.of())));
    assertThat(result).containsEntry("isError", true);
    assertThat(result.get("content").toString()).contains("the argument 'petId' is required");
    assertThat(api.received()).isEmpty();
  }

  @Test
  void anUnreachableApiIsAToolError() throws InterruptedException {
    McpHttpTarget nowhere =
        McpHttpTarget.newBuilder().setHost("127.0.0.1").setPort(FreePorts.next()).build();
    UpstreamTransport unreachable =
        OpenApiTarget.of(
                PetStore.document(), nowhere, OpenApiTarget.defaultClient(nowhere), CALL_TIMEOUT)
            .newTransport();
    unreachable.start(inbound::add, () -> {}).block(WAIT);
    unreachable
        .send(
            new JSONRPCRequest(
                "2.0",
                "tools/call",
                "u-1",
                Map.of("name", "getPet", "arguments", Map.of("petId", "1"))))
        .block(WAIT);
    JSONRPCResponse response = (JSONRPCResponse) inbound.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    unreachable.close();
    assertThat(response).isNotNull();
    Map<String, Object> result = result(response);
    assertThat(result).containsEntry("isError", true);
    assertThat(result.get("content").toString())
        .contains("The API at http://127.0.0.1:" + nowhere.getPort() + "/api/v1 cannot be reached");
  }

  @Test
  void unknownToolsAndMethodsAreJsonRpcErrors() throws InterruptedException {
    JSONRPCResponse tool = request("tools/call", Map.of("name", "feedPet", "arguments", Map.of()));
    assertThat(tool.error().code()).isEqualTo(-32602);
    assertThat(tool.error().message()).contains("feedPet");
    JSONRPCResponse method = request("resources/list", Map.of());
    assertThat(method.error().code()).isEqualTo(-32601);
    assertThat(method.result()).isNull();
  }

  @Test
  void cancellationAbortsTheHttpCallAndNothingIsAnswered() throws InterruptedException {
    transport
        .send(
            new JSONRPCRequest(
                "2.0",
                "tools/call",
                "slow-1",
                Map.of("name", "getPet", "arguments", Map.of("petId", "slow"))))
        .block(WAIT);
    await(() -> api.received().size() == 1);
    transport
        .send(
            new JSONRPCNotification(
                "2.0", "notifications/cancelled", Map.of("requestId", "slow-1", "reason", "user")))
        .block(WAIT);
    assertThat(api.abandoned(WAIT)).isTrue();
    assertThat(inbound.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aCallPastItsTimeoutIsAbandonedAndAToolError() throws InterruptedException {
    Map<String, Object> result =
        result(
            request("tools/call", Map.of("name", "getPet", "arguments", Map.of("petId", "slow"))));
    assertThat(result).containsEntry("isError", true);
    assertThat(result.get("content").toString()).contains("did not answer within 3000 ms");
    assertThat(api.abandoned(WAIT)).isTrue();
  }

  @Test
  void closeAbortsCallsInFlightRunsTheCallbackOnceAndRefusesLaterMessages()
      throws InterruptedException {
    transport
        .send(
            new JSONRPCRequest(
                "2.0",
                "tools/call",
                "slow-2",
                Map.of("name", "getPet", "arguments", Map.of("petId", "slow"))))
        .block(WAIT);
    await(() -> api.received().size() == 1);
    transport.close();
    transport.close();
    assertThat(closed).hasValue(1);
    assertThat(api.abandoned(WAIT)).isTrue();
    assertThatThrownBy(
            () -> transport.send(new JSONRPCRequest("2.0", "ping", "late", null)).block(WAIT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not open");
    assertThat(inbound).isEmpty();
  }

  private static void await(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private int ids;

  /** Sends a request and waits for its response, which must carry the same id. */
  private JSONRPCResponse request(String method, Object params) throws InterruptedException {
    String id = "t-" + ++ids;
    transport.send(new JSONRPCRequest("2.0", method, id, params)).block(WAIT);
    JSONRPCMessage message = inbound.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(message).isInstanceOf(JSONRPCResponse.class);
    JSONRPCResponse response = (JSONRPCResponse) message;
    assertThat(response.id()).isEqualTo(id);
    return response;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(JSONRPCResponse response) {
    assertThat(response.error()).isNull();
    return (Map<String, Object>) response.result();
  }
}
