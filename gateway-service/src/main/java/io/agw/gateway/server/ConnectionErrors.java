package io.agw.gateway.server;

import io.agw.gateway.server.GatewayErrorHandler.ErrorBody;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.springframework.http.HttpStatusCode;

/**
 * Answers a connection whose request never became an exchange (its head timed out or could not be
 * parsed) with the gateway's JSON error, then closes it. Stateless.
 */
final class ConnectionErrors {

  private ConnectionErrors() {}

  /**
   * Writes the error through the HTTP encoder that sits before {@code ctx} in the pipeline and
   * closes the connection once it is written.
   */
  static void answerAndClose(ChannelHandlerContext ctx, int status, String type, String message) {
    byte[] body =
        GatewayErrorHandler.json(new ErrorBody(HttpStatusCode.valueOf(status), type, message));
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
