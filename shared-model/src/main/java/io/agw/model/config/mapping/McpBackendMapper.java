package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.McpBackendYaml;
import io.agw.model.config.yaml.McpHostYaml;
import io.agw.model.config.yaml.McpOpenApiYaml;
import io.agw.model.config.yaml.McpStdioYaml;
import io.agw.model.config.yaml.McpTargetYaml;
import io.agw.model.config.yaml.SourceYaml;
import io.agw.model.resource.v1.DataSource;
import io.agw.model.resource.v1.McpBackend;
import io.agw.model.resource.v1.McpHttpTarget;
import io.agw.model.resource.v1.McpOpenApiTarget;
import io.agw.model.resource.v1.McpStdioTarget;
import io.agw.model.resource.v1.McpTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps an {@code mcp} backend (route backend, top-level backend or the {@code mcp} shorthand) to an
 * {@link McpBackend}. Target names become prefixes of federated names ({@code <target>_<tool>},
 * {@code <target>+<uri>}), so they are unique and made of letters, digits, {@code -} and {@code _}.
 */
final class McpBackendMapper {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  private final MappingContext ctx;

  McpBackendMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  Optional<McpBackend> backend(String path, McpBackendYaml yaml) {
    McpBackend.Builder b = McpBackend.newBuilder();
    if (!ctx.require(path + ".targets", yaml.targets())) {
      return Optional.empty();
    }
    if (yaml.targets().isEmpty()) {
      ctx.error(path + ".targets", "must list at least one target");
    }
    Map<String, String> pathByName = new HashMap<>();
    for (int i = 0; i < list(yaml.targets()).size(); i++) {
      String targetPath = path + ".targets[" + i + "]";
      McpTargetYaml target = yaml.targets().get(i);
      if (target == null) {
        ctx.error(targetPath, "must not be empty");
        continue;
      }
      if (target.name() != null) {
        String earlier = pathByName.putIfAbsent(target.name(), targetPath);
        if (earlier != null) {
          ctx.error(
              targetPath + ".name",
              "duplicate target name '" + target.name() + "' (also " + earlier + ")");
          continue;
        }
      }
      target(targetPath, target).ifPresent(b::addTargets);
    }
    if (yaml.statefulMode() != null) {
      switch (yaml.statefulMode()) {
        case "stateful" -> b.setStatefulMode(McpBackend.StatefulMode.STATEFUL);
        case "stateless" -> b.setStatefulMode(McpBackend.StatefulMode.STATELESS);
        default -> invalid(path + ".statefulMode", yaml.statefulMode(), "stateful or stateless");
      }
    }
    if (yaml.prefixMode() != null) {
      switch (yaml.prefixMode()) {
        case "conditional" -> b.setPrefixMode(McpBackend.PrefixMode.CONDITIONAL);
        case "always" -> b.setPrefixMode(McpBackend.PrefixMode.ALWAYS);
        case "never" -> b.setPrefixMode(McpBackend.PrefixMode.NEVER);
        default -> invalid(path + ".prefixMode", yaml.prefixMode(), "conditional, always or never");
      }
    }
    if (yaml.failureMode() != null) {
      switch (yaml.failureMode()) {
        case "failClosed" -> b.setFailureMode(McpBackend.FailureMode.FAIL_CLOSED);
        case "failOpen" -> b.setFailureMode(McpBackend.FailureMode.FAIL_OPEN);
        default -> invalid(path + ".failureMode", yaml.failureMode(), "failClosed or failOpen");
      }
    }
    b.setDnsRebindingProtection(Boolean.TRUE.equals(yaml.dnsRebindingProtection()));
    return Optional.of(b.build());
  }

  private void invalid(String path, String value, String allowed) {
    ctx.error(path, "unknown value '" + value + "'; use " + allowed);
  }

  private Optional<McpTarget> target(String path, McpTargetYaml yaml) {
    McpTarget.Builder b = McpTarget.newBuilder();
    if (ctx.require(path + ".name", yaml.name())) {
      if (!NAME.matcher(yaml.name()).matches()) {
        ctx.error(
            path + ".name",
            "a target name is letters, digits, '-' and '_', starting with a letter or digit; not '"
                + yaml.name()
                + "'");
      }
      b.setName(yaml.name());
    }
    int kinds =
        (yaml.stdio() != null ? 1 : 0)
            + (yaml.mcp() != null ? 1 : 0)
            + (yaml.sse() != null ? 1 : 0)
            + (yaml.openapi() != null ? 1 : 0);
    if (kinds != 1) {
      ctx.errorUnlessReported(
          path,
          kinds == 0
              ? "set one of stdio, mcp (Streamable HTTP), sse or openapi"
              : "set only one of stdio, mcp, sse, openapi");
      return Optional.empty();
    }
    if (yaml.stdio() != null) {
      stdio(path + ".stdio", yaml.stdio()).ifPresent(b::setStdio);
    } else if (yaml.mcp() != null) {
      http(path + ".mcp", yaml.mcp(), "/mcp").ifPresent(b::setMcp);
    } else if (yaml.sse() != null) {
      http(path + ".sse", yaml.sse(), "/sse").ifPresent(b::setSse);
    } else {
      openapi(path + ".openapi", yaml.openapi()).ifPresent(b::setOpenapi);
    }
    return Optional.of(b.build());
  }

