package io.agw.model.config.mapping;

import io.agw.model.config.yaml.AccessLogYaml;
import io.agw.model.config.yaml.FrontendPoliciesYaml;
import io.agw.model.config.yaml.LoggingFieldsYaml;
import io.agw.model.config.yaml.LoggingYaml;
import io.agw.model.config.yaml.MetricsYaml;
import io.agw.model.config.yaml.NamedBackendYaml;
import io.agw.model.config.yaml.OtlpAccessLogYaml;
import io.agw.model.config.yaml.SettingsYaml;
import io.agw.model.config.yaml.TracingPolicyYaml;
import io.agw.model.config.yaml.TracingYaml;
import io.agw.model.resource.v1.HeaderExpression;
import io.agw.model.resource.v1.LoggingSettings;
import io.agw.model.resource.v1.OtlpAccessLog;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.TracingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Maps the observability settings: {@code config.logging} with {@code frontendPolicies.accessLog}
 * (or its alias {@code logging}) to one {@link LoggingSettings} resource, where each of the
 * policy's {@code filter}, {@code add} and {@code remove}, when set, replaces the one of {@code
 * config.logging} (agentgateway's merge); {@code config.tracing}, or {@code
 * frontendPolicies.tracing} (its newer form; never both), to a {@link TracingSettings} resource
 * (its exporter settings are read at startup: {@link TracingExport}); and checks {@code
 * config.metrics}. Stateless.
 */
public final class TelemetryMapper {

  /** The key of the logging settings' resource (there is at most one). */
  public static final String LOGGING_KEY = "loggingSettings";

  /** The key of the tracing settings' resource (there is at most one). */
  public static final String TRACING_KEY = "tracingSettings";

