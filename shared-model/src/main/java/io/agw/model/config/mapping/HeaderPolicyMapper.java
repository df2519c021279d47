package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.AuthorityYaml;
import io.agw.model.config.yaml.HeaderModifierYaml;
import io.agw.model.config.yaml.PathRewriteYaml;
import io.agw.model.config.yaml.RedirectYaml;
import io.agw.model.config.yaml.UrlRewriteYaml;
import io.agw.model.resource.v1.AuthorityRewrite;
import io.agw.model.resource.v1.HeaderModifier;
import io.agw.model.resource.v1.PathRewrite;
import io.agw.model.resource.v1.RequestRedirect;
import io.agw.model.resource.v1.UrlRewrite;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Maps the policies that change request heads: header modifiers, redirects and URL rewrites. */
final class HeaderPolicyMapper {

  private final MappingContext ctx;

  HeaderPolicyMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  HeaderModifier headerModifier(String path, HeaderModifierYaml yaml) {
    HeaderModifier.Builder b = HeaderModifier.newBuilder();
    headers(path + ".add", yaml.add()).forEach(b::putAdd);
    headers(path + ".set", yaml.set()).forEach(b::putSet);
    for (int i = 0; i < list(yaml.remove()).size(); i++) {
      String name = yaml.remove().get(i);
      if (name == null || name.isBlank()) {
        ctx.error(path + ".remove[" + i + "]", "a header name must not be empty");
      } else {
        b.addRemove(name);
      }
    }
    return b.build();
  }

  /** The valid entries of a header map, in file order; invalid ones are recorded as errors. */
  private Map<String, String> headers(String path, Map<String, String> headers) {
    Map<String, String> valid = new LinkedHashMap<>();
    if (headers == null) {
      return valid;
    }
    headers.forEach(
        (name, value) -> {
          if (name.isBlank()) {
            ctx.error(path, "a header name must not be empty");
          } else if (value == null) {
            ctx.error(path + "." + name, "a header value must not be null; use \"\" for empty");
          } else {
            valid.put(name, value);
          }
        });
    return valid;
  }

  RequestRedirect redirect(String path, RedirectYaml yaml) {
    RequestRedirect.Builder b = RequestRedirect.newBuilder();
    if (yaml.scheme() != null) {
      if (!yaml.scheme().equals("http") && !yaml.scheme().equals("https")) {
        ctx.error(path + ".scheme", "scheme must be http or https, not '" + yaml.scheme() + "'");
      }
      b.setScheme(yaml.scheme());
    }
    authority(path + ".authority", yaml.authority()).ifPresent(b::setAuthority);
    pathRewrite(path + ".path", yaml.path()).ifPresent(b::setPath);
    if (yaml.status() != null) {
      if (yaml.status() < 300 || yaml.status() > 399) {
        ctx.error(path + ".status", "a redirect status is from 300 to 399, not " + yaml.status());
      } else {
        b.setStatus(yaml.status());
      }
    }
    return b.build();
  }

  UrlRewrite urlRewrite(String path, UrlRewriteYaml yaml) {
    UrlRewrite.Builder b = UrlRewrite.newBuilder();
    authority(path + ".authority", yaml.authority()).ifPresent(b::setAuthority);
    pathRewrite(path + ".path", yaml.path()).ifPresent(b::setPath);
    return b.build();
  }

  /** The new authority; empty for {@code none} (keep the request's authority) or when absent. */
  private Optional<AuthorityRewrite> authority(String path, AuthorityYaml yaml) {
    if (yaml == null) {
      return Optional.empty();
    }
    if (yaml.keyword() != null) {
      switch (yaml.keyword()) {
        case "auto":
          return Optional.of(AuthorityRewrite.newBuilder().setAuto(true).build());
        case "none":
          return Optional.empty();
        default:
          ctx.error(
              path,
              "unknown authority '"
                  + yaml.keyword()
                  + "'; use auto, none, or one of {full}, {host}, {port}");
          return Optional.empty();
      }
    }
    int set = count(yaml.full(), yaml.host(), yaml.port());
    if (set != 1) {
      ctx.errorUnlessReported(path, "set exactly one of full, host, port");
      return Optional.empty();
    }
    AuthorityRewrite.Builder b = AuthorityRewrite.newBuilder();
    if (yaml.full() != null) {
      b.setFull(yaml.full());
    } else if (yaml.host() != null) {
      b.setHost(yaml.host());
    } else if (yaml.port() < 1 || yaml.port() > 65535) {
      ctx.error(path + ".port", "a port is from 1 to 65535, not " + yaml.port());
    } else {
      b.setPort(yaml.port());
    }
    return Optional.of(b.build());
  }

  private Optional<PathRewrite> pathRewrite(String path, PathRewriteYaml yaml) {
    if (yaml == null) {
      return Optional.empty();
    }
    if (count(yaml.full(), yaml.prefix()) != 1) {
      ctx.errorUnlessReported(path, "set exactly one of full, prefix");
      return Optional.empty();
    }
    PathRewrite.Builder b = PathRewrite.newBuilder();
    if (yaml.full() != null) {
      b.setFull(yaml.full());
    } else {
      b.setPrefix(yaml.prefix());
    }
    return Optional.of(b.build());
  }

  /** How many of the values are present. */
  static int count(Object... values) {
    int n = 0;
    for (Object v : values) {
      if (v != null) {
        n++;
      }
    }
    return n;
  }
}
