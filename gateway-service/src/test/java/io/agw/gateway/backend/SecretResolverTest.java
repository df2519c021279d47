package io.agw.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.model.resource.v1.SecretSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {

  private final SecretResolver resolver =
      new SecretResolver(Map.of("OPENAI_API_KEY", "sk-from-env\n")::get);

  @Test
  void readsInlineFileAndEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key");
    Files.writeString(file, "sk-from-file\n");
    assertThat(resolver.resolve(SecretSource.newBuilder().setInline("sk-inline").build()))
        .isEqualTo("sk-inline");
    assertThat(resolver.resolve(SecretSource.newBuilder().setFile(file.toString()).build()))
        .isEqualTo("sk-from-file");
    assertThat(resolver.resolve(SecretSource.newBuilder().setEnv("OPENAI_API_KEY").build()))
        .isEqualTo("sk-from-env");
  }

  @Test
  void problemsNameTheReferenceNotAValue() {
    assertThatThrownBy(
            () -> resolver.resolve(SecretSource.newBuilder().setEnv("MISSING_KEY").build()))
        .hasMessage("the environment variable MISSING_KEY is not set");
    assertThatThrownBy(
            () -> resolver.resolve(SecretSource.newBuilder().setFile("/nonexistent/key").build()))
        .hasMessage("cannot read the key file /nonexistent/key");
  }
}
