package io.agw.gateway.server;

import io.agw.model.resource.v1.FrontendHttp;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.time.Duration;
import java.util.Locale;
import reactor.netty.NettyPipeline;

/**
 * Puts the gateway's HTTP/1 handlers (the {@link RequestHeadGuard}, {@link Http1HeaderCase}, the
 * {@link ConnectionAgeLimit}) around the HTTP/1 codec of a new connection: at once on a plain port
 * (where a connection starts as HTTP/1.1 and may turn to h2c), after the TLS handshake on a TLS
 * port, once ALPN has chosen HTTP/1.1 (nothing is added when it chose h2). Stateless.
 */
final class Http1Connections {

  private Http1Connections() {}

  /** The name of the connection's HTTP/1 codec, or null when it has none (yet). */
  static String codecName(ChannelPipeline pipeline) {
    var ctx = pipeline.context(HttpServerCodec.class);
    return ctx == null ? null : ctx.name();
  }

  static void install(Channel channel, Duration headerReadTimeout, FrontendHttp http) {
    ChannelPipeline pipeline = channel.pipeline();
    if (codecName(pipeline) != null) {
      installNow(channel, headerReadTimeout, http);
    } else if (pipeline.get(NettyPipeline.H2OrHttp11Codec) != null) {
      // The protocol is chosen by ALPN when the handshake completes: the chooser configures the
      // pipeline, then passes the completion event on, to this handler.
      pipeline.addAfter(
          NettyPipeline.H2OrHttp11Codec,
          "agw.afterAlpn",
          new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
              if (evt instanceof SslHandshakeCompletionEvent) {
                ctx.pipeline().remove(this);
                installNow(ctx.channel(), headerReadTimeout, http);
              }
              ctx.fireUserEventTriggered(evt);
            }
          });
    }
  }

  /** Removes an {@code Upgrade: h2c} offer before reactor-netty's upgrade handler sees it. */
  private static final class NoH2cUpgrade extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("h2c")) {
          request.headers().remove(HttpHeaderNames.UPGRADE);
          request.headers().remove("HTTP2-Settings");
        }
      }
      ctx.fireChannelRead(msg);
    }
  }

  private static void installNow(Channel channel, Duration headerReadTimeout, FrontendHttp http) {
    String codec = codecName(channel.pipeline());
    if (codec == null) {
      return;
    }
    if (channel.pipeline().get(HttpServerUpgradeHandler.class) != null) {
      // As agentgateway (hyper), cleartext HTTP/2 starts with prior knowledge only: an HTTP/1.1
      // request asking to upgrade to h2c is answered on HTTP/1.1, as if it had not asked.
      channel.pipeline().addAfter(codec, "agw.noH2cUpgrade", new NoH2cUpgrade());
    }
    RequestHeadGuard.install(
        channel, headerReadTimeout, http.hasHttp1MaxHeaders() ? http.getHttp1MaxHeaders() : 0);
    if (http.getHttp1HeaderCase() == FrontendHttp.HeaderCase.LOWERCASE) {
      channel.pipeline().addAfter(codec, "agw.http1HeaderCase", new Http1HeaderCase());
    }
    if (http.hasMaxConnectionDuration()) {
      // On a plain port a connection that turns to HTTP/2 (prior knowledge) keeps this handler;
      // its close then goes through Netty's HTTP/2 handler, which sends GOAWAY and lets the open
      // streams finish.
      ConnectionAgeLimit.install(
          channel,
          codec,
          Duration.ofSeconds(
              http.getMaxConnectionDuration().getSeconds(),
              http.getMaxConnectionDuration().getNanos()));
    }
  }
}
