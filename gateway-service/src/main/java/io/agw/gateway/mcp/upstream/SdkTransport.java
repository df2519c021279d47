package io.agw.gateway.mcp.upstream;

import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * An {@link UpstreamTransport} over one of the MCP Java SDK's client transports (Streamable HTTP
 * and HTTP+SSE): the SDK does the HTTP framing, session header and SSE parsing; this adapter only
 * passes messages through and reports a transport error as the end of the connection.
 */
public final class SdkTransport implements UpstreamTransport {

  private final Supplier<McpClientTransport> factory;
  private final String description;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile McpClientTransport transport;

  public SdkTransport(Supplier<McpClientTransport> factory, String description) {
    this.factory = factory;
    this.description = description;
  }

  @Override
  public Mono<Void> start(Consumer<JSONRPCMessage> inbound, Runnable onClosed) {
    return Mono.defer(
        () -> {
          McpClientTransport t = factory.get();
          transport = t;
          t.setExceptionHandler(
              e -> {
                if (closed.compareAndSet(false, true)) {
                  onClosed.run();
                }
              });
          return t.connect(messages -> messages.doOnNext(inbound));
        });
  }

  @Override
  public Mono<Void> send(JSONRPCMessage message) {
    return Mono.defer(
        () -> {
          McpClientTransport t = transport;
          if (t == null || closed.get()) {
            return Mono.error(new IllegalStateException(description + " is not connected"));
          }
          return t.sendMessage(message);
        });
  }

  @Override
  public void close() {
    closed.set(true);
    McpClientTransport t = transport;
    if (t != null) {
      t.closeGracefully().onErrorComplete().subscribe();
    }
  }

  @Override
  public String describe() {
    return description;
  }
}
