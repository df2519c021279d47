package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.HeaderMatchYaml;
import io.agw.model.config.yaml.StringMatchYaml;
import io.agw.model.config.yaml.WebhookYaml;
import io.agw.model.resource.v1.HeaderExpression;
import io.agw.model.resource.v1.HeaderMatch;
import io.agw.model.resource.v1.StringMatch;
import io.agw.model.resource.v1.WebhookGuard;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a guard's {@code webhook}: its address, its header expressions (each type-checked here, so a
 * bad one refuses the configuration with its path), the client headers it forwards and its failure
 * mode.
 */
final class WebhookGuardMapper {

  /** The pseudo-headers agentgateway lets a webhook's {@code headers} set. */
  static final Set<String> PSEUDO_HEADERS = Set.of(":path", ":method", ":authority");

  /** RFC 9110 token characters: what a header name may hold. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final MappingContext ctx;

  WebhookGuardMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  WebhookGuard webhook(String path, WebhookYaml yaml) {
    WebhookGuard.Builder b = WebhookGuard.newBuilder();
    if (ctx.require(path + ".target", yaml.target())) {
      if (yaml.target().host() == null) {
        ctx.errorUnlessReported(path + ".target", "set host (an address host:port)");
      } else {
        try {
          HostPort hp = HostPort.parse(yaml.target().host());
          b.setHost(hp.host()).setPort(hp.port());
        } catch (IllegalArgumentException e) {
          ctx.error(path + ".target.host", e.getMessage());
        }
      }
    }
    if (yaml.headers() != null) {
      for (Map.Entry<String, String> e : yaml.headers().entrySet()) {
        String at = path + ".headers." + e.getKey();
        String name = e.getKey();
        if (name.startsWith(":")) {
          if (!PSEUDO_HEADERS.contains(name)) {
            ctx.error(
                at, "a webhook may set the pseudo-headers :path, :method and :authority only");
            continue;
          }
        } else if (!HEADER_NAME.matcher(name).matches()) {
          ctx.error(at, "not a valid header name");
          continue;
        }
        if (e.getValue() == null) {
          ctx.error(at, "a CEL expression must not be null");
          continue;
        }
        ctx.checkCel(at, e.getValue());
        b.addHeaders(HeaderExpression.newBuilder().setName(name).setExpression(e.getValue()));
      }
    }
    for (int i = 0; i < list(yaml.forwardHeaderMatches()).size(); i++) {
      String at = path + ".forwardHeaderMatches[" + i + "]";
      HeaderMatchYaml match = yaml.forwardHeaderMatches().get(i);
      if (match == null) {
        ctx.error(at, "must not be empty");
        continue;
      }
      if (!ctx.require(at + ".name", match.name())) {
        continue;
      }
      if (match.name().startsWith(":") || !HEADER_NAME.matcher(match.name()).matches()) {
        ctx.error(at + ".name", "a forwarded header is a request header name");
        continue;
      }
      StringMatch value = value(at + ".value", match.value());
      if (value != null) {
        b.addForwardHeaderMatches(HeaderMatch.newBuilder().setName(match.name()).setValue(value));
      }
    }
    if (yaml.failureMode() != null) {
      switch (yaml.failureMode()) {
        case "failClosed" -> b.setFailOpen(false);
        case "failOpen" -> b.setFailOpen(true);
        default ->
            ctx.error(path + ".failureMode", "a failure mode is one of failClosed, failOpen");
      }
    }
    return b.build();
  }

  private StringMatch value(String path, StringMatchYaml yaml) {
    if (!ctx.require(path, yaml)) {
      return null;
    }
    if (HeaderPolicyMapper.count(yaml.exact(), yaml.regex()) != 1) {
      ctx.errorUnlessReported(path, "set exactly one of exact, regex");
      return null;
    }
    if (yaml.exact() != null) {
      return StringMatch.newBuilder().setExact(yaml.exact()).build();
    }
    ctx.checkRegex(path + ".regex", yaml.regex());
    return StringMatch.newBuilder().setRegex(yaml.regex()).build();
  }
}
