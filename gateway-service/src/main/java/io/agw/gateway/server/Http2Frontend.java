package io.agw.gateway.server;

import io.agw.gateway.state.GatewayState.BindSpec;
import io.agw.model.resource.v1.FrontendHttp;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AttributeKey;
import java.time.Duration;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.Http2SettingsSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServerRequest;

/**
 * HTTP/2 on the traffic ports, as agentgateway serves it: a plain port answers HTTP/1.1 and
 * cleartext HTTP/2 with prior knowledge, a TLS port HTTP/1.1 and HTTP/2 as the client chooses by
 * ALPN ({@code h2} is offered unless {@code frontendPolicies.tls.alpn} leaves it out). {@code
 * frontendPolicies.http}'s {@code http2*} settings apply to every HTTP/2 connection; they are fixed
 * when the port is bound. Stateless.
 */
final class Http2Frontend {

  private static final AttributeKey<Boolean> SET_UP =
      AttributeKey.valueOf(Http2Frontend.class, "setUp");
  private static final AttributeKey<Boolean> GOING_AWAY =
      AttributeKey.valueOf(Http2Frontend.class, "goingAway");

  /** hyper's default: how long a keepalive PING may wait for its acknowledgement. */
  static final Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(20);

  private Http2Frontend() {}

  /** The protocols a port serves. */
  static HttpProtocol[] protocols(BindSpec spec) {
    if (spec.tls() == null) {
      return new HttpProtocol[] {HttpProtocol.HTTP11, HttpProtocol.H2C};
    }
    boolean h2 =
        !spec.frontend().getTls().getAlpnSet()
            || spec.frontend().getTls().getAlpnList().contains("h2");
    return h2
        ? new HttpProtocol[] {HttpProtocol.HTTP11, HttpProtocol.H2}
        : new HttpProtocol[] {HttpProtocol.HTTP11};
  }

  /** The SETTINGS the gateway announces on its HTTP/2 connections. */
  static void settings(Http2SettingsSpec.Builder settings, FrontendHttp http) {
    if (http.hasHttp2WindowSize()) {
      settings.initialWindowSize(http.getHttp2WindowSize());
    }
    if (http.hasHttp2FrameSize()) {
      settings.maxFrameSize(http.getHttp2FrameSize());
    }
    if (http.hasHttp2MaxHeaderSize()) {
      settings.maxHeaderListSize(http.getHttp2MaxHeaderSize());
    }
  }

  /**
   * Called for every request: on the first stream of an HTTP/2 connection, enlarges the connection
   * window and starts the keepalive PINGs as configured, and drops reactor-netty's HTTP/2 marker
   * headers. Nothing happens on HTTP/1.1 connections.
   */
  static void onRequest(HttpServerRequest request, FrontendHttp http) {
    if (!(request instanceof Connection c) || !(c.channel() instanceof Http2StreamChannel stream)) {
      return;
    }
    // reactor-netty marks HTTP/2 requests with these; they are not the client's headers.
    for (HttpConversionUtil.ExtensionHeaderNames marker :
        HttpConversionUtil.ExtensionHeaderNames.values()) {
      request.requestHeaders().remove(marker.text());
    }
    Channel connection = stream.parent();
    if (connection.attr(SET_UP).setIfAbsent(Boolean.TRUE) == null) {
      setUp(connection, http);
    }
  }

  /**
   * After an answer while the gateway drains: tells an HTTP/2 client with GOAWAY (once per
   * connection) to open its next streams elsewhere, as HTTP/2 has no {@code Connection: close}.
   * Sent after the answer, as some clients (the JDK 17 one) fail streams still open on a GOAWAY.
   */
  static void answered(HttpServerRequest request) {
    if (request instanceof Connection c
        && c.channel() instanceof Http2StreamChannel stream
        && stream.parent().attr(GOING_AWAY).setIfAbsent(Boolean.TRUE) == null) {
      stream.parent().writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
    }
  }

  private static void setUp(Channel connection, FrontendHttp http) {
    if (http.hasHttp2ConnectionWindowSize()) {
      int increase = http.getHttp2ConnectionWindowSize() - Http2CodecUtil.DEFAULT_WINDOW_SIZE;
      if (increase > 0) {
        // A WINDOW_UPDATE on stream 0 raises the connection window (it cannot be lowered).
        connection.writeAndFlush(new DefaultHttp2WindowUpdateFrame(increase));
      }
    }
    if (http.hasHttp2KeepaliveInterval()
        && connection.pipeline().get(NettyPipeline.HttpCodec) != null) {
      Duration timeout =
          http.hasHttp2KeepaliveTimeout()
              ? duration(http.getHttp2KeepaliveTimeout())
              : DEFAULT_KEEPALIVE_TIMEOUT;
      connection
          .pipeline()
          .addAfter(
              NettyPipeline.HttpCodec,
              "agw.h2Keepalive",
              new Http2Keepalive(duration(http.getHttp2KeepaliveInterval()), timeout));
    }
  }

  private static Duration duration(com.google.protobuf.Duration d) {
    return Duration.ofSeconds(d.getSeconds(), d.getNanos());
  }
}
