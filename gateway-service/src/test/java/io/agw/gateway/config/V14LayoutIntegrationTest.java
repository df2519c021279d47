package io.agw.gateway.config;

import io.agw.gateway.support.GatewayConfigFile;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway of {@link LayoutFixture} started from {@code gateway/layout-v14.yaml}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V14LayoutIntegrationTest extends LayoutTraffic {

  private static final LayoutFixture FIXTURE = new LayoutFixture();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws IOException {
    GatewayConfigFile.register(registry, FIXTURE.config(LayoutFixture.V14));
  }

  @AfterAll
  static void stopPeers() {
    FIXTURE.echo.close();
    FIXTURE.openAi.close();
  }

  @Override
  LayoutFixture fixture() {
    return FIXTURE;
  }
}
