package io.agw.model.config.mapping;

import com.google.auto.service.AutoService;
import io.agw.model.config.yaml.ApiKeysYaml;
import io.agw.model.config.yaml.AuthorizationYaml;
import io.agw.model.config.yaml.BasicAuthYaml;
import io.agw.model.config.yaml.CsrfYaml;
import io.agw.model.config.yaml.ExtAuthzYaml;
import io.agw.model.config.yaml.JwtAuthYaml;
import io.agw.model.config.yaml.OidcYaml;
import io.agw.model.config.yaml.PolicyBlock;
import io.agw.model.config.yaml.RateLimitYaml;
import io.agw.model.config.yaml.RemoteRateLimitYaml;
import io.agw.model.config.yaml.TransformationsYaml;
import io.agw.model.resource.v1.Csrf;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.util.List;

/**
 * The security policy kinds: authentication, authorization, CSRF, transformations, rate limits.
 * Each nested class is one kind, registered with the {@link PolicyKindRegistry} by its annotation.
 */
final class SecurityPolicyKinds {

  private SecurityPolicyKinds() {}

  @AutoService(PolicyKindMapping.class)
  public static final class JwtAuth extends PolicyKindMapping<JwtAuthYaml> {
    public JwtAuth() {
      super("jwtAuth", KindCase.JWT_AUTH, PolicyBlock.LISTENER, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, JwtAuthYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder().setJwtAuth(new AuthPolicyMapper(ctx).jwt(path, yaml)).build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class ApiKey extends PolicyKindMapping<ApiKeysYaml> {
    public ApiKey() {
      super("apiKey", KindCase.API_KEY, PolicyBlock.LISTENER, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, ApiKeysYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder().setApiKey(new AuthPolicyMapper(ctx).apiKey(path, yaml)).build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class BasicAuth extends PolicyKindMapping<BasicAuthYaml> {
    public BasicAuth() {
      super("basicAuth", KindCase.BASIC_AUTH, PolicyBlock.LISTENER, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, BasicAuthYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setBasicAuth(new AuthPolicyMapper(ctx).basic(path, yaml))
              .build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class Oidc extends PolicyKindMapping<OidcYaml> {
    public Oidc() {
      super("oidc", KindCase.OIDC, PolicyBlock.LISTENER, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, OidcYaml yaml, List<PolicySpec> out) {
      out.add(PolicySpec.newBuilder().setOidc(new OidcMapper(ctx).oidc(path, yaml)).build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class ExtAuthz extends PolicyKindMapping<ExtAuthzYaml> {
    public ExtAuthz() {
      super("extAuthz", KindCase.EXT_AUTHZ, PolicyBlock.LISTENER, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, ExtAuthzYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setExtAuthz(new ExtAuthzMapper(ctx).extAuthz(path, yaml))
              .build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class Authorization extends PolicyKindMapping<AuthorizationYaml> {
    public Authorization() {
      super("authorization", KindCase.AUTHORIZATION, PolicyBlock.LISTENER, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, AuthorizationYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setAuthorization(new CelPolicyMapper(ctx).authorization(path, yaml))
              .build());
    }
  }

  /**
   * agentgateway's {@code csrf}: on routes (and so in top-level {@code policies} and {@code
   * ui.policies}), and on listeners, where a top-level policy that targets a gateway lands.
   */
  @AutoService(PolicyKindMapping.class)
  public static final class CsrfKind extends PolicyKindMapping<CsrfYaml> {
    public CsrfKind() {
      super("csrf", KindCase.CSRF, PolicyBlock.LISTENER, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, CsrfYaml yaml, List<PolicySpec> out) {
      Csrf.Builder b = Csrf.newBuilder();
      List<String> origins =
          yaml.additionalOrigins() == null ? List.of() : yaml.additionalOrigins();
      for (int i = 0; i < origins.size(); i++) {
        String origin = origins.get(i);
        if (origin == null || origin.isBlank()) {
          ctx.error(path + ".additionalOrigins[" + i + "]", "an origin must not be empty");
        } else if (!b.getAdditionalOriginsList().contains(origin)) {
          // agentgateway reads the list as a set: a repeated origin is the same origin.
          b.addAdditionalOrigins(origin);
        }
      }
      out.add(PolicySpec.newBuilder().setCsrf(b).build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class Transformations extends PolicyKindMapping<TransformationsYaml> {
    public Transformations() {
      super("transformations", KindCase.TRANSFORMATIONS, PolicyBlock.LISTENER, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, TransformationsYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setTransformations(new CelPolicyMapper(ctx).transformations(path, yaml))
              .build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class LocalRateLimit extends PolicyKindMapping<RateLimitYaml> {
    public LocalRateLimit() {
      super("localRateLimit", KindCase.LOCAL_RATE_LIMIT, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, RateLimitYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setLocalRateLimit(new RateLimitMapper(ctx).local(path, yaml))
              .build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class RemoteRateLimit extends PolicyKindMapping<RemoteRateLimitYaml> {
    public RemoteRateLimit() {
      super("remoteRateLimit", KindCase.REMOTE_RATE_LIMIT, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, RemoteRateLimitYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setRemoteRateLimit(new RateLimitMapper(ctx).remote(path, yaml))
              .build());
    }
  }
}
