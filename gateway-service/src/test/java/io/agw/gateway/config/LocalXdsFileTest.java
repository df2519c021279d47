package io.agw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.config.ConfigEnvironment;
import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.read.VariableExpansion.Expanded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which file the resources are read from with {@code config.localXdsPath} and {@code
 * LOCAL_XDS_PATH} (the environment's value is passed in), on real files, and the expansion of the
 * named file's variables.
 */
class LocalXdsFileTest {

  @TempDir Path dir;

  private static final ConfigEnvironment NO_VARIABLES = ConfigEnvironment.of(Map.of());

  private static final String MAIN = "config:\n  localXdsPath: a.yaml\n";

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static String bind(int port) {
    return "binds:\n  - port: " + port + "\n";
  }

  @Test
  void theEnvironmentWinsOverTheFile() throws Exception {
    Path config = write("config.yaml", MAIN);
    write("a.yaml", bind(18101));
    write("b.yaml", bind(18102));

    String fromFile = LocalXdsFile.effective(config, Expanded.literal(MAIN), NO_VARIABLES).text();
    String fromEnv =
        LocalXdsFile.effective(
                config,
                Expanded.literal(MAIN),
                ConfigEnvironment.of(Map.of(LocalXdsFile.ENV, "b.yaml")))
            .text();

    assertThat(ConfigLoader.load(fromFile, dir).resources())
        .anySatisfy(r -> assertThat(r.getKey()).isEqualTo("bind/18101"));
    assertThat(ConfigLoader.load(fromEnv, dir).resources())
        .anySatisfy(r -> assertThat(r.getKey()).isEqualTo("bind/18102"))
        .noneSatisfy(r -> assertThat(r.getKey()).isEqualTo("bind/18101"));
  }

  @Test
  void sectionsInTheWrongFileAreRefusedNotIgnored() throws Exception {
    String main = MAIN + bind(18103);
    Path config = write("config.yaml", main);
    Path named = write("a.yaml", "config:\n  adminAddr: off\n" + bind(18104));

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> LocalXdsFile.effective(config, Expanded.literal(main), NO_VARIABLES));

    assertThat(e.errors())
        .extracting(ConfigError::toString)
        .containsExactly(
            "config: in "
                + named
                + ": the file named by config.localXdsPath holds resources only; put the config"
                + " block in the --config file",
            "binds: not read: config.localXdsPath names the file the resources come from ("
                + named
                + "); move it there");
  }

  @Test
  void withoutAPathTheFileIsItsOwnResources() throws Exception {
    String yaml = bind(18105);
    Path config = write("config.yaml", yaml);

    assertThat(LocalXdsFile.effective(config, Expanded.literal(yaml), NO_VARIABLES).text())
        .isSameAs(yaml);
    assertThat(LocalXdsFile.snapshot(config, yaml, NO_VARIABLES)).isEmpty();
  }

  @Test
  void theNamedFileIsExpandedAndItsPathMayComeFromAVariable() throws Exception {
    String main = "config:\n  localXdsPath: ${XDS_FILE}\n";
    Path config = write("config.yaml", main);
    write("c.yaml", "binds:\n  - port: $PORT\n");
    ConfigEnvironment env = ConfigEnvironment.of(Map.of("XDS_FILE", "c.yaml", "PORT", "18106"));

    Expanded document = LocalXdsFile.effective(config, ConfigLoader.expand(null, main, env), env);

    assertThat(ConfigLoader.load(document.text(), dir).resources())
        .anySatisfy(r -> assertThat(r.getKey()).isEqualTo("bind/18106"));
    assertThat(document.values())
        .containsEntry("XDS_FILE", "c.yaml")
        .containsEntry("PORT", "18106");
    assertThat(LocalXdsFile.snapshot(config, main, env)).isNotEmpty();
  }

  @Test
  void anUnsetVariableOfTheNamedFileIsReportedWithThatFilesName() throws Exception {
    Path config = write("config.yaml", MAIN);
    Path named = write("a.yaml", "# resources\nbinds:\n  - port: $MISSING_PORT\n");

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> LocalXdsFile.effective(config, Expanded.literal(MAIN), NO_VARIABLES));

    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).toString())
        .startsWith(named + " line 3: the environment variable MISSING_PORT is not set");
  }
}
