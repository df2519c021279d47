package io.agw.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client TCP connection to a loopback port that writes raw HTTP/1.1 bytes, for tests of what a
 * server does with partial, slow or silent clients. Not thread-safe apart from {@link #send} racing
 * with reads.
 */
public final class RawHttpConnection implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** Connects; every later read waits at most {@code readBound} before failing the test. */
  public RawHttpConnection(int port, Duration readBound) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout((int) readBound.toMillis());
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Writes {@code text} now; false once the server has closed the connection. */
  public boolean send(String text) {
    try {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads until the server closes the connection (end of stream or reset) and returns what it
   * wrote; fails if the connection is still open after the read bound.
   */
  public String readUntilClosed() throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) != -1; ) {
        got.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "the server kept the connection open; it wrote: " + got.toString(StandardCharsets.UTF_8));
    } catch (SocketException e) {
      // A reset is a close too.
    }
    return got.toString(StandardCharsets.UTF_8);
  }

  /** Reads one response with a {@code Content-Length} body, leaving the connection open. */
  public String readResponse() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b == -1) {
        throw new IOException("closed after " + head.toString(StandardCharsets.ISO_8859_1));
      }
      head.write(b);
    }
    String headText = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : headText.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return headText + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
