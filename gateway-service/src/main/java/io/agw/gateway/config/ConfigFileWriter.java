package io.agw.gateway.config;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a configuration file whole: the new content goes to a temporary file in the same folder
 * (so the move stays on one file system), which takes the old file's permissions, is flushed to
 * disk, and is then moved over the file atomically. A reader (the watcher, an editor, another
 * process) sees the old file or the new one, never a mix. Stateless.
 */
final class ConfigFileWriter {

  private ConfigFileWriter() {}

  static void write(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (posix != null && Files.exists(file)) {
        Files.getFileAttributeView(tmp, PosixFileAttributeView.class)
            .setPermissions(posix.readAttributes().permissions());
      } else if (posix != null) {
        Files.getFileAttributeView(tmp, PosixFileAttributeView.class)
            .setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
      }
      try (var channel =
          java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(content));
        channel.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
