package io.agw.model.config.mapping;

import io.agw.model.config.ProcessSettings;
import io.agw.model.config.ProcessSettings.HistogramMode;
import io.agw.model.config.ProcessSettings.ListenAddress;
import io.agw.model.config.ProcessSettings.LookupFamily;
import io.agw.model.config.ProcessSettings.Upstream;
import io.agw.model.config.yaml.BackendSettingsYaml;
import io.agw.model.config.yaml.DurationYaml;
import io.agw.model.config.yaml.KeepaliveYaml;
import io.agw.model.config.yaml.SettingsYaml;
import io.agw.model.config.yaml.StringOrIntYaml;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

/**
 * Maps the process settings of the {@code config} block ({@link ProcessSettings}), reporting each
 * bad value with its path. Stateless.
 */
final class ProcessSettingsMapper {

  private static final Map<String, LookupFamily> FAMILIES =
      Map.of(
          "All", LookupFamily.ALL,
          "Auto", LookupFamily.AUTO,
          "V4Preferred", LookupFamily.V4_PREFERRED,
          "V4Only", LookupFamily.V4_ONLY,
          "V6Only", LookupFamily.V6_ONLY);

  private final MappingContext ctx;

  ProcessSettingsMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  ProcessSettings map(SettingsYaml settings) {
    if (settings == null) {
      return ProcessSettings.NONE;
    }
    return new ProcessSettings(
        address("config.adminAddr", settings.adminAddr()),
        address("config.statsAddr", settings.statsAddr()),
        address("config.readinessAddr", settings.readinessAddr()),
        duration("config.connectionTerminationDeadline", settings.connectionTerminationDeadline()),
        duration(
            "config.connectionMinTerminationDeadline", settings.connectionMinTerminationDeadline()),
        workerThreads(settings.workerThreads()),
        settings.enableIpv6(),
        settings.dns() == null ? null : family(settings.dns().lookupFamily()),
        settings.dns() == null ? null : settings.dns().edns0(),
        upstream(settings.backend()),
        settings.localXdsPath(),
        settings.mcp() == null
            ? null
            : duration("config.mcp.sessionTtl", settings.mcp().sessionTtl()),
        histograms(settings.histograms()));
  }

  private HistogramMode histograms(String mode) {
    if (mode == null) {
      return null;
    }
    return switch (mode) {
      case "classic" -> HistogramMode.CLASSIC;
      case "native" -> HistogramMode.NATIVE;
      case "both" -> HistogramMode.BOTH;
      default -> {
        ctx.error("config.histograms", "must be 'classic', 'native' or 'both', not '" + mode + "'");
        yield null;
      }
    };
  }

  private ListenAddress address(String path, String text) {
    if (text == null) {
      return null;
    }
    String value = text.trim();
    if (value.equals("off")) {
      return ListenAddress.OFF;
    }
    if (value.startsWith("unix:")) {
      ctx.error(
          path,
          "unix domain sockets are not supported (the JVM's transport listens on TCP only); use"
              + " ip:port, localhost:port or off");
      return null;
    }
    int colon = value.lastIndexOf(':');
    if (colon <= 0) {
      ctx.error(path, "must be ip:port, localhost:port or off, not '" + text + "'");
      return null;
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      ctx.error(path, "'" + value.substring(colon + 1) + "' is not a port (0 to 65535)");
      return null;
    }
    if (host.equals("localhost")) {
      return new ListenAddress("127.0.0.1", port);
    }
    if (!isIpLiteral(host)) {
      ctx.error(path, "'" + host + "' is not an IP address or localhost");
      return null;
    }
    return new ListenAddress(host, port);
  }

  private static boolean isIpLiteral(String host) {
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false;
    }
    try {
      // A literal is parsed without a lookup.
      InetAddress.getByName(host);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private Duration duration(String path, DurationYaml value) {
    return ctx.duration(path, value)
        .map(d -> Duration.ofSeconds(d.getSeconds(), d.getNanos()))
        .orElse(null);
  }

  private Integer workerThreads(StringOrIntYaml value) {
    if (value == null || value.text().equals("auto")) {
      return null;
    }
    String text = value.text().trim();
    try {
      if (text.endsWith("%")) {
        double percent = Double.parseDouble(text.substring(0, text.length() - 1));
        if (percent <= 0 || percent > 100) {
          ctx.error("config.workerThreads", "a percentage must be above 0 and at most 100");
          return null;
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        return Math.max(1, (int) Math.ceil(cpus * percent / 100));
      }
      int threads = Integer.parseInt(text);
      if (threads < 1) {
        ctx.error("config.workerThreads", "must be at least 1");
        return null;
      }
      return threads;
    } catch (NumberFormatException e) {
      ctx.error(
          "config.workerThreads",
          "must be a number of threads, a percentage of the CPUs (such as 50%) or auto, not '"
              + text
              + "'");
      return null;
    }
  }

  private LookupFamily family(String text) {
    if (text == null) {
      return null;
    }
    LookupFamily family = FAMILIES.get(text);
    if (family == null) {
      ctx.error(
          "config.dns.lookupFamily",
          "must be All, Auto, V4Preferred, V4Only or V6Only, not '" + text + "'");
    }
    return family;
  }

  private Upstream upstream(BackendSettingsYaml backend) {
    if (backend == null) {
      return Upstream.NONE;
    }
    KeepaliveYaml keepalives = backend.keepalives();
    if (keepalives != null && keepalives.retries() != null && keepalives.retries() < 1) {
      ctx.error("config.backend.keepalives.retries", "must be at least 1");
    }
    if (backend.poolMaxSize() != null && backend.poolMaxSize() < 1) {
      ctx.error("config.backend.poolMaxSize", "must be at least 1");
    }
    return new Upstream(
        keepalives == null ? null : keepalives.enabled(),
        keepalives == null ? null : positive("config.backend.keepalives.time", keepalives.time()),
        keepalives == null
            ? null
            : positive("config.backend.keepalives.interval", keepalives.interval()),
        keepalives == null ? null : keepalives.retries(),
        positive("config.backend.connectTimeout", backend.connectTimeout()),
        positive("config.backend.poolIdleTimeout", backend.poolIdleTimeout()),
        backend.poolMaxSize());
  }

  private Duration positive(String path, DurationYaml value) {
    Duration d = duration(path, value);
    if (d != null && (d.isZero() || d.isNegative())) {
      ctx.error(path, "must be longer than zero");
      return null;
    }
    return d;
  }
}
