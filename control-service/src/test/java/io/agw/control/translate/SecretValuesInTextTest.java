package io.agw.control.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.control.xds.Snapshot;
import io.agw.control.xds.VersionedResource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Secret values reach the resources sent to gateways and nothing else: not the text forms of the
 * types that carry them (which a log line or an exception could print), not a status message.
 */
class SecretValuesInTextTest {

  static final String OPENAI_KEY = "sk-test-openai";
  static final String ANTHROPIC_KEY = "sk-ant-test";
  static final String PRIVATE_KEY_LINE = "-----BEGIN PRIVATE KEY-----";

  @Test
  void aiKeysReachTheResourcesAndNoTextForm() throws Exception {
    check("ai-backends-and-secrets.yaml", "backend/ai/agw/openai", OPENAI_KEY, ANTHROPIC_KEY);
  }

  @Test
  void privateKeysReachTheResourcesAndNoTextForm() throws Exception {
    check("tls-listeners.yaml", "listener/infra/edge/shop", PRIVATE_KEY_LINE);
  }

  /**
   * API keys from Secrets travel as SHA-256 hashes only: no raw key of {@code api-key-sources.yaml}
   * is in the resources, in a text form or in a status message (bad entries included).
   */
  @Test
  void apiKeysFromSecretsTravelAsHashesOnly() throws Exception {
    String text = Files.readString(Path.of("src/test/resources/translate/api-key-sources.yaml"));
    Translation t =
        new Translator()
            .translate(
                TranslatorGoldenTest.view(
                    text.substring(0, text.indexOf(TranslatorGoldenTest.MARK))));
    StringBuilder out = new StringBuilder();
    out.append(t.policies());
    t.gateways()
        .values()
        .forEach(
            g -> {
              out.append(g);
              g.resources().forEach(out::append);
              g.resources().stream().map(VersionedResource::of).forEach(out::append);
            });
    assertThat(out.toString())
        // k-plain's SHA-256: the raw key went as its hash.
        .contains("8855bec31dd1b0583e95f9456d591866e8615357c23e35932fd7759d8ddedada")
        .doesNotContain(
            "k-plain",
            "k-sales",
            "k-alice",
            "k-shared",
            "k-bob",
            "k-good",
            "k-secret-not-json",
            "k-both",
            "k-list",
            "k-raw-in-configmap",
            "k-json-in-configmap");
  }

  static void check(String file, String key, String... secrets) throws Exception {
    String text = Files.readString(Path.of("src/test/resources/translate", file));
    ClusterView view =
        TranslatorGoldenTest.view(text.substring(0, text.indexOf(TranslatorGoldenTest.MARK)));
    Translation t = new Translator().translate(view);

    String sent =
        t.gateways().values().stream()
            .flatMap(g -> g.resources().stream())
            .map(Object::toString)
            .reduce("", String::concat);
    assertThat(sent).contains(secrets);

    StringBuilder out = new StringBuilder();
    out.append(view).append(t.routes()).append(t.backends()).append(t.policies());
    out.append(t.gatewayClasses());
    t.gateways()
        .values()
        .forEach(
            g -> {
              out.append(g);
              Snapshot s = Snapshot.of(1, g.resources());
              out.append(s);
              s.resources().values().forEach(out::append);
              g.resources().stream().map(VersionedResource::of).forEach(out::append);
            });
    assertThat(out.toString()).contains(key).doesNotContain(secrets);
  }
}
