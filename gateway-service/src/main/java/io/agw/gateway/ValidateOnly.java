package io.agw.gateway;

import io.agw.gateway.admin.ConfigDumpEndpoint;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.config.ConfigValidator;
import io.agw.gateway.state.GatewayStateFactory;
import io.agw.model.config.ConfigEnvironment;
import io.agw.model.resource.v1.Resource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.LifecycleProcessor;
import org.springframework.context.support.AbstractApplicationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --validate-only}: checks the configuration file the way a reload would apply it ({@link
 * ConfigValidator}) and exits, 0 when it is valid and 1 with every problem printed when it is not.
 * The beans the gateway state factory needs are created, lazily (so every policy kind and backend
 * kind is the one that would serve, and no other bean costs time), but nothing is started: the
 * context gets a lifecycle processor that starts nothing, so no port is bound, no database opened,
 * no control-plane stream or upstream connection made.
 *
 * <p>An instance holds that context until {@link #close()}; {@link #validate} may be called for
 * several files (the examples test does).
 */
public final class ValidateOnly implements AutoCloseable {

  /** The flag. */
  public static final String FLAG = "--validate-only";

  /**
   * With {@link #FLAG}: also print the resources a valid file loads to (the configuration dump's
   * {@code resources}, secrets redacted), as JSON on standard output.
   */
  public static final String PRINT_CONFIG = "--print-config";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ConfigurableApplicationContext context;
  private final ConfigValidator validator;

  private ValidateOnly(ConfigurableApplicationContext context) {
    this.context = context;
    this.validator =
        new ConfigValidator(
            context.getBean(GatewayStateFactory.class), context.getBean(CelEnvironment.class));
  }

  /**
   * Creates the gateway's beans without starting any of them.
   *
   * @param args the gateway's own arguments, already normalized (Spring properties)
   */
  public static ValidateOnly open(String... args) {
    SpringApplication app = new SpringApplication(GatewayApplication.class);
    app.setBannerMode(Banner.Mode.OFF);
    app.setLogStartupInfo(false);
    app.setRegisterShutdownHook(false);
    // Only the state factory and what it needs are created: the check builds a state and nothing
    // else (measured on an empty file: 24 s of CPU with every bean, 17 s lazily).
    app.setLazyInitialization(true);
    app.setDefaultProperties(Map.of("logging.level.root", "WARN"));
    app.addInitializers(
        ctx ->
            ctx.getBeanFactory()
                .registerSingleton(
                    AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME, new StartsNothing()));
    return new ValidateOnly(app.run(args));
  }

  /** The problems of {@code file}, empty when it is valid. */
  public List<String> validate(Path file) {
    return validator.validate(file);
  }

  /**
   * The problems of {@code file} read in {@code env} (its variables and working directory) instead
   * of this process's, empty when it is valid.
   */
  public List<String> validate(Path file, ConfigEnvironment env) {
    return validator.validate(file, env);
  }

  /** The problems of {@code file} and the resources it loads to. */
  public ConfigValidator.Result check(Path file) {
    return validator.check(file);
  }

  /**
   * Runs the flag: validates the file named by {@code --config} and prints the outcome.
   *
   * @param args the normalized arguments, including the flag
   * @return the exit status: 0 valid, 1 invalid, 2 no file given
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String file = null;
    for (String arg : args) {
      if (arg.startsWith("--" + CommandLine.CONFIG_PROPERTY + "=")) {
        file = arg.substring(CommandLine.CONFIG_PROPERTY.length() + 3);
      }
    }
    if (file == null || file.isBlank()) {
      file = System.getenv("AGW_CONFIG");
    }
    if (file == null || file.isBlank()) {
      err.println(FLAG + " needs a configuration file: --config FILE");
      return 2;
    }
    boolean print = Arrays.asList(args).contains(PRINT_CONFIG);
    long started = System.nanoTime();
    ConfigValidator.Result result;
    try (ValidateOnly validation = open(withoutFlags(args))) {
      result = validation.check(Path.of(file));
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    List<String> problems = result.problems();
    if (problems.isEmpty()) {
      if (print) {
        out.println(dump(result.resources()));
      } else {
        out.println(file + ": valid (" + millis + " ms)");
      }
      return 0;
    }
    err.println(file + ": " + problems.size() + " problem(s):");
    problems.forEach(p -> err.println("  " + p));
    return 1;
  }

  private static String[] withoutFlags(String[] args) {
    return Arrays.stream(args)
        .filter(a -> !a.equals(FLAG) && !a.equals(PRINT_CONFIG))
        .toArray(String[]::new);
  }

  /** {@code {"resources": [...]}}, sorted by key as {@code /actuator/configdump} shows them. */
  static String dump(List<Resource> resources) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("resources");
    resources.stream()
        .sorted(Comparator.comparing(Resource::getKey))
        .forEach(r -> list.add(ConfigDumpEndpoint.toJson(r)));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  @Override
  public void close() {
    context.close();
  }

  /** Starts no bean: the web server, the config source, the usage store all stay unstarted. */
  private static final class StartsNothing implements LifecycleProcessor {

    @Override
    public void onRefresh() {}

    @Override
    public void onClose() {}

    @Override
    public void start() {}

    @Override
    public void stop() {}

    @Override
    public boolean isRunning() {
      return false;
    }
  }
}
