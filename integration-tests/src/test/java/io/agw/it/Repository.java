package io.agw.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, from the integration-tests module's working directory. */
final class Repository {

  private Repository() {}

  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("not inside the repository");
    }
    return dir;
  }

  static Path gatewayJar() {
    return root().resolve("gateway-service/target/gateway-service-exec.jar");
  }

  static Path controlJar() {
    return root().resolve("control-service/target/control-service-exec.jar");
  }
}