  private Optional<McpStdioTarget> stdio(String path, McpStdioYaml yaml) {
    if (!ctx.require(path + ".cmd", yaml.cmd())) {
      return Optional.empty();
    }
    if (yaml.cmd().isBlank()) {
      ctx.error(path + ".cmd", "must not be empty");
    }
    McpStdioTarget.Builder b = McpStdioTarget.newBuilder().setCmd(yaml.cmd());
    for (int i = 0; i < list(yaml.args()).size(); i++) {
      String arg = yaml.args().get(i);
      if (arg == null) {
        ctx.error(path + ".args[" + i + "]", "must not be empty");
      } else {
        b.addArgs(arg);
      }
    }
    if (yaml.env() != null) {
      yaml.env()
          .forEach(
              (k, v) -> {
                if (v == null) {
                  ctx.error(path + ".env." + k, "must not be empty");
                } else {
                  b.putEnv(k, v);
                }
              });
    }
    return Optional.of(b.setClearEnv(Boolean.TRUE.equals(yaml.clearEnv())).build());
  }

  /** The address forms of a remote target; {@code defaultPath} when only host:port is given. */
  private Optional<McpHttpTarget> http(String path, McpHostYaml yaml, String defaultPath) {
    if (yaml.backend() != null) {
      ctx.error(path + ".backend", "referring to a top-level backend is not supported yet");
      return Optional.empty();
    }
    return address(path, yaml.host(), yaml.port(), yaml.path(), defaultPath);
  }

  private Optional<McpHttpTarget> address(
      String path, String host, Integer port, String urlPath, String defaultPath) {
    if (!ctx.require(path + ".host", host)) {
      return Optional.empty();
    }
    McpHttpTarget.Builder b = McpHttpTarget.newBuilder();
    if (host.startsWith("http://") || host.startsWith("https://")) {
      if (port != null) {
        ctx.error(path + ".port", "the port goes in the URL when host is a URL");
      }
      try {
        URI uri = new URI(host);
        if (uri.getHost() == null) {
          ctx.error(path + ".host", "the URL '" + host + "' has no host");
          return Optional.empty();
        }
        boolean tls = uri.getScheme().equals("https");
        String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? null : uri.getRawPath();
        if (p != null && urlPath != null) {
          ctx.error(path + ".path", "the path is already in the URL");
        }
        String chosen = p != null ? p : urlPath != null ? urlPath : defaultPath;
        return Optional.of(
            b.setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80)
                .setPath(chosen)
                .setTls(tls)
                .build());
      } catch (URISyntaxException e) {
        ctx.error(path + ".host", "invalid URL: " + e.getReason());
        return Optional.empty();
      }
    }
    String address = port != null ? host + ":" + port : host;
    if (port != null && (port < 1 || port > 65535)) {
      ctx.error(path + ".port", "a port is from 1 to 65535, not " + port);
      return Optional.empty();
    }
    try {
      HostPort hp = HostPort.parse(address);
      String p = urlPath != null ? urlPath : defaultPath;
      if (!p.isEmpty() && !p.startsWith("/")) {
        ctx.error(path + ".path", "a path starts with '/'");
      }
      return Optional.of(b.setHost(hp.host()).setPort(hp.port()).setPath(p).build());
    } catch (IllegalArgumentException e) {
      ctx.error(path + ".host", e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<McpOpenApiTarget> openapi(String path, McpOpenApiYaml yaml) {
    if (!ctx.require(path + ".schema", yaml.schema())) {
      return Optional.empty();
    }
    SourceYaml source = yaml.schema();
    McpOpenApiTarget.Builder target = McpOpenApiTarget.newBuilder();
    boolean ok = true;
    if (source.url() != null) {
      // Kept as a URL: the gateway fetches the document when a connection to the target opens,
      // so that a reload never depends on another service being up.
      ok = httpUrl(path + ".schema.url", source.url());
      target.setSchemaUrl(source.url());
    } else if (source.file() != null) {
      Optional<DataSource> file = ctx.file(path + ".schema.file", source.file());
      ok = file.isPresent();
      file.ifPresent(target::setSchema);
    } else {
      target.setSchema(DataSource.newBuilder().setInline(source.inline()));
    }
    Optional<McpHttpTarget> server = address(path, yaml.host(), yaml.port(), yaml.path(), "");
    if (!ok || server.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(target.setServer(server.get()).build());
  }

  private boolean httpUrl(String path, String url) {
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return true;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    ctx.error(path, "an OpenAPI document URL is an absolute http or https URL, not '" + url + "'");
    return false;
  }
}
