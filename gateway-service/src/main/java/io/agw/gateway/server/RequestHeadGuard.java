package io.agw.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the request heads of one HTTP/1.1 connection, around the HTTP codec: a head must arrive
 * whole within {@code headerReadTimeout} of its first byte, else the client gets 408 and the
 * connection is closed (so a client trickling header bytes cannot hold it; reactor-netty's idle
 * timeout only sees silence, its read and request timeouts start after the head); and a head the
 * codec refused (too long, malformed) is answered with the gateway's JSON error instead of
 * reactor-netty's empty body, as is a head with more header fields than {@code http1MaxHeaders}
 * (431). One instance per connection, used on its event loop only.
 */
final class RequestHeadGuard {

  private static final Logger log = LoggerFactory.getLogger(RequestHeadGuard.class);

  /** Where the connection is in its current request. */
  private enum Phase {
    /** Between requests: the next byte starts a head. */
    IDLE,
    /** Reading a head: the timer runs. */
    HEAD,
    /** Reading a body: the body read timeout applies. */
    BODY,
    /** Answered with an error; everything else is dropped. */
    CLOSING
  }

  private final long timeoutMillis;
  private final int maxHeaders;
  private Phase phase = Phase.IDLE;
  private ScheduledFuture<?> timer;
  private ChannelHandlerContext decoded;

  private RequestHeadGuard(Duration timeout, int maxHeaders) {
    this.timeoutMillis = Math.max(1, timeout.toMillis());
    this.maxHeaders = maxHeaders;
  }

  /** Puts a guard around the HTTP codec of a new connection's pipeline, without a header count. */
  static void install(Channel channel, Duration headerReadTimeout) {
    install(channel, headerReadTimeout, 0);
  }

  /**
   * Puts a guard around the HTTP codec of a new connection's pipeline.
   *
   * @param maxHeaders the most header fields a request may carry ({@code
   *     frontendPolicies.http.http1MaxHeaders}), 0 for no count
   */
  static void install(Channel channel, Duration headerReadTimeout, int maxHeaders) {
    var pipeline = channel.pipeline();
    String codec = Http1Connections.codecName(pipeline);
    if (codec == null) {
      return;
    }
    RequestHeadGuard guard = new RequestHeadGuard(headerReadTimeout, maxHeaders);
    pipeline.addBefore(codec, "agw.requestHeadStart", guard.new Bytes());
    pipeline.addAfter(codec, "agw.requestHeadEnd", guard.new Messages());
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void expired() {
    timer = null;
    if (phase != Phase.HEAD || decoded == null) {
      return;
    }
    phase = Phase.CLOSING;
    log.debug("request head not received in {} ms; closing {}", timeoutMillis, decoded.channel());
    ConnectionErrors.answerAndClose(
        decoded,
        408,
        "request_timeout",
        "the request head was not received within " + timeoutMillis + " ms");
  }

  /** Sees the raw bytes, before the codec: the first byte of a head starts the timer. */
  private final class Bytes extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (phase == Phase.CLOSING) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (phase == Phase.IDLE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
        phase = Phase.HEAD;
        timer =
            ctx.executor()
                .schedule(RequestHeadGuard.this::expired, timeoutMillis, TimeUnit.MILLISECONDS);
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      cancel();
      ctx.fireChannelInactive();
    }
  }

  /** Sees what the codec decoded: a whole head stops the timer, a refused one is answered. */
  private final class Messages extends ChannelInboundHandlerAdapter {
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      decoded = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (phase == Phase.CLOSING) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (msg instanceof HttpRequest request) {
        cancel();
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
          ReferenceCountUtil.release(msg);
          refuse(ctx, result.cause());
          return;
        }
        if (maxHeaders > 0 && request.headers().size() > maxHeaders) {
          ReferenceCountUtil.release(msg);
          phase = Phase.CLOSING;
          log.debug("refused a request head with {} header fields", request.headers().size());
          ConnectionErrors.answerAndClose(
              ctx,
              431,
              "request_header_fields_too_large",
              "the request has more than " + maxHeaders + " header fields");
          return;
        }
        phase = Phase.BODY;
      }
      if (msg instanceof LastHttpContent) {
        phase = Phase.IDLE;
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof CleartextHttp2ServerUpgradeHandler.PriorKnowledgeUpgradeEvent
          || evt instanceof HttpServerUpgradeHandler.UpgradeEvent) {
        // The connection turned to HTTP/2 (h2c): there are no HTTP/1 heads to guard any more.
        cancel();
        phase = Phase.IDLE;
        var pipeline = ctx.pipeline();
        if (pipeline.get("agw.requestHeadStart") != null) {
          pipeline.remove("agw.requestHeadStart");
        }
        pipeline.remove(this);
      }
      ctx.fireUserEventTriggered(evt);
    }

    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
      phase = Phase.CLOSING;
      log.debug("refused a request head: {}", cause.toString());
      if (cause instanceof TooLongHttpHeaderException) {
        ConnectionErrors.answerAndClose(
            ctx, 431, "request_header_fields_too_large", "the request headers are too large");
      } else if (cause instanceof TooLongHttpLineException) {
        ConnectionErrors.answerAndClose(ctx, 414, "uri_too_long", "the request line is too long");
      } else {
        ConnectionErrors.answerAndClose(ctx, 400, "bad_request", "the request is not valid HTTP");
      }
    }
  }
}
