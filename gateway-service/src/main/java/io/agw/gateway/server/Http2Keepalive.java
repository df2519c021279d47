package io.agw.gateway.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * agentgateway's {@code http2KeepaliveInterval} and {@code http2KeepaliveTimeout} on one HTTP/2
 * connection: when nothing has been received for the interval, the gateway sends a PING; if nothing
 * (the acknowledgement or any other frame) arrives within the timeout, the connection is closed.
 * Sits after the HTTP/2 frame codec; one instance per connection, used on its event loop.
 */
final class Http2Keepalive extends IdleStateHandler {

  private static final Logger log = LoggerFactory.getLogger(Http2Keepalive.class);

  private final long timeoutNanos;
  private ScheduledFuture<?> deadline;

  Http2Keepalive(Duration interval, Duration timeout) {
    super(interval.toNanos(), 0, 0, TimeUnit.NANOSECONDS);
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
    if (evt.state() != IdleState.READER_IDLE || deadline != null) {
      return;
    }
    ctx.writeAndFlush(new DefaultHttp2PingFrame(ThreadLocalRandom.current().nextLong()));
    deadline =
        ctx.executor()
            .schedule(
                () -> {
                  log.debug("no answer to a keepalive PING; closing {}", ctx.channel());
                  ctx.close();
                },
                timeoutNanos,
                TimeUnit.NANOSECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    // Any frame shows the peer alive, the PING's acknowledgement among them (passed on, so the
    // connection's idle timeout sees the activity too).
    cancel();
    super.channelRead(ctx, msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  private void cancel() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
