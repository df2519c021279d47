package io.agw.gateway.config;

import io.agw.gateway.support.GatewayConfigFile;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway of {@link LayoutFixture} started from {@code gateway/layout-binds.yaml}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BindsLayoutIntegrationTest extends LayoutTraffic {

  private static final LayoutFixture FIXTURE = new LayoutFixture();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws IOException {
    GatewayConfigFile.register(registry, FIXTURE.config(LayoutFixture.BINDS));
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
