package io.agw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which file the resources are read from with {@code config.localXdsPath} and {@code
 * LOCAL_XDS_PATH} (the environment's value is passed in), on real files.
 */
class LocalXdsFileTest {

  @TempDir Path dir;

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

    String fromFile = LocalXdsFile.effective(config, MAIN, null);
    String fromEnv = LocalXdsFile.effective(config, MAIN, "b.yaml");

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
            ConfigException.class, () -> LocalXdsFile.effective(config, main, null));

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

    assertThat(LocalXdsFile.effective(config, yaml, null)).isSameAs(yaml);
    assertThat(LocalXdsFile.snapshot(config, yaml, null)).isEmpty();
  }
}
