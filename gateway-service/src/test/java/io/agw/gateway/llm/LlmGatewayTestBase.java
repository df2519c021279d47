package io.agw.gateway.llm;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.sim.ResettingUpstream;
import io.agw.gateway.support.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway with {@code gateway/llm.yaml}: AI routes in front of an OpenAI and an Anthropic
 * simulator, an Azure route, a route to a dead port, and the {@code llm} shorthand on a second
 * port, two routes to a provider that resets its streams. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public abstract class LlmGatewayTestBase {

  protected static final ProviderSimulator OPENAI =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  protected static final ProviderSimulator ANTHROPIC =
      ProviderSimulator.start(ProviderSimulator.Kind.ANTHROPIC);
  protected static final ResettingUpstream RESET = ResettingUpstream.start();
  protected static final int PORT = FreePorts.next();
  protected static final int LLM_PORT = FreePorts.next();
  protected static final int DEAD_PORT = FreePorts.closed();
  protected static final String ANTHROPIC_KEY = "sk-ant-gateway-file-secret";

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("agw-llm");
    Path keyFile = dir.resolve("anthropic.key");
    Files.writeString(keyFile, ANTHROPIC_KEY + "\n");
    String yaml =
        new String(
                LlmGatewayTestBase.class.getResourceAsStream("/gateway/llm.yaml").readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${LLM_PORT}", Integer.toString(LLM_PORT))
            .replace("${OPENAI}", OPENAI.hostPort())
            .replace("${ANTHROPIC}", ANTHROPIC.hostPort())
            .replace("${RESET}", RESET.hostPort())
            .replace("${DEAD}", "127.0.0.1:" + DEAD_PORT)
            .replace("${KEY_FILE}", keyFile.toString());
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  protected final WebTestClient gateway = client(PORT);
  protected final WebTestClient shorthand = client(LLM_PORT);

  protected static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(20))
        .build();
  }

  @BeforeEach
  void clearSimulators() {
    OPENAI.clear();
    ANTHROPIC.clear();
  }
}
