package io.agw.gateway.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Which wins between the file's {@code config} block and the Spring properties set directly. */
class ProcessSettingsEnvironmentTest {

  @Test
  void explicitPropertiesWinOverTheFileAndTheFileOverTheDefaults(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(
        file,
        """
        config:
          adminAddr: 127.0.0.2:16000
          connectionTerminationDeadline: 20s
          mcp:
            sessionTtl: 5m
          backend:
            connectTimeout: 2s
        """);
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "commandLineArgs",
                Map.of("agw.config.file", file.toString(), "server.port", "17000")));
    env.getPropertySources()
        .addLast(
            new MapPropertySource(
                "application.yaml",
                Map.of("server.address", "127.0.0.1", "agw.drain.deadline", "5s")));

    new ProcessSettingsEnvironment().postProcessEnvironment(env, new SpringApplication());

    assertThat(env.getProperty("server.port")).isEqualTo("17000");
    assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.2");
    assertThat(env.getProperty("agw.drain.deadline")).isEqualTo("PT20S");
    assertThat(env.getProperty("agw.mcp.session-idle-timeout")).isEqualTo("PT5M");
    assertThat(
            env.getProperty(ProcessSettingsEnvironment.HTTPCLIENT + "connect-timeout", Long.class))
        .isEqualTo(2000L);
  }
}
