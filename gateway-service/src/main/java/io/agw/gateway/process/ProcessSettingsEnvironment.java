package io.agw.gateway.process;

import io.agw.model.config.ConfigEnvironment;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.ProcessSettings;
import io.agw.model.config.ProcessSettings.ListenAddress;
import io.agw.model.config.ProcessSettings.Upstream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Applies the process settings of the configuration file's {@code config} block ({@link
 * ProcessSettings}) before the gateway starts, as the Spring properties that own them: {@code
 * adminAddr} becomes {@code server.address}/{@code server.port}, {@code backend.connectTimeout} the
 * upstream client's connect timeout, and so on ({@link #properties}). They form one property source
 * placed below the command line, Java system properties and environment variables and above {@code
 * application.yaml}: a property set explicitly wins over the file, the file wins over the gateway's
 * defaults. The admin address keeps {@code AGW_ADMIN_ADDRESS}/{@code AGW_ADMIN_PORT} above the file
 * too.
 *
 * <p>The file is read once here; a file that cannot be read or is invalid contributes nothing (the
 * configuration source then refuses it with every problem). Nothing is read when the gateway serves
 * the built-in configuration or takes its configuration from the control service.
 */
public final class ProcessSettingsEnvironment implements EnvironmentPostProcessor, Ordered {

  /** The name of the property source. */
  public static final String SOURCE = "agentgateway config block";

  /** {@code config.histograms}: {@code classic}, {@code native} or {@code both}. */
  public static final String HISTOGRAMS = "agw.metrics.histograms";

  static final String HTTPCLIENT = "spring.cloud.gateway.server.webflux.httpclient.";

  @Override
  public int getOrder() {
    // After application.yaml is read: the file's path may come from it (AGW_CONFIG).
    return ConfigDataEnvironmentPostProcessor.ORDER + 1;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String file = environment.getProperty("agw.config.file");
    String xds = environment.getProperty("agw.xds.address");
    if (file == null || file.isBlank() || (xds != null && !xds.isBlank())) {
      return;
    }
    String yaml;
    try {
      yaml = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return;
    }
    try {
      yaml = ConfigLoader.expand(null, yaml, ConfigEnvironment.system()).text();
    } catch (ConfigException e) {
      return; // the whole file's load reports the variable
    }
    ConfigLoader.processSettings(yaml)
        .map(ProcessSettingsEnvironment::properties)
        .filter(p -> !p.isEmpty())
        .ifPresent(p -> add(environment.getPropertySources(), new MapPropertySource(SOURCE, p)));
  }

  private static void add(MutablePropertySources sources, MapPropertySource source) {
    String env = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
    if (sources.contains(env)) {
      sources.addAfter(env, source);
    } else {
      sources.addLast(source);
    }
  }

  /** The Spring properties that carry {@code settings}; only those the file sets. */
  static Map<String, Object> properties(ProcessSettings settings) {
    Map<String, Object> out = new LinkedHashMap<>();
    ListenAddress admin = settings.adminAddr();
    if (admin != null) {
      if (admin.off()) {
        // Spring's way to have no web server listening.
        out.put("server.port", "${AGW_ADMIN_PORT:-1}");
      } else {
        out.put("server.address", "${AGW_ADMIN_ADDRESS:" + admin.host() + "}");
        out.put("server.port", "${AGW_ADMIN_PORT:" + admin.port() + "}");
      }
    }
    put(out, "agw.stats.address", settings.statsAddr());
    put(out, "agw.readiness.address", settings.readinessAddr());
    put(out, "agw.drain.deadline", settings.terminationDeadline());
    put(out, "agw.drain.min-deadline", settings.minTerminationDeadline());
    put(out, "agw.worker-threads", settings.workerThreads());
    put(out, "agw.dns.enable-ipv6", settings.enableIpv6());
    put(out, "agw.dns.lookup-family", settings.lookupFamily());
    put(out, "agw.dns.edns0", settings.edns0());
    Upstream backend = settings.backend();
    put(out, "agw.backend.keepalive.enabled", backend.keepalives());
    put(out, "agw.backend.keepalive.time", backend.keepaliveTime());
    put(out, "agw.backend.keepalive.interval", backend.keepaliveInterval());
    put(out, "agw.backend.keepalive.retries", backend.keepaliveRetries());
    if (backend.connectTimeout() != null) {
      out.put(HTTPCLIENT + "connect-timeout", backend.connectTimeout().toMillis());
    }
    put(out, "agw.backend.pool-idle-timeout", backend.poolIdleTimeout());
    if (backend.poolMaxSize() != null) {
      out.put(HTTPCLIENT + "pool.type", "FIXED");
      out.put(HTTPCLIENT + "pool.max-connections", backend.poolMaxSize());
    }
    put(out, "agw.mcp.session-idle-timeout", settings.mcpSessionTtl());
    if (settings.histograms() != null) {
      out.put(HISTOGRAMS, settings.histograms().name().toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  private static void put(Map<String, Object> out, String name, Object value) {
    if (value == null) {
      return;
    }
    out.put(
        name,
        value instanceof Duration || value instanceof ListenAddress ? value.toString() : value);
  }
}
