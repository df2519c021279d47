package io.agw.gateway.mcp.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.model.resource.v1.DataSource;
import io.agw.model.resource.v1.McpHttpTarget;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

  @Test
  void readsTheDocumentFromAFileOrInline() {
    var fromFile =
        OpenApiDocument.load(
            DataSource.newBuilder().setFile(PetStore.FILE.toAbsolutePath().toString()).build());
    var inline = OpenApiDocument.load(DataSource.newBuilder().setInline(PetStore.text()).build());
    assertThat(fromFile.getInfo().getTitle()).isEqualTo("Pet store");
    assertThat(inline.getPaths().keySet()).isEqualTo(fromFile.getPaths().keySet());
  }

  @Test
  void somethingElseThanOpenApi3IsRefused() {
    assertThatThrownBy(() -> OpenApiDocument.parse("swagger: '2.0'\ninfo: {title: x}\n"))
        .isInstanceOf(OpenApiException.class)
        .hasMessageStartingWith("not an OpenAPI 3.x document");
    assertThatThrownBy(
            () ->
                OpenApiDocument.load(DataSource.newBuilder().setFile("/nonexistent.yaml").build()))
        .isInstanceOf(OpenApiException.class)
        .hasMessageContaining("/nonexistent.yaml");
  }

  @Test
  void basePathIsTheConfiguredPathElseTheServerUrlPath() {
    var document = PetStore.document();
    McpHttpTarget bare = McpHttpTarget.newBuilder().setHost("127.0.0.1").setPort(8080).build();
    assertThat(ServerAddress.of(bare, document))
        .isEqualTo(new ServerAddress(false, "127.0.0.1", 8080, "/api/v1"));
    McpHttpTarget configured = bare.toBuilder().setPath("/v2/").setTls(true).build();
    assertThat(ServerAddress.of(configured, document).toString())
        .isEqualTo("https://127.0.0.1:8080/v2");
    McpHttpTarget root = bare.toBuilder().setHost("::1").setPath("/").build();
    assertThat(ServerAddress.of(root, document).toString()).isEqualTo("http://[::1]:8080/api/v1");
  }
}
