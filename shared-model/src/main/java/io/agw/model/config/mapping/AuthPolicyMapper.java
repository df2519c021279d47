package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.agw.model.config.yaml.ApiKeyYaml;
import io.agw.model.config.yaml.ApiKeysYaml;
import io.agw.model.config.yaml.AuthLocationYaml;
import io.agw.model.config.yaml.BasicAuthYaml;
import io.agw.model.config.yaml.JwtAuthYaml;
import io.agw.model.config.yaml.JwtProviderYaml;
import io.agw.model.config.yaml.JwtValidationOptionsYaml;
import io.agw.model.config.yaml.SourceYaml;
import io.agw.model.resource.v1.ApiKey;
import io.agw.model.resource.v1.ApiKeyAuth;
import io.agw.model.resource.v1.AuthMode;
import io.agw.model.resource.v1.BasicAuth;
import io.agw.model.resource.v1.ClaimRequirements;
import io.agw.model.resource.v1.CredentialLocation;
import io.agw.model.resource.v1.DataSource;
import io.agw.model.resource.v1.Jwks;
import io.agw.model.resource.v1.JwtAuth;
import io.agw.model.resource.v1.JwtProvider;
import io.agw.model.resource.v1.ModelPatterns;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Maps the authentication policies: {@code jwtAuth}, {@code apiKey}, {@code basicAuth}. */
final class AuthPolicyMapper {

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-fA-F]{64}");
  private static final Set<String> CLAIMS = Set.of("exp", "nbf", "aud", "iss", "sub");

  private final MappingContext ctx;

  AuthPolicyMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  JwtAuth jwt(String path, JwtAuthYaml yaml) {
    JwtAuth.Builder b = JwtAuth.newBuilder();
    b.setMode(mode(path + ".mode", yaml.mode(), true));
    location(path + ".location", yaml.location()).ifPresent(b::setLocation);
    boolean inline = yaml.issuer() != null || yaml.jwks() != null || yaml.audiences() != null;
    if (yaml.providers() != null && inline) {
      ctx.error(path, "set either providers, or issuer and jwks, not both");
      return b.build();
    }
    if (yaml.providers() == null) {
      b.addProviders(
          provider(
              path,
              new JwtProviderYaml(
                  yaml.issuer(), yaml.audiences(), yaml.jwks(), yaml.jwtValidationOptions())));
      return b.build();
    }
    if (yaml.providers().isEmpty()) {
      ctx.error(path + ".providers", "must not be empty");
    }
    Set<String> issuers = new HashSet<>();
    for (int i = 0; i < yaml.providers().size(); i++) {
      String p = path + ".providers[" + i + "]";
      if (yaml.providers().get(i) == null) {
        ctx.error(p, "must not be empty");
        continue;
      }
      JwtProvider provider = provider(p, yaml.providers().get(i));
      if (!issuers.add(provider.getIssuer())) {
        ctx.error(p + ".issuer", "issuer '" + provider.getIssuer() + "' is listed twice");
      }
      b.addProviders(provider);
    }
    return b.build();
  }

  JwtProvider provider(String path, JwtProviderYaml yaml) {
    JwtProvider.Builder b = JwtProvider.newBuilder();
    if (ctx.require(path + ".issuer", yaml.issuer())) {
      b.setIssuer(yaml.issuer());
    }
    for (int i = 0; i < list(yaml.audiences()).size(); i++) {
      String aud = yaml.audiences().get(i);
      if (aud == null || aud.isBlank()) {
        ctx.error(path + ".audiences[" + i + "]", "must not be empty");
      } else {
        b.addAudiences(aud);
      }
    }
    if (ctx.require(path + ".jwks", yaml.jwks())) {
      b.setJwks(jwks(path + ".jwks", yaml.jwks()));
    }
    JwtValidationOptionsYaml options = yaml.jwtValidationOptions();
    if (options != null && options.requiredClaims() != null) {
      ClaimRequirements.Builder claims = ClaimRequirements.newBuilder();
      for (int i = 0; i < options.requiredClaims().size(); i++) {
        String claim = options.requiredClaims().get(i);
        if (claim == null || !CLAIMS.contains(claim)) {
          ctx.error(
              path + ".jwtValidationOptions.requiredClaims[" + i + "]",
              "unknown claim '" + claim + "'; use exp, nbf, aud, iss or sub");
        } else {
          claims.addClaims(claim);
        }
      }
      b.setRequiredClaims(claims);
    }
    return b.build();
  }

  Jwks jwks(String path, SourceYaml yaml) {
    Jwks.Builder b = Jwks.newBuilder();
    if (yaml.inline() != null) {
      b.setInline(yaml.inline());
    } else if (yaml.file() != null) {
      ctx.file(path + ".file", yaml.file()).ifPresent(f -> b.setFile(f.getFile()));
    } else {
      try {
        URI uri = URI.create(yaml.url());
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
            || uri.getHost() == null) {
          ctx.error(path + ".url", "a JWKS URL is https://host/path, not '" + yaml.url() + "'");
        }
      } catch (IllegalArgumentException e) {
        ctx.error(path + ".url", "'" + yaml.url() + "' is not a valid URL");
      }
      b.setUrl(yaml.url());
    }
    return b.build();
  }

  ApiKeyAuth apiKey(String path, ApiKeysYaml yaml) {
    ApiKeyAuth.Builder b = ApiKeyAuth.newBuilder();
    b.setMode(mode(path + ".mode", yaml.mode(), true));
    location(path + ".location", yaml.location()).ifPresent(b::setLocation);
    if (!ctx.require(path + ".keys", yaml.keys())) {
      return b.build();
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < yaml.keys().size(); i++) {
      String p = path + ".keys[" + i + "]";
      ApiKeyYaml key = yaml.keys().get(i);
      if (key == null) {
        ctx.error(p, "must not be empty");
        continue;
      }
      ApiKey.Builder k = ApiKey.newBuilder();
      if ((key.key() == null) == (key.keyHash() == null)) {
        ctx.error(p, "set exactly one of key, keyHash");
        continue;
      }
      if (key.key() != null) {
        if (key.key().isEmpty()) {
          ctx.error(p + ".key", "must not be empty");
        }
        k.setKey(key.key());
      } else if (!SHA256.matcher(key.keyHash()).matches()) {
        ctx.error(p + ".keyHash", "a key hash is sha256: followed by 64 hex digits");
      } else {
        k.setSha256(key.keyHash().substring("sha256:".length()).toLowerCase(Locale.ROOT));
      }
      if (!seen.add(k.hasKey() ? "key:" + k.getKey() : "hash:" + k.getSha256())) {
        ctx.error(p, "the same key is listed twice");
      }
      if (key.metadata() != null && !key.metadata().isNull()) {
        try {
          Value.Builder v = Value.newBuilder();
          JsonFormat.parser().merge(key.metadata().toString(), v);
          k.setMetadata(v);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          ctx.error(p + ".metadata", "metadata must be JSON-compatible");
        }
      }
      if (key.allowedModels() != null) {
        ModelPatterns.Builder models = ModelPatterns.newBuilder();
        for (int m = 0; m < key.allowedModels().size(); m++) {
          String model = key.allowedModels().get(m);
          if (model == null || model.isBlank()) {
            ctx.error(p + ".allowedModels[" + m + "]", "must not be empty");
          } else {
            models.addPatterns(model);
          }
        }
        k.setAllowedModels(models);
      }
      b.addKeys(k);
    }
    return b.build();
  }

  BasicAuth basic(String path, BasicAuthYaml yaml) {
    BasicAuth.Builder b = BasicAuth.newBuilder();
    b.setMode(mode(path + ".mode", yaml.mode(), false));
    location(path + ".authorizationLocation", yaml.authorizationLocation())
        .ifPresent(b::setLocation);
    if (yaml.realm() != null) {
      b.setRealm(yaml.realm());
    }
    if (ctx.require(path + ".htpasswd", yaml.htpasswd())) {
      SourceYaml source = yaml.htpasswd();
      if (source.url() != null) {
        ctx.error(path + ".htpasswd", "an htpasswd file is inline text or {file: path}");
      } else if (source.file() != null) {
        ctx.file(path + ".htpasswd.file", source.file()).ifPresent(b::setHtpasswd);
      } else {
        b.setHtpasswd(DataSource.newBuilder().setInline(source.inline()));
      }
    }
    return b.build();
  }

  AuthMode mode(String path, String mode, boolean permissiveAllowed) {
    if (mode == null) {
      return AuthMode.AUTH_MODE_OPTIONAL;
    }
    switch (mode) {
      case "strict":
        return AuthMode.AUTH_MODE_STRICT;
      case "optional":
        return AuthMode.AUTH_MODE_OPTIONAL;
      case "permissive":
        if (permissiveAllowed) {
          return AuthMode.AUTH_MODE_PERMISSIVE;
        }
        break;
      default:
        break;
    }
    ctx.error(
        path,
        "unknown mode '"
            + mode
            + "'; use strict or optional"
            + (permissiveAllowed ? " or permissive" : ""));
    return AuthMode.AUTH_MODE_OPTIONAL;
  }

  java.util.Optional<CredentialLocation> location(String path, AuthLocationYaml yaml) {
    if (yaml == null) {
      return java.util.Optional.empty();
    }
    int set =
        HeaderPolicyMapper.count(
            yaml.header(), yaml.queryParameter(), yaml.cookie(), yaml.expression());
    if (set != 1) {
      ctx.errorUnlessReported(
          path, "set exactly one of header, queryParameter, cookie, expression");
      return java.util.Optional.empty();
    }
    CredentialLocation.Builder b = CredentialLocation.newBuilder();
    if (yaml.header() != null) {
      if (ctx.require(path + ".header.name", yaml.header().name())) {
        b.setHeader(
            CredentialLocation.Header.newBuilder()
                .setName(yaml.header().name())
                .setPrefix(yaml.header().prefix() == null ? "" : yaml.header().prefix()));
      }
    } else if (yaml.queryParameter() != null) {
      if (ctx.require(path + ".queryParameter.name", yaml.queryParameter().name())) {
        b.setQueryParameter(yaml.queryParameter().name());
      }
    } else if (yaml.cookie() != null) {
      if (ctx.require(path + ".cookie.name", yaml.cookie().name())) {
        b.setCookie(yaml.cookie().name());
      }
    } else {
      ctx.checkCel(path + ".expression", yaml.expression());
      b.setExpression(yaml.expression());
    }
    return java.util.Optional.of(b.build());
  }
}
