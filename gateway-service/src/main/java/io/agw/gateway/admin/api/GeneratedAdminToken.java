package io.agw.gateway.admin.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The admin token of a first run: 32 random bytes (base64url) kept in a file that only its owner
 * may read, created when missing and reused on every later start. The token never leaves this class
 * but as the return value of {@link #readOrCreate}. Stateless.
 */
final class GeneratedAdminToken {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private GeneratedAdminToken() {}

  /**
   * The token held in {@code file}, or a new one written there (parent directories created).
   *
   * @throws UncheckedIOException when the file can neither be read nor created, or is empty
   */
  static String readOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      try {
        // Created with the permissions already set, so the token is never readable by others.
        Files.write(createOwnerOnly(file), (token + "\n").getBytes(StandardCharsets.US_ASCII));
      } catch (FileAlreadyExistsException raced) {
        return read(file); // another gateway sharing the directory made it first
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read or create agw.admin.generated-token-file " + file, e);
    }
  }

  private static Path createOwnerOnly(Path file) throws IOException {
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) {
      FileAttribute<Set<PosixFilePermission>> attribute =
          PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      return Files.createFile(file, attribute);
    }
    return Files.createFile(file);
  }

  private static String read(Path file) throws IOException {
    String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (token.isEmpty()) {
      throw new IOException("the file is empty");
    }
    return token;
  }
}
