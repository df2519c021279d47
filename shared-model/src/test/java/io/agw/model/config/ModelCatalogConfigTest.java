package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.config.mapping.ConfigMapper;
import io.agw.model.resource.v1.CatalogModel;
import io.agw.model.resource.v1.ModelCatalog;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.StandardAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config.modelCatalog} and {@code config.standardAttributes} as agentgateway defines them:
 * file and inline sources (a string or a mapping) merged in order into one resource.
 */
class ModelCatalogConfigTest {

  @TempDir Path dir;

  @Test
  void sourcesMergeInOrderLaterWinningPerRate() throws Exception {
    Files.writeString(
        dir.resolve("catalog.json"),
        """
        {"providers": {"openai": {"models": {
          "gpt-4o": {"rates": {"input": "2.50", "output": "10", "cacheRead": "1.25"},
                     "tags": ["chat"]},
          "gpt-4o-mini": {"rates": {"input": "0.15", "output": "0.60"}}}}}}
        """);
    LoadedConfig loaded =
        ConfigLoader.load(
            """
            config:
              modelCatalog:
                - file: catalog.json
                - inline: '{"providers": {"openai": {"models": {"gpt-4o": {"rates": {"input": "2"}, "tags": ["vision"]}}}}}'
                - inline:
                    providers:
                      gcp.gemini:
                        models:
                          gemini-2.5-pro:
                            rates: {input: 1.25, output: "10"}
                            tiers:
                              - contextOver: 200000
                                rates: {input: "2.50", output: "15"}
            """,
            dir);

    ModelCatalog catalog = resource(loaded, ConfigMapper.MODEL_CATALOG_KEY).getModelCatalog();

    CatalogModel gpt4o = catalog.getProvidersOrThrow("openai").getModelsOrThrow("gpt-4o");
    assertThat(gpt4o.getRates().getInput()).isEqualTo("2");
    assertThat(gpt4o.getRates().getOutput()).isEqualTo("10");
    assertThat(gpt4o.getRates().getCacheRead()).isEqualTo("1.25");
    assertThat(gpt4o.getTagsList()).containsExactly("chat", "vision");
    assertThat(catalog.getProvidersOrThrow("openai").getModelsMap()).containsKey("gpt-4o-mini");
    CatalogModel pro = catalog.getProvidersOrThrow("gcp.gemini").getModelsOrThrow("gemini-2.5-pro");
    assertThat(pro.getRates().getInput()).isEqualTo("1.25");
    assertThat(pro.getTiers(0).getContextOver()).isEqualTo(200000);
    assertThat(pro.getTiers(0).getRates().getInput()).isEqualTo("2.50");
  }

  @Test
  void standardAttributesAreCarriedAsWritten() throws Exception {
    LoadedConfig loaded =
        ConfigLoader.load(
            """
            config:
              standardAttributes:
                user: jwt.sub
                group: 'jwt.groups[0]'
            """,
            dir);

    StandardAttributes attributes =
        resource(loaded, ConfigMapper.STANDARD_ATTRIBUTES_KEY).getStandardAttributes();
    assertThat(attributes.getUser()).isEqualTo("jwt.sub");
    assertThat(attributes.getGroup()).isEqualTo("jwt.groups[0]");
  }

  @Test
  void aConfigWithoutThemHasNeither() throws Exception {
    LoadedConfig loaded = ConfigLoader.load("config:\n  gateway: gw\n", dir);

    assertThat(loaded.resources()).isEmpty();
  }

  private static Resource resource(LoadedConfig loaded, String key) {
    return loaded.resources().stream()
        .filter(r -> r.getKey().equals(key))
        .findFirst()
        .orElseThrow();
  }
}
