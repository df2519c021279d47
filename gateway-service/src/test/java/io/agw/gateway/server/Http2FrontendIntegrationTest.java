package io.agw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.util.function.Tuple2;

/**
 * HTTP/2 on the traffic ports with real clients: a plain port serves cleartext HTTP/2 with prior
 * knowledge (reactor-netty's and Netty's h2c clients) next to HTTP/1.1, a TLS port serves {@code
 * h2} chosen by ALPN; a proxied request and a streamed SSE response arrive over HTTP/2; {@code
 * frontendPolicies.http.http2MaxHeaderSize} refuses an oversized header block, {@code
 * http2KeepaliveInterval} makes the gateway send PINGs, {@code http1HeaderCase: lowercase}
 * lowercases HTTP/1 header names both ways; and a reload with {@code tls.alpn: [http/1.1]} makes a
 * TLS client that offers h2 fall back to HTTP/1.1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Http2FrontendIntegrationTest {

  /** Released when the client has read the first SSE event; the backend then sends the last. */
  static final CountDownLatch FIRST_EVENT_READ = new CountDownLatch(1);

  /** Header names as the backend received them, case and all, by request path. */
  static final Map<String, List<String>> RECEIVED = new ConcurrentHashMap<>();

  static final DisposableServer BACKEND = backend();
  static final int HTTP = FreePorts.next();
  static final int TLS = FreePorts.next();
  static Path dir;

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    dir = Files.createTempDirectory("agw-h2");
    writeConfig("");
    registry.add("agw.config.file", () -> dir.resolve("config.yaml").toString());
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  static void writeConfig(String tls) throws Exception {
    String yaml =
        """
        frontendPolicies:
          http:
            http2MaxHeaderSize: 4096
            http2KeepaliveInterval: 300ms
            http2KeepaliveTimeout: 10s
            http2WindowSize: 1048576
            http2ConnectionWindowSize: 4194304
            http2FrameSize: 32768
            http1HeaderCase: lowercase
        TLS_POLICY
        binds:
          - port: HTTP
            listeners:
              - routes:
                  - name: h2-only
                    matches: [{path: {pathPrefix: /h2-only}}]
                    policies:
                      authorization:
                        rules:
                          - allow: 'request.version == "HTTP/2.0"'
                    backends: [{host: "BACKEND"}]
                  - backends: [{host: "BACKEND"}]
          - port: SECURE
            listeners:
              - protocol: HTTPS
                tls: {cert: LISTENER/a.pem, key: LISTENER/a.key}
                routes: [{backends: [{host: "BACKEND"}]}]
        """
            .replace("TLS_POLICY", tls)
            .replace("port: HTTP", "port: " + HTTP)
            .replace("port: SECURE", "port: " + TLS)
            .replace("LISTENER", material("tls/listener").toString())
            .replace("BACKEND", "127.0.0.1:" + BACKEND.port());
    Path tmp = dir.resolve("config.yaml.tmp");
    Files.writeString(tmp, yaml);
    Files.move(
        tmp,
        dir.resolve("config.yaml"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  static Path material(String name) {
    try {
      return Path.of(Http2FrontendIntegrationTest.class.getResource("/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** /sse streams two events, the second once the first was read; else "ok" with X-Reply-Case. */
  static DisposableServer backend() {
    return HttpServer.create()
        .host("127.0.0.1")
        .port(0)
        .handle(
            (req, res) -> {
              RECEIVED.put(req.path(), req.requestHeaders().names().stream().sorted().toList());
              if (req.path().equals("sse")) {
                Flux<String> events =
                    Flux.concat(
                        Mono.just("data: first\n\n"),
                        Mono.fromCallable(
                                () -> FIRST_EVENT_READ.await(30, TimeUnit.SECONDS) ? "" : "")
                            .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                            .then(Mono.just("data: last\n\n")));
                return res.header("content-type", "text/event-stream")
                    .sendString(events, StandardCharsets.UTF_8)
                    .then();
              }
              return res.header("X-Reply-Case", "Mixed").sendString(Mono.just("ok")).then();
            })
        .bindNow();
  }

  @AfterAll
  static void stop() {
    BACKEND.disposeNow();
  }

  private static HttpClient h2c() {
    return HttpClient.create().protocol(HttpProtocol.H2C).baseUrl("http://127.0.0.1:" + HTTP);
  }

  private static HttpClient h2OverTls() {
    Http2SslContextSpec spec =
        Http2SslContextSpec.forClient()
            .configure(b -> b.trustManager(InsecureTrustManagerFactory.INSTANCE));
    return HttpClient.create()
        .protocol(HttpProtocol.H2)
        .secure(
            ssl ->
                ssl.sslContext(spec)
                    .serverNames(new SNIHostName("a.example"))
                    .handlerConfigurator(
                        h -> {
                          SSLParameters p = h.engine().getSSLParameters();
                          p.setEndpointIdentificationAlgorithm(null);
                          h.engine().setSSLParameters(p);
                        }))
        .baseUrl("https://127.0.0.1:" + TLS);
  }

  @Test
  void aPlainPortServesCleartextHttp2WithPriorKnowledge() {
    Tuple2<String, HttpVersion> answer =
        h2c()
            .get()
            .uri("/over-h2c")
            .responseSingle((res, body) -> body.asString().zipWith(Mono.just(res.version())))
            .block(Duration.ofSeconds(30));
    assertThat(answer.getT2().text()).isEqualTo("HTTP/2.0");
    assertThat(answer.getT1()).isEqualTo("ok");
    // HTTP/2's pseudo-headers and reactor-netty's x-http2-* markers are not forwarded as headers.
    assertThat(RECEIVED.get("over-h2c"))
        .noneMatch(n -> n.startsWith(":") || n.startsWith("x-http2"));
  }

  @Test
  void celSeesTheClientsHttpVersion() throws Exception {
    assertThat(
            h2c()
                .get()
                .uri("/h2-only")
                .responseSingle((res, body) -> body.then(Mono.just(res.status().code())))
                .block(Duration.ofSeconds(30)))
        .isEqualTo(200);
    assertThat(
            java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + HTTP + "/h2-only"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void anUpgradeToH2cIsAnsweredOnHttp11AsByAgentgateway() throws Exception {
    // The JDK client asks for HTTP/2 on a plain port with Upgrade: h2c; hyper does not upgrade.
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_2)
            .build()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + HTTP + "/upgrade"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
    assertThat(RECEIVED.get("upgrade")).doesNotContain("upgrade", "http2-settings");
  }

  @Test
  void aTlsPortServesH2ChosenByAlpnAndStreamsSse() {
    Tuple2<String, HttpVersion> answer =
        h2OverTls()
            .get()
            .uri("/over-h2")
            .responseSingle((res, body) -> body.asString().zipWith(Mono.just(res.version())))
            .block(Duration.ofSeconds(30));
    assertThat(answer.getT2().text()).isEqualTo("HTTP/2.0");
    assertThat(answer.getT1()).isEqualTo("ok");

    // The first event arrives while the backend still holds the last: the stream is not buffered.
    List<String> chunks = new CopyOnWriteArrayList<>();
    h2OverTls()
        .get()
        .uri("/sse")
        .responseContent()
        .asString()
        .doOnNext(
            chunk -> {
              chunks.add(chunk);
              if (chunk.contains("first")) {
                FIRST_EVENT_READ.countDown();
              }
            })
        .blockLast(Duration.ofSeconds(60));
    assertThat(String.join("", chunks)).contains("data: first").contains("data: last");
  }

  @Test
  void http2MaxHeaderSizeRefusesAnOversizedHeaderBlock() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      Channel connection = rawH2c(group, new AtomicInteger());
      assertThat(status(connection, "/small", "v".repeat(1000))).isEqualTo("200");
      // Over 4096 bytes (the limit), below 5120 (Netty closes the connection beyond 1.25 times).
      assertThat(status(connection, "/large", "v".repeat(4500))).isEqualTo("431");
      connection.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void http2KeepaliveIntervalMakesTheGatewaySendPings() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    AtomicInteger pings = new AtomicInteger();
    try {
      Channel connection = rawH2c(group, pings);
      assertThat(status(connection, "/ping", "")).isEqualTo("200");
      // The connection stays silent: every 300ms the gateway asks with a PING.
      await().atMost(Duration.ofSeconds(30)).until(() -> pings.get() >= 2);
      assertThat(connection.isActive()).isTrue();
      connection.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  /**
   * Netty's h2c client with prior knowledge that counts the PINGs it receives; it sends header
   * blocks whatever size the server announced.
   */
  private static Channel rawH2c(EventLoopGroup group, AtomicInteger pings) throws Exception {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                ch.pipeline()
                    .addLast(
                        Http2FrameCodecBuilder.forClient()
                            .encoderIgnoreMaxHeaderListSize(true)
                            .build(),
                        new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()),
                        new ChannelInboundHandlerAdapter() {
                          @Override
                          public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            if (msg instanceof Http2PingFrame ping && !ping.ack()) {
                              pings.incrementAndGet();
                            }
                            ReferenceCountUtil.release(msg);
                          }
                        });
              }
            })
        .connect(new InetSocketAddress("127.0.0.1", HTTP))
        .sync()
        .channel();
  }

  /** The status of a GET on a new stream of {@code connection}, with an x-big header if given. */
  private static String status(Channel connection, String path, String big) throws Exception {
    java.util.concurrent.CompletableFuture<String> status =
        new java.util.concurrent.CompletableFuture<>();
    Http2StreamChannel stream =
        new Http2StreamChannelBootstrap(connection)
            .handler(
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof Http2HeadersFrame h && h.headers().status() != null) {
                      status.complete(h.headers().status().toString());
                    }
                    ReferenceCountUtil.release(msg);
                  }
                })
            .open()
            .sync()
            .getNow();
    DefaultHttp2Headers headers = new DefaultHttp2Headers();
    headers.method("GET").path(path).scheme("http").authority("127.0.0.1");
    if (!big.isEmpty()) {
      headers.add("x-big", big);
    }
    stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true));
    return status.get(30, TimeUnit.SECONDS);
  }

  @Test
  void http1HeaderCaseLowercaseLowercasesHeaderNamesBothWays() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", HTTP)) {
      socket.setSoTimeout(20_000);
      socket
          .getOutputStream()
          .write(
              ("GET /case HTTP/1.1\r\nHost: x\r\nX-Case-Probe: Mixed\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 200").contains("\r\nx-reply-case: Mixed\r\n");
      assertThat(answer).doesNotContain("X-Reply-Case");
    }
    assertThat(RECEIVED.get("case")).contains("x-case-probe").doesNotContain("X-Case-Probe");
  }

  /** Runs last: it changes the file that the other tests rely on. */
  @Test
  @Order(Integer.MAX_VALUE)
  void alpnWithOnlyHttp11MakesATlsClientFallBackToHttp11() throws Exception {
    assertThat(negotiated()).isEqualTo("h2");
    // [104, 116, 116, 112, 47, 49, 46, 49] is "http/1.1".
    writeConfig("  tls:\n    alpn: [[104, 116, 116, 112, 47, 49, 46, 49]]\n");
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> "http/1.1".equals(negotiated()));
  }

  /** The protocol a TLS client offering h2 and http/1.1 gets, with an HTTP/1.1 request's status. */
  private static String negotiated() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.setSoTimeout(20_000);
      SSLParameters params = socket.getSSLParameters();
      params.setServerNames(List.of(new SNIHostName("a.example")));
      params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
      socket.setSSLParameters(params);
      socket.connect(new InetSocketAddress("127.0.0.1", TLS), 5_000);
      socket.startHandshake();
      String protocol = socket.getApplicationProtocol();
      if ("http/1.1".equals(protocol)) {
        socket
            .getOutputStream()
            .write(
                "GET /fallback HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 200");
      }
      return protocol;
    }
  }
}
