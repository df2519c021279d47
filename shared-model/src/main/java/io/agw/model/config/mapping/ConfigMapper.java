package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.cel.CelCustomFunctions;
import io.agw.model.config.ConfigErrors;
import io.agw.model.config.GatewaySettings;
import io.agw.model.config.LoadedConfig;
import io.agw.model.config.ProcessSettings;
import io.agw.model.config.RelativePaths;
import io.agw.model.config.yaml.BindYaml;
import io.agw.model.config.yaml.DatabaseYaml;
import io.agw.model.config.yaml.FrontendPoliciesYaml;
import io.agw.model.config.yaml.ListenerYaml;
import io.agw.model.config.yaml.LoadedCatalogYaml;
import io.agw.model.config.yaml.LocalConfigYaml;
import io.agw.model.config.yaml.PolicyFields;
import io.agw.model.config.yaml.PromptGuardYaml;
import io.agw.model.config.yaml.RouteYaml;
import io.agw.model.config.yaml.SettingsYaml;
import io.agw.model.config.yaml.StandardAttributesYaml;
import io.agw.model.resource.v1.Bind;
import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.ModelCatalog;
import io.agw.model.resource.v1.PromptGuard;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.StandardAttributes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a whole configuration to resources. Keys: {@code bind/<port>}, {@code
 * listener/<port>/<listener name or index>}, {@code route/<port>/<listener>/<route name or index>},
 * {@code backend/<name>} for top-level backends and {@code
 * backend/<port>/<listener>/<route>/<index>} for inline ones. Output order: top-level backends,
 * then per bind the bind, each listener, then each route's inline backends followed by the route.
 * The {@code ui} block adds its routes and backend ({@link UiMapper}). {@code modelCatalog} and
 * {@code standardAttributes} for the {@code config} block's settings. Pure apart from model catalog
 * files, read by {@link ModelCatalogMapper}. Stateless; each call uses fresh state.
 */
public final class ConfigMapper {

  /** The key of the model catalog's resource (there is at most one). */
  public static final String MODEL_CATALOG_KEY = "modelCatalog";

  /** The key of the standard attributes' resource (there is at most one). */
  public static final String STANDARD_ATTRIBUTES_KEY = "standardAttributes";

  private ConfigMapper() {}

  /**
   * What the {@code policies} blocks accept: the fields of every registered policy kind, for the
   * reader.
   */
  public static PolicyFields policyFields() {
    return PolicyKindRegistry.FIELDS;
  }

  /**
   * Maps {@code config}; problems go to {@code errors}, and the result is only meaningful when none
   * were recorded.
   *
   * @param paths where relative file paths point
   * @param catalogs the sources of {@code config.modelCatalog}, already read, in order
   */
  public static LoadedConfig map(
      LocalConfigYaml config,
      RelativePaths paths,
      List<LoadedCatalogYaml> catalogs,
      ConfigErrors errors) {
    CelCustomFunctions customFunctions = CustomFunctionsMapper.map(config.config(), errors);
    MappingContext ctx = new MappingContext(paths, errors, customFunctions);
    PolicyMapper policies = new PolicyMapper(ctx);
    BackendMapper backends = new BackendMapper(ctx, policies);
    ListenerMapper listeners = new ListenerMapper(ctx, policies);
    RouteMapper routes = new RouteMapper(ctx, policies, backends);
    RouteGroupMapper groups = new RouteGroupMapper(ctx, routes);
    backends.routeGroups(groups.keys(config.routeGroups()));

    List<Resource> out = new ArrayList<>(backends.named(config.backends()));
    Map<Integer, String> pathByPort = new HashMap<>();
    GatewayRefs gateways = new GatewayRefs();
    String gateway =
        config.config() != null && config.config().gateway() != null
            ? config.config().gateway()
            : GatewayRefs.DEFAULT_GATEWAY;
    for (int i = 0; i < list(config.binds()).size(); i++) {
      String path = "binds[" + i + "]";
      BindYaml bind = config.binds().get(i);
      if (bind == null) {
        ctx.error(path, "must not be empty");
        continue;
      }
      int port = port(ctx, path, bind, pathByPort);
      String bindKey = "bind/" + port;
      out.add(
          Resource.newBuilder()
              .setKey(bindKey)
              .setBind(Bind.newBuilder().setKey(bindKey).setPort(port))
              .build());
      Map<String, String> pathByListener = new HashMap<>();
      for (int l = 0; l < list(bind.listeners()).size(); l++) {
        String listenerPath = path + ".listeners[" + l + "]";
        ListenerYaml listener = bind.listeners().get(l);
        if (listener == null) {
          ctx.error(listenerPath, "must not be empty");
          continue;
        }
        String segment =
            port + "/" + unique(ctx, listenerPath, "listener", listener.name(), l, pathByListener);
        String listenerKey = "listener/" + segment;
        Listener mapped = listeners.listener(listenerPath, listener, listenerKey, bindKey);
        out.add(Resource.newBuilder().setKey(listenerKey).setListener(mapped).build());
        gateways.add(
            gateway,
            listener.name() == null ? String.valueOf(l) : listener.name(),
            listenerKey,
            mapped.getProtocol() == Listener.Protocol.HTTP
                || mapped.getProtocol() == Listener.Protocol.HTTPS);
        Map<String, String> pathByRoute = new HashMap<>();
        for (int r = 0; r < list(listener.routes()).size(); r++) {
          String routePath = listenerPath + ".routes[" + r + "]";
          RouteYaml route = listener.routes().get(r);
          if (route == null) {
            ctx.error(routePath, "must not be empty");
            continue;
          }
          String routeSegment = unique(ctx, routePath, "route", route.name(), r, pathByRoute);
          out.add(routes.route(routePath, route, segment + "/" + routeSegment, listenerKey, out));
        }
      }
    }
    out.addAll(groups.map(config.routeGroups()));
    if (config.llm() != null) {
      out.addAll(
          new LlmMapper(ctx, backends.ai(), policies).map(config.llm(), pathByPort.keySet()));
    }
    if (config.mcp() != null) {
      Set<Integer> used = new HashSet<>(pathByPort.keySet());
      if (config.llm() != null && config.llm().port() != null) {
        used.add(config.llm().port());
      }
      out.addAll(new McpShorthandMapper(ctx, backends.mcp(), policies).map(config.mcp(), used));
    }
    if (config.ui() != null) {
      out.addAll(new UiMapper(ctx, policies, errors).map(config.ui(), gateways));
    }
    if (config.config() != null) {
      out.addAll(settingsResources(ctx, config.config(), catalogs, errors));
    }
    out.addAll(
        TelemetryMapper.map(ctx, config.config(), config.frontendPolicies(), config.backends()));
    checkUniqueKeys(ctx, out);
    out = new FrontendPolicyMapper(ctx).attach(config.frontendPolicies(), out);
    return new LoadedConfig(out, settings(ctx, config, customFunctions));
  }

