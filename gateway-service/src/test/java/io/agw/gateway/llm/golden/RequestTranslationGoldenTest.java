package io.agw.gateway.llm.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.registry.ProviderKind;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.model.resource.v1.AiProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every request case {@code requests/<client>/<case>.<provider>.json} (reference corpus and own
 * cases), translated the way the gateway does it: the provider is found from the fixture name
 * through the registry ({@link ProviderKind}), its adapter gives the {@link Translation} for the
 * client's API and the case's model, and the translated body must equal the fixture. A new provider
 * needs fixtures named for its {@code ProviderKind}, not a test class.
 *
 * <p>Fixture names that are not a provider kind are a dialect or a special case covered by the
 * per-dialect tests ({@code gemini-native}, {@code completions} for an OpenAI-dialect upstream).
 */
class RequestTranslationGoldenTest {

  /** Client API of each request folder. */
  private static final Map<String, ClientApi> CLIENTS =
      Map.of(
          "completions", ClientApi.COMPLETIONS,
          "messages", ClientApi.MESSAGES,
          "responses", ClientApi.RESPONSES,
          "embeddings", ClientApi.EMBEDDINGS,
          "count-tokens", ClientApi.COUNT_TOKENS);

  /** Fixture names that are not spelled as their provider kind. */
  private static final Map<String, ProviderKind> ALIASES =
      Map.of("completions", ProviderKind.OPENAI, "vertex-gemini", ProviderKind.VERTEX);

  /** The model the reference pins for its Vertex token-counting cases. */
  private static final Map<String, String> PINNED_MODELS =
      Map.of("count-tokens.vertex", "anthropic/claude-sonnet-4-5");

  record Case(GoldenFiles.Case files, ClientApi api, ProviderKind kind, String pinned) {
    @Override
    public String toString() {
      return files.name();
    }
  }

  static Stream<Case> cases() {
    List<Case> out = new ArrayList<>();
    Path llm = GoldenFiles.llmRoot();
    for (String root : GoldenFiles.ROOTS) {
      for (Map.Entry<String, ClientApi> client : CLIENTS.entrySet()) {
        Path dir = llm.resolve(root + "requests/" + client.getKey());
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (Stream<Path> files = Files.list(dir)) {
          for (Path expected : files.sorted().toList()) {
            String[] parts = expected.getFileName().toString().split("\\.");
            if (parts.length != 3 || !parts[2].equals("json")) {
              continue;
            }
            Optional<ProviderKind> kind = kind(parts[1]);
            Path input = dir.resolve(parts[0] + ".json");
            if (kind.isEmpty() || !Files.exists(input)) {
              continue;
            }
            String name = root + "requests/" + client.getKey() + "/" + expected.getFileName();
            out.add(
                new Case(
                    new GoldenFiles.Case(name, input, expected),
                    client.getValue(),
                    kind.get(),
                    PINNED_MODELS.get(client.getKey() + "." + parts[1])));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out.stream();
  }

  private static Optional<ProviderKind> kind(String fixtureName) {
    if (ALIASES.containsKey(fixtureName)) {
      return Optional.of(ALIASES.get(fixtureName));
    }
    return Stream.of(ProviderKind.values())
        .filter(k -> k.name().toLowerCase(Locale.ROOT).equals(fixtureName))
        .findFirst();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translatesRequestThroughTheProvidersAdapter(Case golden) {
    ObjectNode body = (ObjectNode) GoldenFiles.readTree(golden.files().input());
    if (golden.pinned() != null) {
      body.put("model", golden.pinned());
    }
    String model = body.path("model").asString("");
    Translation translation =
        golden
            .kind()
            .adapter()
            .translation(AiProvider.getDefaultInstance(), golden.api(), model)
            .orElseThrow(() -> new AssertionError("no translation for " + golden));
    JsonNode actual = WireJson.tree(new String(translation.request(body), StandardCharsets.UTF_8));
    // A reference case this gateway deliberately answers differently has our expected output
    // under own/deviations/; the per-dialect tests list why and check that it still differs.
    Path deviation = GoldenFiles.llmRoot().resolve("own/deviations/" + golden.files().name());
    Path expected = Files.exists(deviation) ? deviation : golden.files().expected();
    GoldenFiles.assertJsonMatches(golden.files().name(), GoldenFiles.readTree(expected), actual);
  }

  @Test
  void everyProviderWithFixturesIsFound() {
    assertThat(cases().map(Case::kind).distinct())
        .contains(ProviderKind.ANTHROPIC, ProviderKind.BEDROCK, ProviderKind.VERTEX);
  }
}
