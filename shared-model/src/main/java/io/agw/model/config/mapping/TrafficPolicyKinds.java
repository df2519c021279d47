package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.BackendPoliciesYaml;
import io.agw.model.config.yaml.BackendTlsYaml;
import io.agw.model.config.yaml.BufferYaml;
import io.agw.model.config.yaml.CorsYaml;
import io.agw.model.config.yaml.DirectResponseYaml;
import io.agw.model.config.yaml.FilterYaml;
import io.agw.model.config.yaml.HeaderModifierYaml;
import io.agw.model.config.yaml.ListenerPoliciesYaml;
import io.agw.model.config.yaml.RedirectYaml;
import io.agw.model.config.yaml.RetryYaml;
import io.agw.model.config.yaml.RoutePoliciesYaml;
import io.agw.model.config.yaml.TimeoutYaml;
import io.agw.model.config.yaml.UrlRewriteYaml;
import io.agw.model.resource.v1.PolicySpec;
import java.util.List;

/** The HTTP traffic policy kinds: header changes, redirects, rewrites, CORS, timeouts, retries. */
final class TrafficPolicyKinds {

  static final PolicyKindMapping<HeaderModifierYaml> REQUEST_HEADER_MODIFIER =
      PolicyKindMapping.<HeaderModifierYaml>kind(
              "requestHeaderModifier",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setRequestHeaderModifier(
                              new HeaderPolicyMapper(ctx).headerModifier(path, yaml))
                          .build()))
          .onRoute(RoutePoliciesYaml::requestHeaderModifier)
          .onBackend(BackendPoliciesYaml::requestHeaderModifier);

  static final PolicyKindMapping<HeaderModifierYaml> RESPONSE_HEADER_MODIFIER =
      PolicyKindMapping.<HeaderModifierYaml>kind(
              "responseHeaderModifier",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setResponseHeaderModifier(
                              new HeaderPolicyMapper(ctx).headerModifier(path, yaml))
                          .build()))
          .onRoute(RoutePoliciesYaml::responseHeaderModifier);

  static final PolicyKindMapping<RedirectYaml> REQUEST_REDIRECT =
      PolicyKindMapping.<RedirectYaml>kind(
              "requestRedirect",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setRequestRedirect(new HeaderPolicyMapper(ctx).redirect(path, yaml))
                          .build()))
          .onRoute(RoutePoliciesYaml::requestRedirect);

  static final PolicyKindMapping<UrlRewriteYaml> URL_REWRITE =
      PolicyKindMapping.<UrlRewriteYaml>kind(
              "urlRewrite",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setUrlRewrite(new HeaderPolicyMapper(ctx).urlRewrite(path, yaml))
                          .build()))
          .onRoute(RoutePoliciesYaml::urlRewrite);

  static final PolicyKindMapping<DirectResponseYaml> DIRECT_RESPONSE =
      PolicyKindMapping.<DirectResponseYaml>kind(
              "directResponse",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setDirectResponse(
                              new TrafficPolicyMapper(ctx).directResponse(path, yaml))
                          .build()))
          .onRoute(RoutePoliciesYaml::directResponse);

  static final PolicyKindMapping<CorsYaml> CORS =
      PolicyKindMapping.<CorsYaml>kind(
              "cors",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setCors(new TrafficPolicyMapper(ctx).cors(path, yaml))
                          .build()))
          .onListener(ListenerPoliciesYaml::cors)
          .onRoute(RoutePoliciesYaml::cors);

  static final PolicyKindMapping<TimeoutYaml> TIMEOUT =
      PolicyKindMapping.<TimeoutYaml>kind(
              "timeout",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setTimeout(new TrafficPolicyMapper(ctx).timeout(path, yaml))
                          .build()))
          .onRoute(RoutePoliciesYaml::timeout);

  static final PolicyKindMapping<RetryYaml> RETRY =
      PolicyKindMapping.<RetryYaml>kind(
              "retry",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setRetry(new TrafficPolicyMapper(ctx).retry(path, yaml))
                          .build()))
          .onRoute(RoutePoliciesYaml::retry);

  static final PolicyKindMapping<BufferYaml> BUFFER =
      PolicyKindMapping.<BufferYaml>kind(
              "buffer",
              (ctx, path, yaml, out) ->
                  new TrafficPolicyMapper(ctx)
                      .requestBodyLimit(path, yaml)
                      .ifPresent(
                          limit ->
                              out.add(PolicySpec.newBuilder().setRequestBodyLimit(limit).build())))
          .onRoute(RoutePoliciesYaml::buffer);

  static final PolicyKindMapping<BackendTlsYaml> BACKEND_TLS =
      PolicyKindMapping.<BackendTlsYaml>kind(
              "backendTLS",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setBackendTls(new TlsMapper(ctx).backendTls(path, yaml))
                          .build()))
          .onRoute(RoutePoliciesYaml::backendTls)
          .onBackend(BackendPoliciesYaml::backendTls);

  /** Extension filters: one spec per filter, in the order written. */
  static final PolicyKindMapping<List<FilterYaml>> FILTERS =
      PolicyKindMapping.<List<FilterYaml>>kind(
              "filters",
              (ctx, path, yaml, out) -> {
                FilterMapper filters = new FilterMapper(ctx);
                for (int i = 0; i < list(yaml).size(); i++) {
                  String filterPath = path + "[" + i + "]";
                  if (yaml.get(i) == null) {
                    ctx.error(filterPath, "must not be empty");
                    continue;
                  }
                  filters
                      .filter(filterPath, yaml.get(i))
                      .ifPresent(
                          f -> out.add(PolicySpec.newBuilder().setExtensionFilter(f).build()));
                }
              })
          .onRoute(RoutePoliciesYaml::filters);

  private TrafficPolicyKinds() {}
}
