package io.agw.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --validate-only} as the command line runs it: exit status and output for a valid file
 * (also with {@code --print-config}), an invalid one and none, with nothing started (the usage
 * store's SQLite file is never created).
 */
class ValidateOnlyIntegrationTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    String[] all = new String[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    // Where the usage store would be, if anything opened it.
    all[args.length] = "--agw.database.url=sqlite:" + dir.resolve("usage.db");
    return ValidateOnly.run(
        CommandLine.normalize(all),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aValidFileExitsZeroAndPrintsItsResourcesWithSecretsRedacted() throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(
        file,
        """
        gateways:
          default:
            port: 18080
        llm:
          providers:
            - name: openai
              provider: openAI
              params:
                apiKey: sk-never-printed
          models:
            - name: gpt-4o-mini
              provider:
                reference: openai
        routes:
          - name: api
            backends:
              - host: 127.0.0.1:9
        """);

    assertThat(run(ValidateOnly.FLAG, "--config", file.toString())).isEqualTo(0);
    assertThat(out()).startsWith(file + ": valid (");
    assertThat(err()).isEmpty();

    out.reset();
    assertThat(run(ValidateOnly.FLAG, ValidateOnly.PRINT_CONFIG, "--config", file.toString()))
        .isEqualTo(0);
    assertThat(out())
        .contains(
            "\"bind/18080\"",
            "\"listener/18080/default\"",
            "\"route/18080/default/api\"",
            "\"route/18080/default/models\"",
            "<redacted>")
        .doesNotContain("sk-never-printed");
    assertThat(dir.resolve("usage.db")).doesNotExist();
  }

  @Test
  void anInvalidFileExitsOneWithEveryProblemByPath() throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(
        file,
        """
        gateways:
          web:
            port: 18081
        routes:
          - gateways: nowhere
          - gateways: web
            policies:
              authorization:
                rules: ['request.path.startsWith(']
            backends:
              - host: 127.0.0.1:9
        """);

    assertThat(run(ValidateOnly.FLAG, "--config", file.toString())).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err())
        .contains(file + ": 2 problem(s):")
        .contains("  routes[0].gateways: unknown gateway 'nowhere'")
        .contains("  routes[1].policies.authorization.rules[0]")
        .contains("invalid CEL expression");
    assertThat(dir.resolve("usage.db")).doesNotExist();
  }

  @Test
  void expressionsMayCallTheFilesCustomFunctions() throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(
        file,
        """
        config:
          customFunctions: |
            isInternal() { request.headers["x-env"] == "internal" }
            this.tagged(prefix) { prefix + this }
        binds:
          - port: 18082
            listeners:
              - routes:
                  - policies:
                      authorization:
                        rules: ['isInternal()']
                      transformations:
                        request:
                          set: {x-tag: 'request.path.tagged("path:")'}
                    backends:
                      - host: 127.0.0.1:9
        """);

    assertThat(run(ValidateOnly.FLAG, "--config", file.toString())).as(err()).isEqualTo(0);
    assertThat(out()).startsWith(file + ": valid (");
  }

  @Test
  void theFileNamedByLocalXdsPathIsCheckedToo() throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, "config:\n  localXdsPath: resources.yaml\n");
    Path resources = dir.resolve("resources.yaml");
    Files.writeString(
        resources,
        """
        binds:
          - port: 18083
            listeners:
              - routes:
                  - backends:
                      - backend: nowhere
        """);

    assertThat(run(ValidateOnly.FLAG, "--config", file.toString())).isEqualTo(1);
    assertThat(err())
        .contains("binds[0].listeners[0].routes[0].backends[0].backend: unknown backend 'nowhere'");

    err.reset();
    Files.writeString(resources, "binds:\n  - port: 18083\n");
    assertThat(run(ValidateOnly.FLAG, ValidateOnly.PRINT_CONFIG, "--config", file.toString()))
        .as(err())
        .isEqualTo(0);
    assertThat(out()).contains("\"bind/18083\"");

    Files.delete(resources);
    assertThat(run(ValidateOnly.FLAG, "--config", file.toString())).isEqualTo(1);
    assertThat(err()).contains("config.localXdsPath: cannot read " + resources + ": no such file");
  }

  @Test
  void withoutAFileItSaysSo() {
    assertThat(ValidateOnly.run(new String[] {ValidateOnly.FLAG}, System.out, new PrintStream(err)))
        .isEqualTo(2);
    assertThat(err()).contains("--validate-only needs a configuration file");
  }
}