  private static final Set<String> LEVELS =
      Set.of("trace", "debug", "info", "warn", "error", "off");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern TARGET = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:$-]*");

  private TelemetryMapper() {}

  /**
   * @param backends the top-level backends, which an OTLP collector may name ({@code backend})
   */
  static List<Resource> map(
      MappingContext ctx,
      SettingsYaml settings,
      FrontendPoliciesYaml frontend,
      List<NamedBackendYaml> backends) {
    List<Resource> out = new ArrayList<>();
    LoggingYaml logging = settings == null ? null : settings.logging();
    AccessLogYaml policy = frontend == null ? null : frontend.accessLogPolicy();
    String policyPath = "frontendPolicies.accessLog";
    if (frontend != null && frontend.accessLog() != null && frontend.logging() != null) {
      ctx.error(
          "frontendPolicies.logging",
          "'logging' is another name for 'accessLog'; write only one of them");
    } else if (frontend != null && frontend.logging() != null) {
      policyPath = "frontendPolicies.logging";
    }
    LoggingSettings.Builder log = LoggingSettings.newBuilder();
    if (logging != null) {
      checkedFilter(ctx, "config.logging.filter", logging.filter(), log);
      LoggingFieldsYaml fields = logging.fields();
      if (fields != null) {
        add(ctx, "config.logging.fields.add", fields.add(), log::addAdd);
        if (fields.remove() != null) {
          log.addAllRemove(fields.remove());
        }
      }
      format(ctx, logging.format(), log);
      if (logging.level() != null) {
        checkLevel(ctx, "config.logging.level", logging.level().text());
        log.setLevel(logging.level().text());
      }
    }
    if (policy != null) {
      if (policy.filter() != null) {
        log.clearFilter();
        checkedFilter(ctx, policyPath + ".filter", policy.filter(), log);
      }
      if (policy.add() != null && !policy.add().isEmpty()) {
        log.clearAdd();
        add(ctx, policyPath + ".add", policy.add(), log::addAdd);
      }
      if (policy.remove() != null && !policy.remove().isEmpty()) {
        log.clearRemove().addAllRemove(policy.remove());
      }
      if (policy.otlp() != null) {
        otlp(ctx, policyPath + ".otlp", policy.otlp(), backends, log);
      }
    }
    if (!log.build().equals(LoggingSettings.getDefaultInstance())) {
      out.add(Resource.newBuilder().setKey(LOGGING_KEY).setLoggingSettings(log).build());
    }
    TracingYaml tracing = settings == null ? null : settings.tracing();
    String addPath = "config.tracing.fields.add";
    TracingPolicyYaml tracingPolicy = frontend == null ? null : frontend.tracing();
    if (tracingPolicy != null) {
      if (tracing != null) {
        // agentgateway's rule: config.tracing is the older form of this policy.
        ctx.error(
            "frontendPolicies.tracing",
            "cannot be used together with config.tracing (its older form); write only one of them");
        TracingExport.check(ctx, "config.tracing", tracing);
      } else {
        String endpoint =
            TracingExport.checkPolicy(ctx, "frontendPolicies.tracing", tracingPolicy, backends)
                .map(t -> java.net.URI.create(t.getEndpoint()))
                .map(u -> u.getScheme() + "://" + u.getRawAuthority())
                .orElse(null);
        if (tracingPolicy.resources() != null) {
          tracingPolicy
              .resources()
              .forEach(
                  (name, expression) ->
                      ctx.checkCel("frontendPolicies.tracing.resources." + name, expression));
        }
        tracing = tracingPolicy.asTracing(endpoint);
        addPath = "frontendPolicies.tracing.attributes";
      }
    } else if (tracing != null) {
      TracingExport.check(ctx, "config.tracing", tracing);
    }
    if (tracing != null) {
      TracingSettings.Builder trace = TracingSettings.newBuilder();
      TracingExport.of(tracing).ifPresent(export -> trace.setEndpoint(export.endpoint()));
      TracingExport.expression(tracing.randomSampling()).ifPresent(trace::setRandomSampling);
      TracingExport.expression(tracing.clientSampling()).ifPresent(trace::setClientSampling);
      if (tracingPolicy != null && tracingPolicy.filter() != null) {
        trace.setFilter(tracingPolicy.filter());
      }
      if (tracing.fields() != null) {
        add(ctx, addPath, tracing.fields().add(), trace::addAdd);
        if (tracing.fields().remove() != null) {
          trace.addAllRemove(tracing.fields().remove());
        }
      }
      out.add(Resource.newBuilder().setKey(TRACING_KEY).setTracingSettings(trace).build());
    }
    MetricsYaml metrics = settings == null ? null : settings.metrics();
    if (metrics != null && metrics.remove() != null) {
      for (int i = 0; i < metrics.remove().size(); i++) {
        String name = metrics.remove().get(i);
        if (name == null || name.isBlank()) {
          ctx.error("config.metrics.remove[" + i + "]", "must be a metric name");
        }
      }
    }
    if (metrics != null && metrics.fields() != null) {
      MetricFieldsCheck.check(ctx, metrics.fields().add());
    }
    if (settings != null) {
      sensitiveHeaders(ctx, settings.sensitiveHeaders());
    }
    return out;
  }

  /**
   * {@code accessLog.otlp}: its collector, and its own {@code filter} and {@code fields}, each
   * replacing (when written) the access log's in force, which it otherwise takes (agentgateway's
   * rule).
   */
  private static void otlp(
      MappingContext ctx,
      String path,
      OtlpAccessLogYaml yaml,
      List<NamedBackendYaml> backends,
      LoggingSettings.Builder log) {
    OtlpAccessLog.Builder otlp =
        OtlpAccessLog.newBuilder()
            .setFilter(log.getFilter())
            .addAllAdd(log.getAddList())
            .addAllRemove(log.getRemoveList());
    new OtlpTargetMapper(ctx, backends)
        .target(
            path,
            new OtlpTargetMapper.Written(
                yaml.host(),
                yaml.backend(),
                yaml.service(),
                yaml.policies(),
                yaml.protocol(),
                yaml.path()),
            "/v1/logs")
        .ifPresent(otlp::setTarget);
    if (yaml.filter() != null) {
      ctx.checkCel(path + ".filter", yaml.filter());
      otlp.setFilter(yaml.filter());
    }
    if (yaml.fields() != null) {
      otlp.clearAdd().clearRemove();
      add(ctx, path + ".fields.add", yaml.fields().add(), otlp::addAdd);
      if (yaml.fields().remove() != null) {
        otlp.addAllRemove(yaml.fields().remove());
      }
    }
    log.setOtlp(otlp);
  }

  /** agentgateway refuses a name that is not a valid header name; so does this. */
  private static void sensitiveHeaders(MappingContext ctx, List<String> names) {
    if (names == null) {
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null || !HEADER_NAME.matcher(name).matches()) {
        ctx.error(
            "config.sensitiveHeaders[" + i + "]", "must be a header name, not '" + name + "'");
      }
    }
  }

  private static void checkedFilter(
      MappingContext ctx, String path, String filter, LoggingSettings.Builder log) {
    if (filter != null) {
      ctx.checkCel(path, filter);
      log.setFilter(filter);
    }
  }

  private static void add(
      MappingContext ctx, String path, Map<String, String> add, Consumer<HeaderExpression> sink) {
    if (add == null) {
      return;
    }
    add.forEach(
        (name, expression) -> {
          if (expression == null) {
            ctx.error(path + "." + name, "must be a CEL expression");
            return;
          }
          ctx.checkCel(path + "." + name, expression);
          sink.accept(
              HeaderExpression.newBuilder().setName(name).setExpression(expression).build());
        });
  }

  private static void format(MappingContext ctx, String format, LoggingSettings.Builder log) {
    if (format == null) {
      return;
    }
    switch (format) {
      case "json" -> log.setFormat(LoggingSettings.Format.JSON);
      case "text" -> log.setFormat(LoggingSettings.Format.TEXT);
      default ->
          ctx.error("config.logging.format", "must be 'text' or 'json', not '" + format + "'");
    }
  }

  /** agentgateway's syntax: {@code level} or {@code target=level}, comma-separated. */
  private static void checkLevel(MappingContext ctx, String path, String text) {
    String[] entries = text.split(",", -1);
    for (String raw : entries) {
      String entry = raw.trim();
      int eq = entry.indexOf('=');
      String level = (eq < 0 ? entry : entry.substring(eq + 1)).toLowerCase(Locale.ROOT);
      String target = eq < 0 ? null : entry.substring(0, eq);
      if (!LEVELS.contains(level)) {
        ctx.error(
            path,
            "'"
                + entry
                + "' is not a level; write trace, debug, info, warn, error or off, optionally after"
                + " a logger name and '=' (agw.access=warn)");
      } else if (target != null && !TARGET.matcher(target).matches()) {
        ctx.error(path, "'" + target + "' is not a logger name");
      }
    }
  }
}
