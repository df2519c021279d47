package io.agw.gateway.a2a;

import java.io.ByteArrayOutputStream;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * A copy of the first bytes of a body that flows past, up to a limit, so the gateway can read a
 * JSON-RPC request or response without holding the body back. Beyond the limit it only counts.
 *
 * <p>Not thread-safe: Reactor delivers the buffers of one body one at a time.
 */
final class BoundedBytes {

  private final int limit;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
  private boolean overflowed;

  BoundedBytes(int limit) {
    this.limit = limit;
  }

  /** Copies the readable bytes of {@code buffer} without moving its read position. */
  void append(DataBuffer buffer) {
    int n = buffer.readableByteCount();
    if (overflowed || copy.size() + n > limit) {
      overflowed = true;
      return;
    }
    copy.writeBytes(bytesOf(buffer));
  }

  /** Drops what was copied, for a body that is sent again (a retry). */
  void reset() {
    copy.reset();
    overflowed = false;
  }

  /** Whether the body went past the limit; the copy is then incomplete and must not be parsed. */
  boolean overflowed() {
    return overflowed;
  }

  byte[] bytes() {
    return copy.toByteArray();
  }

  /** The readable bytes of {@code buffer}; its read position is left where it was. */
  static byte[] bytesOf(DataBuffer buffer) {
    byte[] bytes = new byte[buffer.readableByteCount()];
    int position = buffer.readPosition();
    buffer.read(bytes);
    buffer.readPosition(position);
    return bytes;
  }
}
