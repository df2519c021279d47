package io.agw.gateway.llm.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A provider that starts an event stream and then resets the TCP connection (SO_LINGER 0 close), as
 * a provider or a middlebox does when it drops a connection mid-stream. It speaks plain HTTP/1.1 on
 * a raw socket so that the reset is a real RST, not an orderly close. The partial stream is in the
 * dialect the path implies: chat completion chunks, Anthropic message events or Responses events.
 * Thread per connection; for tests only.
 */
public final class ResettingUpstream implements AutoCloseable {

  private final ServerSocket server;

  private ResettingUpstream() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "resetting-upstream");
    accept.setDaemon(true);
    accept.start();
  }

  public static ResettingUpstream start() {
    try {
      return new ResettingUpstream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String hostPort() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread t = new Thread(() -> serve(socket), "resetting-upstream-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
      int length = contentLength(head);
      in.readNBytes(length);
      String events = partialStream(path);
      byte[] chunk = events.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n"
                  + "transfer-encoding: chunked\r\n\r\n"
                  + Integer.toHexString(chunk.length)
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(chunk);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(200);
      // An RST instead of a FIN: the stream is cut, not ended.
      socket.setSoLinger(true, 0);
    } catch (IOException | InterruptedException | RuntimeException e) {
      // The connection is gone either way.
    }
  }

  private static String partialStream(String path) {
    if (path.contains("/messages")) {
      return "event: message_start\n"
          + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
          + "\"role\":\"assistant\",\"model\":\"claude-reset\",\"content\":[],\"stop_reason\":null,"
          + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n"
          + "event: content_block_start\n"
          + "data: {\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
          + "event: content_block_delta\n"
          + "data: {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n";
    }
    if (path.contains("/responses")) {
      return "event: response.created\n"
          + "data: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\","
          + "\"object\":\"response\",\"status\":\"in_progress\",\"model\":\"gpt-reset\",\"output\":[]}}\n\n"
          + "event: response.output_text.delta\n"
          + "data: {\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"item_id\":\"msg_1\","
          + "\"output_index\":0,\"content_index\":0,\"delta\":\"Hel\"}\n\n";
    }
    return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"gpt-reset\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
        + "\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n";
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the request head ended");
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    return 0;
  }
}
