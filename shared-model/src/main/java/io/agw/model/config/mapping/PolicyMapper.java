package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.ApiKeysYaml;
import io.agw.model.config.yaml.AuthorizationYaml;
import io.agw.model.config.yaml.BackendPoliciesYaml;
import io.agw.model.config.yaml.BackendTlsYaml;
import io.agw.model.config.yaml.BasicAuthYaml;
import io.agw.model.config.yaml.HeaderModifierYaml;
import io.agw.model.config.yaml.JwtAuthYaml;
import io.agw.model.config.yaml.ListenerPoliciesYaml;
import io.agw.model.config.yaml.RoutePoliciesYaml;
import io.agw.model.config.yaml.TransformationsYaml;
import io.agw.model.resource.v1.A2aPolicy;
import io.agw.model.resource.v1.PolicySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the inline {@code policies} of listeners, routes and backends to {@link PolicySpec}s, one
 * per policy present, in a fixed order (the order of the fields in the YAML records), with one spec
 * per extension filter.
 */
final class PolicyMapper {

  /** {@code a2a: {}} has no settings, so every occurrence maps to the same spec. */
  private static final PolicySpec A2A =
      PolicySpec.newBuilder().setA2A(A2aPolicy.getDefaultInstance()).build();

  private final MappingContext ctx;
  private final HeaderPolicyMapper heads;
  private final TrafficPolicyMapper traffic;
  private final TlsMapper tls;
  private final FilterMapper filters;
  private final SecretMapper secrets;
  private final AiPolicyMapper ai;
  private final AuthPolicyMapper auth;
  private final CelPolicyMapper cel;
  private final RateLimitMapper rateLimits;
  private final McpAuthenticationMapper mcpAuth;

  PolicyMapper(MappingContext ctx) {
    this.auth = new AuthPolicyMapper(ctx);
    this.mcpAuth = new McpAuthenticationMapper(ctx, auth);
    this.cel = new CelPolicyMapper(ctx);
    this.rateLimits = new RateLimitMapper(ctx);
    this.ctx = ctx;
    this.heads = new HeaderPolicyMapper(ctx);
    this.traffic = new TrafficPolicyMapper(ctx);
    this.tls = new TlsMapper(ctx);
    this.filters = new FilterMapper(ctx);
    this.secrets = new SecretMapper(ctx);
    this.ai = new AiPolicyMapper(ctx);
  }

  List<PolicySpec> listener(String path, ListenerPoliciesYaml yaml) {
    List<PolicySpec> specs = new ArrayList<>();
    if (yaml == null) {
      return specs;
    }
    if (yaml.cors() != null) {
      specs.add(PolicySpec.newBuilder().setCors(traffic.cors(path + ".cors", yaml.cors())).build());
    }
    security(
        path,
        specs,
        yaml.jwtAuth(),
        yaml.apiKey(),
        yaml.basicAuth(),
        yaml.authorization(),
        yaml.transformations());
    return specs;
  }

  List<PolicySpec> route(String path, RoutePoliciesYaml yaml) {
    List<PolicySpec> specs = new ArrayList<>();
    if (yaml == null) {
      return specs;
    }
    if (yaml.requestHeaderModifier() != null) {
      specs.add(requestHeaders(path, yaml.requestHeaderModifier()));
    }
    if (yaml.responseHeaderModifier() != null) {
      specs.add(
          PolicySpec.newBuilder()
              .setResponseHeaderModifier(
                  heads.headerModifier(
                      path + ".responseHeaderModifier", yaml.responseHeaderModifier()))
              .build());
    }
    if (yaml.requestRedirect() != null) {
      specs.add(
          PolicySpec.newBuilder()
              .setRequestRedirect(heads.redirect(path + ".requestRedirect", yaml.requestRedirect()))
              .build());
    }
    if (yaml.urlRewrite() != null) {
      specs.add(
          PolicySpec.newBuilder()
              .setUrlRewrite(heads.urlRewrite(path + ".urlRewrite", yaml.urlRewrite()))
              .build());
    }
    if (yaml.directResponse() != null) {
      specs.add(
          PolicySpec.newBuilder()
              .setDirectResponse(
                  traffic.directResponse(path + ".directResponse", yaml.directResponse()))
              .build());
    }
    if (yaml.cors() != null) {
      specs.add(PolicySpec.newBuilder().setCors(traffic.cors(path + ".cors", yaml.cors())).build());
    }
    if (yaml.timeout() != null) {
      specs.add(
          PolicySpec.newBuilder()
              .setTimeout(traffic.timeout(path + ".timeout", yaml.timeout()))
              .build());
    }
    if (yaml.retry() != null) {
      specs.add(
          PolicySpec.newBuilder().setRetry(traffic.retry(path + ".retry", yaml.retry())).build());
    }
    if (yaml.buffer() != null) {
      traffic
          .requestBodyLimit(path + ".buffer", yaml.buffer())
          .ifPresent(
              limit -> specs.add(PolicySpec.newBuilder().setRequestBodyLimit(limit).build()));
    }
    if (yaml.backendTls() != null) {
      specs.add(backendTls(path, yaml.backendTls()));
    }
    if (yaml.a2a() != null) {
      specs.add(A2A);
    }
    if (yaml.ai() != null) {
      specs.add(PolicySpec.newBuilder().setAi(ai.policy(path + ".ai", yaml.ai())).build());
    }
    security(
        path,
        specs,
        yaml.jwtAuth(),
        yaml.apiKey(),
        yaml.basicAuth(),
        yaml.authorization(),
        yaml.transformations());
    if (yaml.localRateLimit() != null) {
      specs.add(
          PolicySpec.newBuilder()
              .setLocalRateLimit(rateLimits.local(path + ".localRateLimit", yaml.localRateLimit()))
              .build());
    }
    if (yaml.remoteRateLimit() != null) {
      specs.add(
          PolicySpec.newBuilder()
              .setRemoteRateLimit(
                  rateLimits.remote(path + ".remoteRateLimit", yaml.remoteRateLimit()))
              .build());
    }
    if (yaml.mcpAuthorization() != null) {
      specs.add(
          PolicySpec.newBuilder()
              .setMcpAuthorization(
                  cel.authorization(path + ".mcpAuthorization", yaml.mcpAuthorization()))
              .build());
    }
    if (yaml.mcpAuthentication() != null) {
      specs.add(
          PolicySpec.newBuilder()
              .setMcpAuthentication(
                  mcpAuth.map(path + ".mcpAuthentication", yaml.mcpAuthentication()))
              .build());
    }
    for (int i = 0; i < list(yaml.filters()).size(); i++) {
      String filterPath = path + ".filters[" + i + "]";
      if (yaml.filters().get(i) == null) {
        ctx.error(filterPath, "must not be empty");
        continue;
      }
      filters
          .filter(filterPath, yaml.filters().get(i))
          .ifPresent(f -> specs.add(PolicySpec.newBuilder().setExtensionFilter(f).build()));
    }
    return specs;
  }

