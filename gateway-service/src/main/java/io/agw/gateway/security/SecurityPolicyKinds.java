package io.agw.gateway.security;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.policy.RouteCompilation;
import io.agw.model.resource.v1.DataSource;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The authentication and authorization policy kinds: {@code jwtAuth}, {@code apiKey} (with its
 * model check), {@code basicAuth}, {@code authorization}. Files (htpasswd) are read when a state is
 * built, so that a changed file is picked up by the next reload. Each method is one registration
 * ({@link SecurityConfiguration} declares them as beans).
 */
public final class SecurityPolicyKinds {

  private SecurityPolicyKinds() {}

  /**
   * Every kind of this class, for tests that build a state factory by hand (those find the kinds
   * that are components themselves).
   */
  public static List<PolicyKind> all(CelEnvironment cel, JwkSources keys) {
    return List.of(
        jwtAuth(cel, keys),
        apiKey(cel, ApiKeyLookup.NONE),
        basicAuth(cel),
        authorization(cel),
        csrf());
  }

  static PolicyKind jwtAuth(CelEnvironment cel, JwkSources keys) {
    return PolicyKind.filter(
        KindCase.JWT_AUTH,
        spec -> new JwtAuthFilter(spec.getJwtAuth(), keys, cel),
        FilterOrder.AUTHENTICATION);
  }

  /**
   * The key check (the policy's keys, then {@code others}), and the model check that needs the LLM
   * runtime's facts.
   */
  static PolicyKind apiKey(CelEnvironment cel, ApiKeyLookup others) {
    return new PolicyKind() {
      @Override
      public KindCase kind() {
        return KindCase.API_KEY;
      }

      @Override
      public void onRoute(PolicySpec spec, RouteCompilation route) {
        route.addFilter(
            new ApiKeyFilter(spec.getApiKey(), cel, others), FilterOrder.AUTHENTICATION);
        route.addFilter(new ModelAccessFilter(), FilterOrder.LLM_POLICY);
      }
    };
  }

  /** After authorization and rate limits, as agentgateway orders it. */
  static PolicyKind csrf() {
    return PolicyKind.filter(
        KindCase.CSRF, spec -> new CsrfFilter(spec.getCsrf()), FilterOrder.CSRF);
  }

  static PolicyKind basicAuth(CelEnvironment cel) {
    return PolicyKind.filter(
        KindCase.BASIC_AUTH,
        spec ->
            new BasicAuthFilter(spec.getBasicAuth(), read(spec.getBasicAuth().getHtpasswd()), cel),
        FilterOrder.AUTHENTICATION);
  }

  /** Rules on the request run early; rules that read {@code llm} or {@code backend} run late. */
  static PolicyKind authorization(CelEnvironment cel) {
    return new PolicyKind() {
      @Override
      public KindCase kind() {
        return KindCase.AUTHORIZATION;
      }

      @Override
      public void onRoute(PolicySpec spec, RouteCompilation route) {
        AuthorizationRules rules = new AuthorizationRules(spec.getAuthorization(), cel);
        route.addFilter(new AuthorizationFilter(rules), FilterOrder.AUTHORIZATION);
        if (rules.hasLateRules()) {
          route.addFilter(new LateAuthorizationFilter(rules), FilterOrder.LATE_AUTHORIZATION);
        }
      }
    };
  }

  private static String read(DataSource source) {
    return switch (source.getSourceCase()) {
      case INLINE -> source.getInline();
      case FILE -> {
        try {
          yield Files.readString(Path.of(source.getFile()));
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot read htpasswd file " + source.getFile());
        }
      }
      case SOURCE_NOT_SET -> throw new IllegalArgumentException("basicAuth needs htpasswd");
    };
  }
}
