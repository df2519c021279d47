package io.agw.gateway.admin.api;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import io.agw.gateway.security.JwkSources;
import io.agw.gateway.security.JwtVerifier;
import io.agw.model.resource.v1.Jwks;
import io.agw.model.resource.v1.JwtProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The admin API's authentication and its OpenAPI description. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminApiProperties.class)
class AdminApiConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AdminApiConfiguration.class);

  @Bean
  AdminAuthenticationFilter adminAuthenticationFilter(
      AdminApiProperties properties, JwkSources keys) {
    String token = properties.token();
    if ((token == null || token.isBlank())
        && properties.tokenFile() != null
        && !properties.tokenFile().isBlank()) {
      try {
        token = Files.readString(Path.of(properties.tokenFile())).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read agw.admin.token-file " + properties.tokenFile(), e);
      }
    }
    AdminApiProperties.Jwt jwt = properties.jwt();
    JwtVerifier jwts = null;
    if (jwt.enabled()) {
      JwtProvider.Builder provider =
          JwtProvider.newBuilder()
              .setIssuer(jwt.issuer())
              .setJwks(Jwks.newBuilder().setUrl(jwt.jwksUri()));
      if (jwt.audience() != null && !jwt.audience().isBlank()) {
        provider.addAudiences(jwt.audience());
      }
      jwts = new JwtVerifier(List.of(provider.build()), keys);
    }
    if (!properties.credentialConfigured() && properties.generateToken()) {
      Path file = Path.of(properties.generatedTokenFile());
      try {
        token = GeneratedAdminToken.readOrCreate(file);
        // The path only: the token itself must never reach a log.
        log.info(
            "admin API token (no agw.admin.token, token-file or jwt.issuer set): {}",
            file.toAbsolutePath());
      } catch (java.io.UncheckedIOException e) {
        // A read-only working directory (a container's root) must not stop the gateway: the admin
        // API then accepts no credential, as without a generated token.
        log.warn(
            "cannot keep a generated admin token at {} ({}); set agw.admin.token-file or"
                + " agw.admin.generated-token-file to a writable path",
            file.toAbsolutePath(),
            e.getCause() == null ? e.getMessage() : e.getCause().toString());
      }
    }
    if ((token == null || token.isBlank()) && jwts == null) {
      log.warn(
          "the admin API (/api/v1 on the admin port) refuses every call that needs a credential:"
              + " set agw.admin.token, agw.admin.token-file or agw.admin.jwt.issuer and"
              + " agw.admin.jwt.jwks-uri");
    }
    return new AdminAuthenticationFilter(token, jwts, jwt, properties.localReads());
  }

  @Bean
  RouterFunction<ServerResponse> adminOpenApiRoute() {
    byte[] document = openApiDocument();
    return RouterFunctions.route(
        GET(AdminAuthenticationFilter.OPENAPI_PATH),
        request ->
            ServerResponse.ok()
                .contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue(document));
  }

  static byte[] openApiDocument() {
    try (InputStream in = AdminApiConfiguration.class.getResourceAsStream("/admin/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("missing admin/openapi.yaml");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
