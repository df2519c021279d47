package io.agw.gateway.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code frontendPolicies.http.http1HeaderCase: lowercase} on one HTTP/1 connection: header names
 * of the requests read (so the backend receives them lowercase) and of the responses written are
 * lowercased, as agentgateway's HTTP/1 stack writes them. Without it ({@code preserve}, or the
 * field unset) names keep the case they were received or written with. Sits after the HTTP/1 codec;
 * stateless.
 */
final class Http1HeaderCase extends ChannelDuplexHandler {

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpMessage m) {
      lowercase(m.headers());
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpMessage m) {
      lowercase(m.headers());
    }
    ctx.write(msg, promise);
  }

  static void lowercase(HttpHeaders headers) {
    boolean upper = false;
    for (Map.Entry<String, String> e : headers) {
      if (!e.getKey().equals(e.getKey().toLowerCase(Locale.ROOT))) {
        upper = true;
        break;
      }
    }
    if (!upper) {
      return;
    }
    List<Map.Entry<String, String>> entries = headers.entries();
    headers.clear();
    for (Map.Entry<String, String> e : entries) {
      headers.add(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
  }
}
