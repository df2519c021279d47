package io.agw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.agw.model.resource.v1.JwtProvider;
import io.agw.model.resource.v1.McpAuthentication;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ProtectedResourceMetadataTest {

  @Test
  void theWellKnownPathNamesTheResourceAfterIt() {
    assertThat(ProtectedResourceMetadata.resourcePath("/.well-known/oauth-protected-resource"))
        .contains("");
    assertThat(ProtectedResourceMetadata.resourcePath("/.well-known/oauth-protected-resource/"))
        .contains("");
    assertThat(
            ProtectedResourceMetadata.resourcePath("/.well-known/oauth-protected-resource/a/mcp/"))
        .contains("/a/mcp");
    assertThat(ProtectedResourceMetadata.resourcePath("/.well-known/oauth-protected-resourcex"))
        .isEqualTo(Optional.empty());
    assertThat(ProtectedResourceMetadata.resourcePath("/mcp")).isEqualTo(Optional.empty());
  }

  @Test
  void documentDefaultsToTheRequestedResourceAndTheIssuer() {
    ProtectedResourceMetadata metadata =
        new ProtectedResourceMetadata(policy(Struct.getDefaultInstance()));
    var request = MockServerHttpRequest.get("http://gw.test:8080/anything").build();
    assertThat(metadata.document(request, "/mcp"))
        .isEqualTo(
            Map.of(
                "resource",
                "http://gw.test:8080/mcp",
                "authorization_servers",
                List.of("https://issuer.test")));
    assertThat(metadata.scopes()).isNull();
  }

  @Test
  void configuredFieldsReplaceTheDefaultsAndScopesGoToTheChallenge() {
    Struct fields =
        Struct.newBuilder()
            .putFields("resource", string("https://mcp.example.com/mcp"))
            .putFields(
                "scopes_supported",
                Value.newBuilder()
                    .setListValue(
                        ListValue.newBuilder().addValues(string("read")).addValues(string("write")))
                    .build())
            .build();
    ProtectedResourceMetadata metadata = new ProtectedResourceMetadata(policy(fields));
    var doc = metadata.document(MockServerHttpRequest.get("http://gw.test/x").build(), "/mcp");
    assertThat(doc.get("resource")).isEqualTo("https://mcp.example.com/mcp");
    assertThat(doc.get("scopes_supported")).isEqualTo(List.of("read", "write"));
    assertThat(metadata.scopes()).isEqualTo("read write");
  }

  @Test
  void metadataUrlFollowsForwardedHeadersAndDropsTrailingSlashes() {
    var direct = MockServerHttpRequest.post("http://127.0.0.1:3000/mcp/").build();
    assertThat(ProtectedResourceMetadata.metadataUrl(direct))
        .isEqualTo("http://127.0.0.1:3000/.well-known/oauth-protected-resource/mcp");
    var proxied =
        MockServerHttpRequest.post("http://127.0.0.1:3000/mcp")
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "gw.example.com")
            .build();
    assertThat(ProtectedResourceMetadata.metadataUrl(proxied))
        .isEqualTo("https://gw.example.com/.well-known/oauth-protected-resource/mcp");
    var root = MockServerHttpRequest.post("http://localhost/").build();
    assertThat(ProtectedResourceMetadata.metadataUrl(root))
        .isEqualTo("http://localhost/.well-known/oauth-protected-resource");
  }

  private static McpAuthentication policy(Struct fields) {
    return McpAuthentication.newBuilder()
        .setProvider(JwtProvider.newBuilder().setIssuer("https://issuer.test"))
        .setResourceMetadata(fields)
        .build();
  }

  private static Value string(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }
}
