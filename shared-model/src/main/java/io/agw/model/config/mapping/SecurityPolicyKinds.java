package io.agw.model.config.mapping;

import io.agw.model.config.yaml.ApiKeysYaml;
import io.agw.model.config.yaml.AuthorizationYaml;
import io.agw.model.config.yaml.BasicAuthYaml;
import io.agw.model.config.yaml.JwtAuthYaml;
import io.agw.model.config.yaml.ListenerPoliciesYaml;
import io.agw.model.config.yaml.RateLimitYaml;
import io.agw.model.config.yaml.RemoteRateLimitYaml;
import io.agw.model.config.yaml.RoutePoliciesYaml;
import io.agw.model.config.yaml.TransformationsYaml;
import io.agw.model.resource.v1.PolicySpec;

/** The security policy kinds: authentication, authorization, transformations, rate limits. */
final class SecurityPolicyKinds {

  static final PolicyKindMapping<JwtAuthYaml> JWT_AUTH =
      PolicyKindMapping.<JwtAuthYaml>kind(
              "jwtAuth",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setJwtAuth(new AuthPolicyMapper(ctx).jwt(path, yaml))
                          .build()))
          .onListener(ListenerPoliciesYaml::jwtAuth)
          .onRoute(RoutePoliciesYaml::jwtAuth);

  static final PolicyKindMapping<ApiKeysYaml> API_KEY =
      PolicyKindMapping.<ApiKeysYaml>kind(
              "apiKey",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setApiKey(new AuthPolicyMapper(ctx).apiKey(path, yaml))
                          .build()))
          .onListener(ListenerPoliciesYaml::apiKey)
          .onRoute(RoutePoliciesYaml::apiKey);

  static final PolicyKindMapping<BasicAuthYaml> BASIC_AUTH =
      PolicyKindMapping.<BasicAuthYaml>kind(
              "basicAuth",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setBasicAuth(new AuthPolicyMapper(ctx).basic(path, yaml))
                          .build()))
          .onListener(ListenerPoliciesYaml::basicAuth)
          .onRoute(RoutePoliciesYaml::basicAuth);

  static final PolicyKindMapping<AuthorizationYaml> AUTHORIZATION =
      PolicyKindMapping.<AuthorizationYaml>kind(
              "authorization",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setAuthorization(new CelPolicyMapper(ctx).authorization(path, yaml))
                          .build()))
          .onListener(ListenerPoliciesYaml::authorization)
          .onRoute(RoutePoliciesYaml::authorization);

  static final PolicyKindMapping<TransformationsYaml> TRANSFORMATIONS =
      PolicyKindMapping.<TransformationsYaml>kind(
              "transformations",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setTransformations(new CelPolicyMapper(ctx).transformations(path, yaml))
                          .build()))
          .onListener(ListenerPoliciesYaml::transformations)
          .onRoute(RoutePoliciesYaml::transformations);

  static final PolicyKindMapping<RateLimitYaml> LOCAL_RATE_LIMIT =
      PolicyKindMapping.<RateLimitYaml>kind(
              "localRateLimit",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setLocalRateLimit(new RateLimitMapper(ctx).local(path, yaml))
                          .build()))
          .onRoute(RoutePoliciesYaml::localRateLimit);

  static final PolicyKindMapping<RemoteRateLimitYaml> REMOTE_RATE_LIMIT =
      PolicyKindMapping.<RemoteRateLimitYaml>kind(
              "remoteRateLimit",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setRemoteRateLimit(new RateLimitMapper(ctx).remote(path, yaml))
                          .build()))
          .onRoute(RoutePoliciesYaml::remoteRateLimit);

  private SecurityPolicyKinds() {}
}
