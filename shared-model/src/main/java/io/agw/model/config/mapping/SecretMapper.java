package io.agw.model.config.mapping;

import io.agw.model.config.yaml.AwsAuthYaml;
import io.agw.model.config.yaml.BackendAuthYaml;
import io.agw.model.config.yaml.GcpAuthYaml;
import io.agw.model.config.yaml.SecretYaml;
import io.agw.model.resource.v1.AwsAuth;
import io.agw.model.resource.v1.BackendAuth;
import io.agw.model.resource.v1.GcpAuth;
import io.agw.model.resource.v1.GcpTokenType;
import io.agw.model.resource.v1.SecretSource;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps secrets to {@link SecretSource}s. References stay references: {@code $NAME} becomes an
 * environment variable name and {@code {file: path}} an absolute path; the gateway reads them when
 * it applies the configuration, so the resources (and every dump of them) hold the value only when
 * it was written inline.
 */
final class SecretMapper {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final MappingContext ctx;

  SecretMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  /** A backend's credentials; {@code azure} is refused (only guard services take it so far). */
  Optional<BackendAuth> backendAuth(String path, BackendAuthYaml yaml) {
    return backendAuth(path, yaml, false);
  }

  /**
   * @param entra whether the caller sends Entra ID tokens ({@code azure}); when false, {@code
   *     azure} is refused as not supported here
   */
  Optional<BackendAuth> backendAuth(String path, BackendAuthYaml yaml, boolean entra) {
    // Guard services take one credential; the policy's other forms are BackendAuthMapper's.
    boolean extras = refuse(path + ".passthrough", yaml.passthrough());
    extras |= refuse(path + ".jwtSign", yaml.jwtSign());
    extras |= refuse(path + ".credentials", yaml.credentials());
    extras |= refuse(path + ".oauthTokenExchange", yaml.oauthTokenExchange());
    extras |= refuse(path + ".crossAppAccess", yaml.crossAppAccess());
    if (extras) {
      return Optional.empty();
    }
    if (yaml.azure() != null) {
      if (yaml.key() != null || yaml.gcp() != null || yaml.aws() != null) {
        ctx.error(path, "set only one of key, gcp, aws, azure");
        return Optional.empty();
      }
      if (!entra) {
        ctx.error(
            path + ".azure",
            "not supported here yet; azure is supported on azureContentSafety guards");
        return Optional.empty();
      }
      return new AzureAuthMapper(ctx, this)
          .azure(path + ".azure", yaml.azure())
          .map(a -> BackendAuth.newBuilder().setAzure(a).build());
    }
    if (yaml.gcp() != null) {
      if (yaml.key() != null || yaml.aws() != null) {
        ctx.error(path, "set only one of key, gcp, aws");
        return Optional.empty();
      }
      return gcp(path + ".gcp", yaml.gcp()).map(g -> BackendAuth.newBuilder().setGcp(g).build());
    }
    if (yaml.aws() != null) {
      if (yaml.key() != null) {
        ctx.error(path, "set only one of key, aws");
        return Optional.empty();
      }
      return aws(path + ".aws", yaml.aws()).map(a -> BackendAuth.newBuilder().setAws(a).build());
    }
    if (yaml.key() == null || yaml.key().secret() == null) {
      ctx.errorUnlessReported(path + ".key", "required field is missing");
      return Optional.empty();
    }
    if (yaml.key().location() != null) {
      ctx.error(
          path + ".key.location",
          "supported for custom ai providers (provider.custom) only; other providers take the key"
              + " where their API expects it");
      return Optional.empty();
    }
    String keyPath = yaml.key().value() != null ? path + ".key.value" : path + ".key";
    return secret(keyPath, yaml.key().secret())
        .map(s -> BackendAuth.newBuilder().setKey(s).build());
  }

  private boolean refuse(String path, Object written) {
    if (written != null) {
      ctx.error(path, "not supported on a guard's service; use its key or cloud credentials");
    }
    return written != null;
  }

  private Optional<GcpAuth> gcp(String path, GcpAuthYaml yaml) {
    GcpAuth.Builder b = GcpAuth.newBuilder();
    boolean idToken = "idToken".equals(yaml.type());
    if (yaml.type() != null && !idToken && !yaml.type().equals("accessToken")) {
      ctx.error(path + ".type", "must be accessToken or idToken, not '" + yaml.type() + "'");
      return Optional.empty();
    }
    if (idToken) {
      b.setType(GcpTokenType.GCP_TOKEN_TYPE_ID_TOKEN);
    }
    if (yaml.audience() != null) {
      if (!idToken) {
        ctx.error(path + ".audience", "needs type: idToken (access tokens have no audience)");
        return Optional.empty();
      }
      if (yaml.audience().isBlank()) {
        ctx.error(path + ".audience", "must not be empty");
        return Optional.empty();
      }
      b.setAudience(yaml.audience());
    }
    if (yaml.credential() == null) {
      return Optional.of(b.build());
    }
    return secret(path + ".credential", yaml.credential()).map(s -> b.setCredential(s).build());
  }

  private Optional<AwsAuth> aws(String path, AwsAuthYaml yaml) {
    AwsAuth.Builder b = AwsAuth.newBuilder();
    if ((yaml.accessKeyId() == null) != (yaml.secretAccessKey() == null)) {
      ctx.error(path, "set both accessKeyId and secretAccessKey, or neither for the default chain");
      return Optional.empty();
    }
    if (yaml.sessionToken() != null && yaml.accessKeyId() == null) {
      ctx.error(path + ".sessionToken", "needs accessKeyId and secretAccessKey");
      return Optional.empty();
    }
    boolean ok = true;
    if (yaml.accessKeyId() != null) {
      Optional<SecretSource> id = secret(path + ".accessKeyId", yaml.accessKeyId());
      Optional<SecretSource> key = secret(path + ".secretAccessKey", yaml.secretAccessKey());
      ok = id.isPresent() && key.isPresent();
      id.ifPresent(b::setAccessKeyId);
      key.ifPresent(b::setSecretAccessKey);
    }
    if (yaml.sessionToken() != null) {
      Optional<SecretSource> token = secret(path + ".sessionToken", yaml.sessionToken());
      ok &= token.isPresent();
      token.ifPresent(b::setSessionToken);
    }
    Optional.ofNullable(yaml.region()).ifPresent(b::setRegion);
    Optional.ofNullable(yaml.serviceName()).ifPresent(b::setServiceName);
    return ok ? Optional.of(b.build()) : Optional.empty();
  }

  Optional<SecretSource> secret(String path, SecretYaml yaml) {
    if (yaml.file() != null) {
      return ctx.file(path + ".file", yaml.file())
          .map(f -> SecretSource.newBuilder().setFile(f.getFile()).build());
    }
    String text = yaml.text();
    if (text == null || text.isEmpty()) {
      ctx.error(path, "must not be empty");
      return Optional.empty();
    }
    if (text.startsWith("$")) {
      String name = text.substring(1);
      if (!ENV_NAME.matcher(name).matches()) {
        // Never echo the value: a secret that happens to start with '$' must not reach a log.
        ctx.error(
            path,
            "a value starting with '$' names an environment variable (letters, digits and _),"
                + " and this one is not a valid name");
        return Optional.empty();
      }
      return Optional.of(SecretSource.newBuilder().setEnv(name).build());
    }
    return Optional.of(SecretSource.newBuilder().setInline(text).build());
  }
}
