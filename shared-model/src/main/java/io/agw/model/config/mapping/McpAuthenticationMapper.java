package io.agw.model.config.mapping;

import com.google.auto.service.AutoService;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.agw.model.config.yaml.JwtProviderYaml;
import io.agw.model.config.yaml.McpAuthenticationYaml;
import io.agw.model.config.yaml.McpAuthenticationYaml.McpProviderYaml;
import io.agw.model.config.yaml.PolicyBlock;
import io.agw.model.config.yaml.SourceYaml;
import io.agw.model.resource.v1.AuthMode;
import io.agw.model.resource.v1.McpAuthentication;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps the {@code mcpAuthentication} route policy. The JWT part reuses {@code jwtAuth}'s mapping
 * (issuer, audiences, key set, required claims, location); the mode defaults to strict, as
 * agentgateway's does. Without {@code jwks}, the key set URL is derived from the issuer: {@code
 * <issuer>/protocol/openid-connect/certs} for Keycloak, {@code <issuer>/v1/keys} for Okta, and
 * {@code <issuer>/.well-known/jwks.json} otherwise (Auth0 and any issuer that serves its keys
 * there). The providers whose agentgateway behaviour goes beyond the key set URL (descope,
 * authentik, entra), and {@code clientId}/{@code clientSecret} (used only for token proxying), are
 * refused. Keys of {@code resourceMetadata} are written as RFC 9728 names: camelCase keys become
 * snake_case ({@code scopesSupported} is {@code scopes_supported}). Pure; not thread-safe (it
 * reports to its context).
 */
final class McpAuthenticationMapper {

  /** The {@code mcpAuthentication} route policy. */
  @AutoService(PolicyKindMapping.class)
  public static final class Kind extends PolicyKindMapping<McpAuthenticationYaml> {
    public Kind() {
      super("mcpAuthentication", KindCase.MCP_AUTHENTICATION, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, McpAuthenticationYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setMcpAuthentication(
                  new McpAuthenticationMapper(ctx, new AuthPolicyMapper(ctx)).map(path, yaml))
              .build());
    }
  }

  private final MappingContext ctx;
  private final AuthPolicyMapper auth;

  McpAuthenticationMapper(MappingContext ctx, AuthPolicyMapper auth) {
    this.ctx = ctx;
    this.auth = auth;
  }

  McpAuthentication map(String path, McpAuthenticationYaml yaml) {
    McpAuthentication.Builder b = McpAuthentication.newBuilder();
    b.setMode(
        yaml.mode() == null
            ? AuthMode.AUTH_MODE_STRICT
            : auth.mode(path + ".mode", yaml.mode(), true));
    auth.location(path + ".authorizationLocation", yaml.authorizationLocation())
        .ifPresent(b::setLocation);
    if (yaml.clientId() != null) {
      ctx.error(
          path + ".clientId",
          "clientId is not supported yet: this gateway does not proxy the authorization server's"
              + " metadata or token requests; register the client with the authorization server");
    }
    if (yaml.clientSecret() != null) {
      // Never echo the value: it is a secret.
      ctx.error(
          path + ".clientSecret",
          "clientSecret is not supported yet: it is used only by the token proxying of the entra"
              + " provider, which this gateway does not do");
    }
    String provider = provider(path + ".provider", yaml.provider());
    if (ctx.require(path + ".audiences", yaml.audiences()) && yaml.audiences().isEmpty()) {
      ctx.error(path + ".audiences", "must list at least one audience (this MCP server's)");
    }
    SourceYaml jwks = yaml.jwks();
    if (jwks == null && yaml.issuer() != null) {
      jwks = derivedJwks(path + ".issuer", yaml.issuer(), provider);
      if (jwks == null) {
        // Already refused with the reason; an empty set keeps the provider's other checks without
        // a second, misleading "jwks is missing".
        jwks = new SourceYaml("{\"keys\":[]}", null, null);
      }
    }
    if (ctx.require(path + ".issuer", yaml.issuer())) {
      b.setProvider(
          auth.provider(
              path,
              new JwtProviderYaml(
                  yaml.issuer(),
                  MappingContext.list(yaml.audiences()),
                  jwks,
                  yaml.jwtValidationOptions())));
    }
    if (ctx.require(path + ".resourceMetadata", yaml.resourceMetadata())) {
      metadata(path + ".resourceMetadata", yaml.resourceMetadata())
          .ifPresent(b::setResourceMetadata);
    }
    return b.build();
  }

  /** The provider's name, or null; providers this gateway does not implement are refused. */
  private String provider(String path, McpProviderYaml yaml) {
    if (yaml == null) {
      return null;
    }
    List<String> set = new ArrayList<>();
    addIf(set, "auth0", yaml.auth0());
    addIf(set, "keycloak", yaml.keycloak());
    addIf(set, "okta", yaml.okta());
    addIf(set, "descope", yaml.descope());
    addIf(set, "authentik", yaml.authentik());
    addIf(set, "entra", yaml.entra());
    if (set.size() != 1) {
      ctx.errorUnlessReported(
          path, "set exactly one of auth0, keycloak, okta, descope, authentik, entra");
      return null;
    }
    String name = set.get(0);
    if (name.equals("descope") || name.equals("authentik") || name.equals("entra")) {
      ctx.error(
          path + "." + name,
          "provider '"
              + name
              + "' is not supported yet (its authorization metadata and token handling are not"
              + " implemented); omit provider and set jwks");
      return null;
    }
    return name;
  }

  private static void addIf(List<String> set, String name, Map<String, Object> value) {
    if (value != null) {
      set.add(name);
    }
  }

  private SourceYaml derivedJwks(String path, String issuer, String provider) {
    URI uri;
    try {
      uri = URI.create(issuer);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      ctx.error(
          path,
          "the key set URL is derived from the issuer, which must then be an http(s) URL; set jwks"
              + " otherwise");
      return null;
    }
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    String suffix =
        switch (provider == null ? "" : provider) {
          case "keycloak" -> "/protocol/openid-connect/certs";
          case "okta" -> "/v1/keys";
          default -> "/.well-known/jwks.json";
        };
    return new SourceYaml(null, null, base + suffix);
  }

  private java.util.Optional<Struct> metadata(String path, JsonNode yaml) {
    if (!yaml.isObject()) {
      ctx.error(path, "must be a mapping of protected resource metadata fields");
      return java.util.Optional.empty();
    }
    ObjectNode renamed = ((ObjectNode) yaml).objectNode();
    for (Map.Entry<String, JsonNode> field : yaml.properties()) {
      renamed.set(snakeCase(field.getKey()), field.getValue());
    }
    JsonNode resource = renamed.get("resource");
    if (resource != null && !resource.isString()) {
      ctx.error(path + ".resource", "must be a URL");
    }
    JsonNode servers = renamed.get("authorization_servers");
    if (servers != null
        && (!servers.isArray() || servers.valueStream().anyMatch(s -> !s.isString()))) {
      ctx.error(path + ".authorizationServers", "must be a list of URLs");
    }
    try {
      Struct.Builder s = Struct.newBuilder();
      JsonFormat.parser().merge(renamed.toString(), s);
      return java.util.Optional.of(s.build());
    } catch (InvalidProtocolBufferException e) {
      ctx.error(path, "must be JSON-compatible");
      return java.util.Optional.empty();
    }
  }

  /** {@code scopesSupported} becomes {@code scopes_supported}; snake_case names stay. */
  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