  private static int port(
      MappingContext ctx, String path, BindYaml bind, Map<Integer, String> pathByPort) {
    if (bind.port() == null) {
      ctx.error(path + ".port", "required field is missing; a bind needs a port from 1 to 65535");
      return 0;
    }
    if (bind.port() < 1 || bind.port() > 65535) {
      ctx.error(path + ".port", "a port is from 1 to 65535, not " + bind.port());
      return 0;
    }
    String earlier = pathByPort.putIfAbsent(bind.port(), path);
    if (earlier != null) {
      ctx.error(path + ".port", "duplicate port " + bind.port() + " (also " + earlier + ")");
    }
    return bind.port();
  }

  /** The key segment of a listener or route: its name, or its index when it has none. */
  private static String unique(
      MappingContext ctx,
      String path,
      String kind,
      String name,
      int index,
      Map<String, String> pathByName) {
    String segment = name == null ? String.valueOf(index) : name;
    String earlier = pathByName.putIfAbsent(segment, path);
    if (earlier != null) {
      ctx.error(
          name == null ? path : path + ".name",
          "duplicate " + kind + " name '" + segment + "' (also " + earlier + ")");
    }
    return segment;
  }

  private static void checkUniqueKeys(MappingContext ctx, List<Resource> resources) {
    if (!ctx.hasErrorsAt("")) {
      Map<String, Boolean> seen = new HashMap<>();
      for (Resource r : resources) {
        if (seen.put(r.getKey(), true) != null) {
          ctx.error("", "two resources would have the key '" + r.getKey() + "'; rename one");
        }
      }
    }
  }

  /**
   * The resources of the {@code config} block: the model catalog ({@code modelCatalog}) and the
   * standard attributes ({@code standardAttributes}), each only when set.
   */
  private static List<Resource> settingsResources(
      MappingContext ctx,
      SettingsYaml settings,
      List<LoadedCatalogYaml> catalogs,
      ConfigErrors errors) {
    List<Resource> out = new ArrayList<>();
    if (settings.modelCatalog() != null) {
      ModelCatalog catalog = ModelCatalogMapper.map(catalogs, errors);
      out.add(Resource.newBuilder().setKey(MODEL_CATALOG_KEY).setModelCatalog(catalog).build());
    }
    StandardAttributesYaml attributes = settings.standardAttributes();
    if (attributes != null && (attributes.user() != null || attributes.group() != null)) {
      StandardAttributes.Builder b = StandardAttributes.newBuilder();
      if (attributes.user() != null) {
        ctx.checkCel("config.standardAttributes.user", attributes.user());
        b.setUser(attributes.user());
      }
      if (attributes.group() != null) {
        ctx.checkCel("config.standardAttributes.group", attributes.group());
        b.setGroup(attributes.group());
      }
      out.add(
          Resource.newBuilder().setKey(STANDARD_ATTRIBUTES_KEY).setStandardAttributes(b).build());
    }
    return out;
  }

