package io.agw.model.config.mapping;

import io.agw.model.config.yaml.AuthLocationYaml;
import io.agw.model.config.yaml.BackendAuthYaml;
import io.agw.model.config.yaml.BackendCredentialYaml;
import io.agw.model.config.yaml.JwtSignAuthYaml;
import io.agw.model.resource.v1.BackendAuth;
import io.agw.model.resource.v1.BackendCredential;
import io.agw.model.resource.v1.CredentialLocation;
import io.agw.model.resource.v1.JwtSignAuth;
import io.agw.model.resource.v1.LocatedKey;
import io.agw.model.resource.v1.PassthroughAuth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the {@code backendAuth} policy (agentgateway's {@code BackendAuth}) of routes, backends and
 * top-level policies: one kind ({@code key}, {@code passthrough}, {@code jwtSign}, {@code gcp},
 * {@code aws}, {@code azure}, {@code oauthTokenExchange}, {@code crossAppAccess}) and the {@code
 * credentials} list. The cloud kinds and the plain key go through {@link SecretMapper}, shared with
 * the guard services.
 */
final class BackendAuthMapper {

  /** Claims the signer writes itself (agentgateway refuses them too). */
  private static final Set<String> RESERVED_CLAIMS = Set.of("iat", "exp", "nbf");

  private final MappingContext ctx;
  private final SecretMapper secrets;

  BackendAuthMapper(MappingContext ctx) {
    this.ctx = ctx;
    this.secrets = new SecretMapper(ctx);
  }

  Optional<BackendAuth> backendAuth(String path, BackendAuthYaml yaml) {
    List<String> kinds = new ArrayList<>();
    addIf(kinds, "key", yaml.key());
    addIf(kinds, "passthrough", yaml.passthrough());
    addIf(kinds, "jwtSign", yaml.jwtSign());
    addIf(kinds, "gcp", yaml.gcp());
    addIf(kinds, "aws", yaml.aws());
    addIf(kinds, "azure", yaml.azure());
    addIf(kinds, "oauthTokenExchange", yaml.oauthTokenExchange());
    addIf(kinds, "crossAppAccess", yaml.crossAppAccess());
    if (kinds.size() > 1) {
      ctx.error(path, "set only one of " + String.join(", ", kinds));
      return Optional.empty();
    }
    boolean hasCredentials = yaml.credentials() != null && !yaml.credentials().isEmpty();
    if (kinds.isEmpty() && !hasCredentials) {
      // Unless a kind this gateway does not know was written (already reported by name).
      ctx.errorUnlessReported(
          path,
          "set one of key, passthrough, jwtSign, gcp, aws, azure, oauthTokenExchange,"
              + " crossAppAccess, or a list of credentials");
      return Optional.empty();
    }
    BackendAuth.Builder b = BackendAuth.newBuilder();
    boolean ok = kinds.isEmpty() || kind(path, yaml, b);
    List<BackendCredentialYaml> credentials = MappingContext.list(yaml.credentials());
    for (int i = 0; i < credentials.size(); i++) {
      Optional<BackendCredential> c =
          credential(path + ".credentials[" + i + "]", credentials.get(i));
      ok &= c.isPresent();
      c.ifPresent(b::addCredentials);
    }
    return ok ? Optional.of(b.build()) : Optional.empty();
  }

  private boolean kind(String path, BackendAuthYaml yaml, BackendAuth.Builder b) {
    if (yaml.passthrough() != null) {
      PassthroughAuth.Builder p = PassthroughAuth.newBuilder();
      if (yaml.passthrough().location() != null) {
        Optional<CredentialLocation> at =
            insertable(path + ".passthrough.location", yaml.passthrough().location());
        if (at.isEmpty()) {
          return false;
        }
        p.setLocation(at.get());
      }
      b.setPassthrough(p);
      return true;
    }
    if (yaml.oauthTokenExchange() != null) {
      Optional<io.agw.model.resource.v1.OAuthTokenExchange> exchange =
          new OAuthTokenExchangeMapper(ctx, secrets)
              .tokenExchange(path + ".oauthTokenExchange", yaml.oauthTokenExchange());
      exchange.ifPresent(b::setOauthTokenExchange);
      return exchange.isPresent();
    }
    if (yaml.crossAppAccess() != null) {
      Optional<io.agw.model.resource.v1.CrossAppAccess> access =
          new OAuthTokenExchangeMapper(ctx, secrets)
              .crossAppAccess(path + ".crossAppAccess", yaml.crossAppAccess());
      access.ifPresent(b::setCrossAppAccess);
      return access.isPresent();
    }
    if (yaml.jwtSign() != null) {
      Optional<JwtSignAuth> sign = jwtSign(path + ".jwtSign", yaml.jwtSign());
      sign.ifPresent(b::setJwtSign);
      return sign.isPresent();
    }
    if (yaml.key() != null && yaml.key().location() != null) {
      if (yaml.key().secret() == null) {
        ctx.error(path + ".key.value", "required field is missing");
        return false;
      }
      Optional<CredentialLocation> at = insertable(path + ".key.location", yaml.key().location());
      Optional<io.agw.model.resource.v1.SecretSource> value =
          secrets.secret(path + ".key.value", yaml.key().secret());
      if (at.isEmpty() || value.isEmpty()) {
        return false;
      }
      b.setLocatedKey(LocatedKey.newBuilder().setValue(value.get()).setLocation(at.get()));
      return true;
    }
    // key (without a location), gcp, aws, azure.
    Optional<BackendAuth> simple =
        secrets.backendAuth(
            path,
            new BackendAuthYaml(
                yaml.key(), yaml.gcp(), yaml.aws(), yaml.azure(), null, null, null, null, null));
    simple.ifPresent(b::mergeFrom);
    return simple.isPresent();
  }

  private Optional<BackendCredential> credential(String path, BackendCredentialYaml yaml) {
    if (yaml == null) {
      ctx.error(path, "must not be empty");
      return Optional.empty();
    }
    boolean present = ctx.require(path + ".location", yaml.location());
    present &= ctx.require(path + ".key", yaml.key());
    if (!present) {
      return Optional.empty();
    }
    Optional<CredentialLocation> at = insertable(path + ".location", yaml.location());
    Optional<io.agw.model.resource.v1.SecretSource> key = secrets.secret(path + ".key", yaml.key());
    if (at.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        BackendCredential.newBuilder().setLocation(at.get()).setKey(key.get()).build());
  }

  private Optional<JwtSignAuth> jwtSign(String path, JwtSignAuthYaml yaml) {
    JwtSignAuth.Builder b = JwtSignAuth.newBuilder();
    boolean ok = true;
    if (!ctx.require(path + ".signingKey", yaml.signingKey())) {
      ok = false;
    } else {
      Optional<io.agw.model.resource.v1.SecretSource> key =
          secrets.secret(path + ".signingKey", yaml.signingKey());
      ok = key.isPresent();
      key.ifPresent(b::setSigningKey);
    }
    if (yaml.alg() != null) {
      try {
        b.setAlg(JwtSignAuth.Algorithm.valueOf(yaml.alg().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        ctx.error(
            path + ".alg",
            "'"
                + yaml.alg()
                + "' is not a signing algorithm; use RS256, RS384, RS512, PS256,"
                + " ES256 or ES384");
        ok = false;
      }
    }
    if (yaml.kid() != null) {
      b.setKid(yaml.kid());
    }
    if (yaml.claims() != null) {
      for (String claim : yaml.claims().keySet()) {
        if (RESERVED_CLAIMS.contains(claim)) {
          ctx.error(path + ".claims." + claim, "is written by the signer and cannot be configured");
          ok = false;
        }
      }
      b.setClaims(new AiPolicyMapper(ctx).struct(path + ".claims", yaml.claims()));
    }
    if (yaml.ttl() != null) {
      Optional<com.google.protobuf.Duration> ttl = ctx.duration(path + ".ttl", yaml.ttl());
      if (ttl.isEmpty()) {
        ok = false;
      } else if (ttl.get().getSeconds() < 1) {
        ctx.error(path + ".ttl", "must be at least one second");
        ok = false;
      } else {
        b.setTtl(ttl.get());
      }
    }
    if (yaml.location() != null) {
      Optional<CredentialLocation> at = insertable(path + ".location", yaml.location());
      ok &= at.isPresent();
      at.ifPresent(b::setLocation);
    }
    return ok ? Optional.of(b.build()) : Optional.empty();
  }

  /** A location a credential can be written to: anything but a CEL expression. */
  private Optional<CredentialLocation> insertable(String path, AuthLocationYaml yaml) {
    if (yaml.expression() != null
        && yaml.header() == null
        && yaml.queryParameter() == null
        && yaml.cookie() == null) {
      ctx.error(
          path + ".expression",
          "an expression can read a credential but not write one; use header, queryParameter or"
              + " cookie");
      return Optional.empty();
    }
    return new AuthPolicyMapper(ctx).location(path, yaml);
  }

  private static void addIf(List<String> kinds, String name, Object value) {
    if (value != null) {
      kinds.add(name);
    }
  }
}
