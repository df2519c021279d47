package io.agw.model.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a relative file path written in a configuration file points: the working directory first,
 * as agentgateway resolves it, then the configuration file's own directory, as this gateway did
 * before. agentgateway's files work unchanged from the directory they were written for (its
 * examples name {@code examples/mcp-tls/certs/cert.pem} from its repository's root), and files
 * written next to their certificates work from anywhere. The choice is made when the file is
 * loaded: a path found in neither place points into the file's directory, so the error names the
 * place the file's author most likely meant. Immutable.
 *
 * @param workingDirectory tried first, absolute
 * @param fileDirectory the configuration file's directory, absolute
 */
public record RelativePaths(Path workingDirectory, Path fileDirectory) {

  public RelativePaths {
    workingDirectory = workingDirectory.toAbsolutePath().normalize();
    fileDirectory = fileDirectory.toAbsolutePath().normalize();
  }

  /** Both the working directory: for text that is not a file. */
  public static RelativePaths workingDirectoryOnly(Path workingDirectory) {
    return new RelativePaths(workingDirectory, workingDirectory);
  }

  /**
   * The absolute, normalized path {@code value} names.
   *
   * @throws InvalidPathException when it is not a path
   */
  public Path resolve(String value) {
    Path path = Path.of(value);
    if (path.isAbsolute()) {
      return path.normalize();
    }
    Path inWorking = workingDirectory.resolve(path).normalize();
    if (!inWorking.equals(fileDirectory.resolve(path).normalize()) && Files.exists(inWorking)) {
      return inWorking;
    }
    return fileDirectory.resolve(path).normalize();
  }
}