  private static GatewaySettings settings(
      MappingContext ctx, LocalConfigYaml config, CelCustomFunctions customFunctions) {
    SettingsYaml settings = config.config();
    GatewaySettings.Database database = null;
    GatewaySettings.Database logDatabase = null;
    if (settings != null) {
      database = database(ctx, "config.database", settings.database());
      if (settings.logging() != null) {
        logDatabase = database(ctx, "config.logging.database", settings.logging().database());
      }
    }
    return new GatewaySettings(
        settings == null ? null : settings.gateway(),
        settings == null ? null : settings.namespace(),
        database,
        logDatabase,
        llmLogging(ctx, config.frontendPolicies()),
        storage(ctx, settings, database),
        customFunctions,
        sessionKey(ctx, settings),
        new ProcessSettingsMapper(ctx).map(settings));
  }

  private static GatewaySettings.SessionKey sessionKey(MappingContext ctx, SettingsYaml settings) {
    if (settings == null || settings.session() == null) {
      return null;
    }
    String key = settings.session().key() == null ? "" : settings.session().key().strip();
    if (!key.matches("[0-9a-fA-F]{64}")) {
      // The key itself is never echoed.
      ctx.error(
          "config.session.key",
          "must be 64 hexadecimal digits (32 bytes, e.g. from `openssl rand -hex 32`)");
      return null;
    }
    return new GatewaySettings.SessionKey(key);
  }

  private static GatewaySettings.StorageMode storage(
      MappingContext ctx, SettingsYaml settings, GatewaySettings.Database database) {
    String mode = settings == null || settings.storage() == null ? null : settings.storage().mode();
    if (mode == null || mode.equals("file")) {
      return GatewaySettings.StorageMode.FILE;
    }
    if (mode.equals("readOnly")) {
      return GatewaySettings.StorageMode.READ_ONLY;
    }
    if (mode.equals("hybrid")) {
      if (database == null) {
        ctx.error(
            "config.storage.mode",
            "'hybrid' keeps the configuration overlay in the primary database: set"
                + " config.database (a postgres:// URL or a SQLite path), or use 'file'");
      }
      return GatewaySettings.StorageMode.HYBRID;
    }
    ctx.error("config.storage.mode", "must be 'file', 'hybrid' or 'readOnly', not '" + mode + "'");
    return GatewaySettings.StorageMode.FILE;
  }

  private static GatewaySettings.Database database(
      MappingContext ctx, String path, DatabaseYaml database) {
    if (database == null) {
      return null;
    }
    if (database.url() == null || database.url().isBlank()) {
      ctx.error(path + ".url", "required field is missing; a postgres:// URL or a SQLite path");
    }
    if (database.maxConnections() != null && database.maxConnections() < 1) {
      ctx.error(path + ".maxConnections", "must be at least 1");
    }
    return new GatewaySettings.Database(database.url(), database.maxConnections());
  }

  private static GatewaySettings.DatabaseLlmMode llmLogging(
      MappingContext ctx, FrontendPoliciesYaml frontend) {
    String llm =
        frontend == null
                || frontend.accessLogPolicy() == null
                || frontend.accessLogPolicy().database() == null
            ? null
            : frontend.accessLogPolicy().database().llm();
    if (llm == null || llm.equals("metadata")) {
      return GatewaySettings.DatabaseLlmMode.METADATA;
    }
    if (llm.equals("full")) {
      return GatewaySettings.DatabaseLlmMode.FULL;
    }
    ctx.error(
        "frontendPolicies.accessLog.database.llm",
        "must be 'metadata' or 'full', not '" + llm + "'");
    return GatewaySettings.DatabaseLlmMode.METADATA;
  }

  /**
   * Maps agentgateway's {@code PromptGuard} written outside a file (the control plane's resources)
   * exactly as {@code ai.promptGuard} in a file, with the same checks; problems go to {@code
   * errors} under {@code path}.
   */
  public static PromptGuard promptGuard(String path, PromptGuardYaml yaml, ConfigErrors errors) {
    return new PromptGuardMapper(
            new MappingContext(RelativePaths.workingDirectoryOnly(Path.of("")), errors))
        .promptGuard(path, yaml);
  }

  /**
   * Maps only the process settings of a file's {@code config} block ({@code settings} may be null);
   * problems go to {@code errors}.
   */
  public static ProcessSettings processSettings(SettingsYaml settings, ConfigErrors errors) {
    return new ProcessSettingsMapper(
            new MappingContext(RelativePaths.workingDirectoryOnly(Path.of("")), errors))
        .map(settings);
  }
}
