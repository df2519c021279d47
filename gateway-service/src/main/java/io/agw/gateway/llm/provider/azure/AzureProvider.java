package io.agw.gateway.llm.provider.azure;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.ProviderAdapter;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.provider.openai.OpenAiTranslations;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AzureOpenAiProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * Azure OpenAI: the OpenAI dialect on {@code <resource>.openai.azure.com} (or {@code
 * <resource>.services.ai.azure.com} for Foundry and AI Services), the key in {@code api-key}.
 * Paths: with no API version or {@code v1}, the v1 API ({@code /openai/v1/...}, the model in the
 * body); with a dated API version, the deployment API ({@code
 * /openai/deployments/<deployment>/...?api-version=<version>}); Foundry projects use {@code
 * /api/projects/<project>/openai/v1/...}.
 */
public final class AzureProvider implements ProviderAdapter {

  @Override
  public Dialect dialect() {
    return Dialect.OPENAI;
  }

  @Override
  public String telemetryName() {
    return "azure.ai.openai";
  }

  @Override
  public String defaultAuthority(AiProvider config) {
    AzureOpenAiProvider azure = config.getAzure();
    String suffix =
        azure.getResourceType() == AzureOpenAiProvider.ResourceType.OPEN_AI
            ? ".openai.azure.com"
            : ".services.ai.azure.com";
    return azure.getResourceName() + suffix + ":443";
  }

  @Override
  public String defaultPrefix(AiProvider config, String model) {
    AzureOpenAiProvider azure = config.getAzure();
    if (azure.getResourceType() == AzureOpenAiProvider.ResourceType.FOUNDRY) {
      return "/api/projects/" + encode(azure.getProjectName()) + "/openai/v1";
    }
    if (usesV1(azure)) {
      return "/openai/v1";
    }
    return "/openai/deployments/" + encode(model);
  }

  @Override
  public String query(AiProvider config) {
    AzureOpenAiProvider azure = config.getAzure();
    return usesV1(azure) || azure.getResourceType() == AzureOpenAiProvider.ResourceType.FOUNDRY
        ? ""
        : "api-version=" + encode(azure.getApiVersion());
  }

  @Override
  public void authenticate(HttpHeaders headers, String key) {
    headers.set("api-key", key);
  }

  private static boolean usesV1(AzureOpenAiProvider azure) {
    return azure.getApiVersion().isEmpty() || azure.getApiVersion().equals("v1");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public Optional<Translation> translation(AiProvider config, ClientApi api, String model) {
    return OpenAiTranslations.of(api);
  }
}
