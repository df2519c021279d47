package io.agw.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenID provider (panva's {@code oidc-provider}, {@code src/test/node/oidc/provider.mjs})
 * run as a Node process on 127.0.0.1: installed with {@code npm ci} when {@code node_modules} is
 * missing, started at a free port, stopped by {@link #close}. Its clients and accounts are
 * described in the script.
 */
public final class OidcProviderProcess implements AutoCloseable {

  private static final Path DIR = locate();

  private final Process process;
  private final int port;

  private OidcProviderProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the provider and waits for it to listen.
   *
   * @param redirectUris the redirect URIs its clients accept
   */
  public static OidcProviderProcess start(List<String> redirectUris) {
    NodeScripts.install(DIR, "node_modules/oidc-provider/package.json");
    try {
      ProcessBuilder pb =
          new ProcessBuilder("node", "provider.mjs")
              .directory(DIR.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("REDIRECT_URIS", String.join(" ", redirectUris));
      Process process = pb.start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line =
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return out.readLine();
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .get(60, TimeUnit.SECONDS);
      if (line == null || !line.startsWith("READY ")) {
        process.destroyForcibly();
        throw new IllegalStateException("the OpenID provider did not start: " + line);
      }
      return new OidcProviderProcess(process, Integer.parseInt(line.substring(6).trim()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the OpenID provider in " + DIR, e);
    }
  }

  /** The issuer, {@code http://127.0.0.1:<port>}. */
  public String issuer() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static Path locate() {
    for (String candidate : List.of("src/test/node/oidc", "gateway-service/src/test/node/oidc")) {
      Path p = Path.of(candidate).toAbsolutePath().normalize();
      if (Files.isRegularFile(p.resolve("provider.mjs"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "gateway-service/src/test/node/oidc not found from " + Path.of("").toAbsolutePath());
  }
}
