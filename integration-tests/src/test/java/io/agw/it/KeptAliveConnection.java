package io.agw.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection to a loopback port, kept open across requests, so a test can tell whether
 * a server kept the very same connection (unlike a pooled client, which silently opens a new one).
 * Handles answers with a {@code content-length} or chunked bodies; ASCII bodies only.
 */
final class KeptAliveConnection implements AutoCloseable {

  private final Socket socket;
  private final BufferedReader in;

  KeptAliveConnection(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(10_000);
    // ISO-8859-1 maps each byte to one char, so lengths in bytes are lengths in chars.
    in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
  }

  /** Sends GET {@code path} on this connection; returns the body of a 200, or fails. */
  String get(String path) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    String status = in.readLine();
    if (status == null || !status.startsWith("HTTP/1.1 200")) {
      throw new IOException("expected a 200 on the kept-alive connection, got: " + status);
    }
    int length = -1;
    boolean chunked = false;
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      String header = line.toLowerCase(Locale.ROOT);
      if (header.startsWith("content-length:")) {
        length = Integer.parseInt(header.substring("content-length:".length()).trim());
      } else if (header.startsWith("transfer-encoding:") && header.contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      StringBuilder body = new StringBuilder();
      for (int size = chunkSize(); size > 0; size = chunkSize()) {
        body.append(read(size));
        in.readLine();
      }
      in.readLine();
      return body.toString();
    }
    if (length < 0) {
      throw new IOException("an answer without a length cannot be kept alive");
    }
    return read(length);
  }

  private int chunkSize() throws IOException {
    String line = in.readLine();
    int extension = line.indexOf(';');
    return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
  }

  private String read(int length) throws IOException {
    char[] buffer = new char[length];
    int done = 0;
    while (done < length) {
      int n = in.read(buffer, done, length - done);
      if (n < 0) {
        throw new IOException("connection closed in the middle of a body");
      }
      done += n;
    }
    return new String(buffer);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
