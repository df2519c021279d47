package io.agw.gateway.mcp.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The pet store OpenAPI document of the tests ({@code src/test/resources/mcp/openapi}). */
final class PetStore {

  static final Path FILE = Path.of("src/test/resources/mcp/openapi/petstore.yaml");

  private PetStore() {}

  static String text() {
    try (InputStream in = PetStore.class.getResourceAsStream("/mcp/openapi/petstore.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OpenAPI document() {
    return OpenApiDocument.parse(text());
  }

  static OpenApiTools tools() {
    return OpenApiToolMapper.map(document());
  }

  static ToolBinding tool(String name) {
    ToolBinding tool = tools().byName().get(name);
    if (tool == null) {
      throw new IllegalStateException("no tool " + name + " in " + tools().byName().keySet());
    }
    return tool;
  }
}