  List<PolicySpec> backend(String path, BackendPoliciesYaml yaml) {
    if (yaml != null && yaml.health() != null) {
      ctx.error(path + ".health", "health is supported on the providers of ai backends only");
    }
    return backendPolicies(path, yaml);
  }

  /** The policies of an {@code ai} provider; its {@code health} is mapped by the caller. */
  List<PolicySpec> aiProvider(String path, BackendPoliciesYaml yaml) {
    return backendPolicies(path, yaml);
  }

  private List<PolicySpec> backendPolicies(String path, BackendPoliciesYaml yaml) {
    List<PolicySpec> specs = new ArrayList<>();
    if (yaml == null) {
      return specs;
    }
    if (yaml.requestHeaderModifier() != null) {
      specs.add(requestHeaders(path, yaml.requestHeaderModifier()));
    }
    if (yaml.backendTls() != null) {
      specs.add(backendTls(path, yaml.backendTls()));
    }
    if (yaml.a2a() != null) {
      specs.add(A2A);
    }
    if (yaml.backendAuth() != null) {
      secrets
          .backendAuth(path + ".backendAuth", yaml.backendAuth())
          .ifPresent(auth -> specs.add(PolicySpec.newBuilder().setBackendAuth(auth).build()));
    }
    return specs;
  }

  /** The {@code ai} policy mapper, for the {@code llm} shorthand's per-model settings. */
  AiPolicyMapper ai() {
    return ai;
  }

  /** The secret mapper, for the {@code llm} shorthand's API keys. */
  SecretMapper secrets() {
    return secrets;
  }

  private void security(
      String path,
      List<PolicySpec> specs,
      JwtAuthYaml jwt,
      ApiKeysYaml apiKey,
      BasicAuthYaml basic,
      AuthorizationYaml authorization,
      TransformationsYaml transformations) {
    if (jwt != null) {
      specs.add(PolicySpec.newBuilder().setJwtAuth(auth.jwt(path + ".jwtAuth", jwt)).build());
    }
    if (apiKey != null) {
      specs.add(PolicySpec.newBuilder().setApiKey(auth.apiKey(path + ".apiKey", apiKey)).build());
    }
    if (basic != null) {
      specs.add(
          PolicySpec.newBuilder().setBasicAuth(auth.basic(path + ".basicAuth", basic)).build());
    }
    if (authorization != null) {
      specs.add(
          PolicySpec.newBuilder()
              .setAuthorization(cel.authorization(path + ".authorization", authorization))
              .build());
    }
    if (transformations != null) {
      specs.add(
          PolicySpec.newBuilder()
              .setTransformations(cel.transformations(path + ".transformations", transformations))
              .build());
    }
  }

  /** Route and backend policies share the request header modifier. */
  private PolicySpec requestHeaders(String path, HeaderModifierYaml yaml) {
    return PolicySpec.newBuilder()
        .setRequestHeaderModifier(heads.headerModifier(path + ".requestHeaderModifier", yaml))
        .build();
  }

  private PolicySpec backendTls(String path, BackendTlsYaml yaml) {
    return PolicySpec.newBuilder()
        .setBackendTls(tls.backendTls(path + ".backendTLS", yaml))
        .build();
  }
}
