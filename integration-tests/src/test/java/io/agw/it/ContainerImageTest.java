package io.agw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's container image, built by the repository's own build ({@code -Pimage}) as a
 * tarball, the way a user builds it: its manifest, tag, layers, user and entry point, its file
 * system (the jlinked runtime and the application), and the gateway running from that file system
 * with {@code chroot} as the image's user, serving a route.
 */
class ContainerImageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theGatewayImageIsANonRootLayeredImageWhoseOwnRuntimeServesTraffic(@TempDir Path dir)
      throws Exception {
    Path tar = buildImage();
    Path image = Files.createDirectories(dir.resolve("image"));
    run(dir, "tar", "--warning=no-unknown-keyword", "-xf", tar.toString(), "-C", image.toString());

    JsonNode manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
    assertThat(manifest.get("RepoTags").toString()).contains("agw/gateway:0.1.0");
    List<String> layers = new ArrayList<>();
    manifest.get("Layers").forEach(l -> layers.add(l.asText()));
    // Dependencies, project modules, resources, classes and the runtime: each its own layer.
    assertThat(layers).hasSizeGreaterThanOrEqualTo(5);

    JsonNode config =
        JSON.readTree(image.resolve(manifest.get("Config").asText()).toFile()).get("config");
    assertThat(config.get("User").asText()).isEqualTo("10001:10001");
    List<String> entrypoint = new ArrayList<>();
    config.get("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
    assertThat(entrypoint)
        .containsExactly(
            "/opt/java/bin/java",
            "-cp",
            "@/app/jib-classpath-file",
            "io.agw.gateway.GatewayApplication");

    Path root = Files.createDirectories(dir.resolve("root"));
    for (String layer : layers) {
      run(
          dir,
          "tar",
          "--warning=no-unknown-keyword",
          "-xzf",
          image.resolve(layer).toString(),
          "-C",
          root.toString());
    }
    assertThat(root.resolve("opt/java/bin/java")).isExecutable();
    assertThat(root.resolve("opt/java/lib/security/cacerts")).isNotEmptyFile();
    assertThat(root.resolve("app/classes/io/agw/gateway/GatewayApplication.class")).exists();
    assertThat(Files.readString(root.resolve("app/jib-classpath-file")))
        .contains("/app/libs/shared-model");
    assertThat(Files.readString(root.resolve("etc/passwd"))).contains("agw:x:10001:10001");
    // Only the runtime's own modules, no JDK tools: the image is a JRE.
    assertThat(root.resolve("opt/java/bin/javac")).doesNotExist();

    assertThat(ProcessHandle.current().info().user())
        .as("the tests run as root, to chroot into the image")
        .hasValue("root");
    int traffic = freePort();
    int admin = freePort();
    Files.writeString(
        root.resolve("tmp/agw.yaml"),
        """
        binds:
        - port: %d
          listeners:
          - name: default
            protocol: HTTP
            routes:
            - name: hello
              policies:
                directResponse: {status: 200, body: "served from the image"}
        """
            .formatted(traffic));
    Files.createDirectories(root.resolve("proc"));
    Files.createDirectories(root.resolve("dev"));
    // A private mount namespace: /proc and /dev for the JVM, gone when the process ends.
    List<String> command =
        new ArrayList<>(
            List.of(
                "unshare",
                "-m",
                "sh",
                "-c",
                "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\""
                    + " && exec chroot --userspec=10001:10001 \"$0\" \"$@\"",
                root.toString()));
    command.addAll(entrypoint);
    command.addAll(
        List.of(
            "--config", "/tmp/agw.yaml", "--server.port=" + admin, "--agw.bind-address=127.0.0.1"));
    Path log = dir.resolve("gateway.log");
    Process gateway =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      await()
          .atMost(Duration.ofSeconds(300))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(gateway.isAlive()).as("%s", Files.readString(log)).isTrue();
                HttpResponse<String> response =
                    http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + traffic + "/"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).isEqualTo("served from the image");
              });
      assertThat(Files.readString(log)).contains("Java 17");
    } finally {
      gateway.destroy();
      if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
        gateway.destroyForcibly().waitFor();
      }
    }
  }

  /** Runs the image build of the repository, the command docs/operations.md gives. */
  private static Path buildImage() throws Exception {
    Path root = Repository.root();
    Path log = Files.createTempFile("agw-image-build", ".log");
    Process build =
        new ProcessBuilder(
                root.resolve("mvnw").toString(),
                "-B",
                "-q",
                "-Pimage",
                "-pl",
                "shared-model,frontend,gateway-service",
                "package",
                "-Dmaven.test.skip=true",
                "-Dspotless.check.skip=true")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!build.waitFor(10, TimeUnit.MINUTES)) {
      build.destroyForcibly();
      throw new IllegalStateException("the image build did not finish:\n" + Files.readString(log));
    }
    assertThat(build.exitValue()).as("%s", Files.readString(log)).isZero();
    Path tar = root.resolve("gateway-service/target/gateway-image.tar");
    assertThat(tar).isNotEmptyFile();
    return tar;
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
