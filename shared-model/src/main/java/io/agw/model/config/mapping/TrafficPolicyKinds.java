package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import com.google.auto.service.AutoService;
import io.agw.model.config.yaml.BackendTlsYaml;
import io.agw.model.config.yaml.BufferYaml;
import io.agw.model.config.yaml.CorsYaml;
import io.agw.model.config.yaml.DelayYaml;
import io.agw.model.config.yaml.DirectResponseYaml;
import io.agw.model.config.yaml.ExtProcYaml;
import io.agw.model.config.yaml.FilterYaml;
import io.agw.model.config.yaml.HeaderModifierYaml;
import io.agw.model.config.yaml.PolicyBlock;
import io.agw.model.config.yaml.RedirectYaml;
import io.agw.model.config.yaml.RequestMirrorYaml;
import io.agw.model.config.yaml.RetryYaml;
import io.agw.model.config.yaml.TimeoutYaml;
import io.agw.model.config.yaml.UrlRewriteYaml;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.util.List;

/**
 * The HTTP traffic policy kinds: header changes, redirects, rewrites, CORS, timeouts, retries, body
 * limits, delays, request mirrors, backend TLS and extension filters. Each nested class is one
 * kind, registered with the {@link PolicyKindRegistry} by its annotation.
 */
final class TrafficPolicyKinds {

  private TrafficPolicyKinds() {}

  @AutoService(PolicyKindMapping.class)
  public static final class RequestHeaderModifier extends PolicyKindMapping<HeaderModifierYaml> {
    public RequestHeaderModifier() {
      super(
          "requestHeaderModifier",
          KindCase.REQUEST_HEADER_MODIFIER,
          PolicyBlock.ROUTE,
          PolicyBlock.BACKEND);
    }

    @Override
    void map(MappingContext ctx, String path, HeaderModifierYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setRequestHeaderModifier(new HeaderPolicyMapper(ctx).headerModifier(path, yaml))
              .build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class ResponseHeaderModifier extends PolicyKindMapping<HeaderModifierYaml> {
    public ResponseHeaderModifier() {
      super("responseHeaderModifier", KindCase.RESPONSE_HEADER_MODIFIER, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, HeaderModifierYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setResponseHeaderModifier(new HeaderPolicyMapper(ctx).headerModifier(path, yaml))
              .build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class RequestRedirect extends PolicyKindMapping<RedirectYaml> {
    public RequestRedirect() {
      super("requestRedirect", KindCase.REQUEST_REDIRECT, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, RedirectYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setRequestRedirect(new HeaderPolicyMapper(ctx).redirect(path, yaml))
              .build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class UrlRewrite extends PolicyKindMapping<UrlRewriteYaml> {
    public UrlRewrite() {
      super("urlRewrite", KindCase.URL_REWRITE, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, UrlRewriteYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setUrlRewrite(new HeaderPolicyMapper(ctx).urlRewrite(path, yaml))
              .build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class DirectResponse extends PolicyKindMapping<DirectResponseYaml> {
    public DirectResponse() {
      super("directResponse", KindCase.DIRECT_RESPONSE, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, DirectResponseYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setDirectResponse(new TrafficPolicyMapper(ctx).directResponse(path, yaml))
              .build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class Cors extends PolicyKindMapping<CorsYaml> {
    public Cors() {
      super("cors", KindCase.CORS, PolicyBlock.LISTENER, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, CorsYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder().setCors(new TrafficPolicyMapper(ctx).cors(path, yaml)).build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class Timeout extends PolicyKindMapping<TimeoutYaml> {
    public Timeout() {
      super("timeout", KindCase.TIMEOUT, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, TimeoutYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setTimeout(new TrafficPolicyMapper(ctx).timeout(path, yaml))
              .build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class Retry extends PolicyKindMapping<RetryYaml> {
    public Retry() {
      super("retry", KindCase.RETRY, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, RetryYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder().setRetry(new TrafficPolicyMapper(ctx).retry(path, yaml)).build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class Buffer extends PolicyKindMapping<BufferYaml> {
    public Buffer() {
      super("buffer", KindCase.REQUEST_BODY_LIMIT, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, BufferYaml yaml, List<PolicySpec> out) {
      TrafficPolicyMapper mapper = new TrafficPolicyMapper(ctx);
      mapper
          .requestBodyLimit(path, yaml)
          .ifPresent(limit -> out.add(PolicySpec.newBuilder().setRequestBodyLimit(limit).build()));
      mapper
          .responseBuffer(path, yaml)
          .ifPresent(limit -> out.add(PolicySpec.newBuilder().setResponseBuffer(limit).build()));
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class Delay extends PolicyKindMapping<DelayYaml> {
    public Delay() {
      super("delay", KindCase.DELAY, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, DelayYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder().setDelay(new TrafficPolicyMapper(ctx).delay(path, yaml)).build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class RequestMirror extends PolicyKindMapping<RequestMirrorYaml> {
    public RequestMirror() {
      super("requestMirror", KindCase.REQUEST_MIRROR, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, RequestMirrorYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setRequestMirror(new TrafficPolicyMapper(ctx).requestMirror(path, yaml))
              .build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class BackendTls extends PolicyKindMapping<BackendTlsYaml> {
    public BackendTls() {
      super("backendTLS", KindCase.BACKEND_TLS, PolicyBlock.ROUTE, PolicyBlock.BACKEND);
    }

    @Override
    void map(MappingContext ctx, String path, BackendTlsYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder().setBackendTls(new TlsMapper(ctx).backendTls(path, yaml)).build());
    }
  }

  /** Extension filters: one spec per filter, in the order written. */
  @AutoService(PolicyKindMapping.class)
  public static final class Filters extends PolicyKindMapping<List<FilterYaml>> {
    public Filters() {
      super("filters", KindCase.EXTENSION_FILTER, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, List<FilterYaml> yaml, List<PolicySpec> out) {
      FilterMapper filters = new FilterMapper(ctx);
      for (int i = 0; i < list(yaml).size(); i++) {
        String filterPath = path + "[" + i + "]";
        if (yaml.get(i) == null) {
          ctx.error(filterPath, "must not be empty");
          continue;
        }
        filters
            .filter(filterPath, yaml.get(i))
            .ifPresent(f -> out.add(PolicySpec.newBuilder().setExtensionFilter(f).build()));
      }
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class ExtProc extends PolicyKindMapping<ExtProcYaml> {
    public ExtProc() {
      super("extProc", KindCase.EXT_PROC, PolicyBlock.LISTENER, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, ExtProcYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder().setExtProc(new ExtProcMapper(ctx).extProc(path, yaml)).build());
    }
  }
}
