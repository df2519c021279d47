package io.agw.gateway.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * agentgateway's {@code frontendPolicies.http.maxConnectionDuration} on one HTTP/1.1 connection:
 * once the connection is that old it is closed gracefully. A connection with no request in progress
 * is closed at once; one with a request in progress is closed after its answer, which then carries
 * {@code Connection: close} when its head had not been sent yet. Sits after the HTTP codec; one
 * instance per connection, used on its event loop only.
 */
final class ConnectionAgeLimit extends ChannelDuplexHandler {

  private boolean expired;
  private boolean inFlight;

  private ConnectionAgeLimit() {}

  /** Limits the age of a new connection whose HTTP/1 codec is the handler named {@code codec}. */
  static void install(Channel channel, String codec, Duration maxAge) {
    ConnectionAgeLimit limit = new ConnectionAgeLimit();
    channel.pipeline().addAfter(codec, "agw.connectionAgeLimit", limit);
    ScheduledFuture<?> timer =
        channel
            .eventLoop()
            .schedule(() -> limit.expire(channel), maxAge.toNanos(), TimeUnit.NANOSECONDS);
    channel.closeFuture().addListener(f -> timer.cancel(false));
  }

  private void expire(Channel channel) {
    expired = true;
    if (!inFlight) {
      channel.close();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      inFlight = true;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (expired
        && msg instanceof HttpResponse response
        && !response.status().equals(HttpResponseStatus.CONTINUE)) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    if (!(msg instanceof LastHttpContent)) {
      super.write(ctx, msg, promise);
      return;
    }
    ChannelPromise written = promise.unvoid();
    written.addListener(
        f -> {
          inFlight = false;
          if (expired) {
            ctx.channel().close();
          }
        });
    super.write(ctx, msg, written);
  }
}
