package io.agw.gateway.mcp.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.mcp.upstream.UpstreamTransport;
import io.agw.model.resource.v1.McpHttpTarget;
import io.agw.model.resource.v1.McpOpenApiTarget;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
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
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** An OpenAPI target whose document is served over HTTP by a real server on loopback. */
class RemoteOpenApiTargetTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final AtomicInteger fetches = new AtomicInteger();
  private final PetStoreServer api = new PetStoreServer();
  private final DisposableServer documents =
      HttpServer.create()
          .host("127.0.0.1")
          .port(0)
          .route(
              r ->
                  r.get(
                          "/petstore.yaml",
                          (req, res) -> {
                            fetches.incrementAndGet();
                            return res.header("Content-Type", "application/yaml")
                                .sendString(Mono.just(PetStore.text()))
                                .then();
                          })
                      .get(
                          "/missing.yaml",
                          (req, res) -> {
                            fetches.incrementAndGet();
                            return res.status(404).send();
                          }))
          .bindNow();

  @AfterEach
  void stop() {
    documents.disposeNow();
    api.close();
  }

  private RemoteOpenApiTarget target(String path) {
    return new RemoteOpenApiTarget(
        McpOpenApiTarget.newBuilder()
            .setSchemaUrl("http://127.0.0.1:" + documents.port() + path)
            .setServer(McpHttpTarget.newBuilder().setHost("127.0.0.1").setPort(api.port()))
            .build(),
        Duration.ofSeconds(5));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDocumentIsFetchedOnceForManyConnectionsAndItsToolsCallTheApi()
      throws InterruptedException {
    RemoteOpenApiTarget target = target("/petstore.yaml");
    assertThat(fetches).hasValue(0);

    BlockingQueue<JSONRPCMessage> first = new LinkedBlockingQueue<>();
    BlockingQueue<JSONRPCMessage> second = new LinkedBlockingQueue<>();
    UpstreamTransport one = target.newTransport();
    UpstreamTransport two = target.newTransport();
    one.start(first::add, () -> {}).block(WAIT);
    two.start(second::add, () -> {}).block(WAIT);
    assertThat(fetches).hasValue(1);

    one.send(new JSONRPCRequest("2.0", "tools/list", 1, Map.of())).block(WAIT);
    JSONRPCResponse list = (JSONRPCResponse) first.poll(10, TimeUnit.SECONDS);
    assertThat((List<Map<String, Object>>) ((Map<String, Object>) list.result()).get("tools"))
        .extracting(t -> t.get("name"))
        .contains("getPet", "createPet");

    two.send(
            new JSONRPCRequest(
                "2.0", "tools/call", 2, Map.of("name", "getPet", "arguments", Map.of("petId", 1))))
        .block(WAIT);
    JSONRPCResponse call = (JSONRPCResponse) second.poll(10, TimeUnit.SECONDS);
    assertThat(call.result().toString()).contains("Rex");
    assertThat(api.received()).extracting(PetStoreServer.Received::uri).contains("/api/v1/pets/1");
    one.close();
    two.close();
  }

  @Test
  void aDocumentThatCannotBeFetchedFailsTheConnectionAndIsFetchedAgainNextTime() {
    RemoteOpenApiTarget target = target("/missing.yaml");

    assertThatThrownBy(() -> target.newTransport().start(m -> {}, () -> {}).block(WAIT))
        .hasMessageContaining("/missing.yaml answered HTTP 404");
    assertThatThrownBy(() -> target.newTransport().start(m -> {}, () -> {}).block(WAIT))
        .isInstanceOf(OpenApiException.class);
    assertThat(fetches).hasValue(2);
  }
}
