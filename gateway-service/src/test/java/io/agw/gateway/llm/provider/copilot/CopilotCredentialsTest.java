package io.agw.gateway.llm.provider.copilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.llm.provider.OutboundRequest;
import io.agw.gateway.llm.sim.CopilotSimulator;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

class CopilotCredentialsTest {

  private static final CopilotSimulator COPILOT = CopilotSimulator.start("ghu_right", 1800);

  @AfterAll
  static void stop() {
    COPILOT.close();
  }

  private static OutboundRequest request() {
    return new OutboundRequest(
        HttpMethod.POST, URI.create("http://copilot/chat/completions"), new HttpHeaders(), null);
  }

  @Test
  void concurrentRequestsShareOneExchangeAndGetTheHeaders() {
    CopilotCredentials credentials = new CopilotCredentials("ghu_right", COPILOT.tokenUrl());
    int before = COPILOT.exchanges();
    OutboundRequest a = request();
    OutboundRequest b = request();
    Mono.when(credentials.apply(a), credentials.apply(b)).block(Duration.ofSeconds(10));
    credentials.apply(request()).block(Duration.ofSeconds(10));

    assertThat(COPILOT.exchanges() - before).isEqualTo(1);
    assertThat(a.headers().getFirst(HttpHeaders.AUTHORIZATION)).startsWith("Bearer tid=session-");
    assertThat(b.headers().getFirst(HttpHeaders.AUTHORIZATION))
        .isEqualTo(a.headers().getFirst(HttpHeaders.AUTHORIZATION));
    assertThat(a.headers().getFirst("Copilot-Integration-Id")).isEqualTo("vscode-chat");
    assertThat(a.headers().getFirst("Editor-Version")).startsWith("vscode/");
    assertThat(COPILOT.last().headers().get("authorization")).isEqualTo("token ghu_right");
  }

  @Test
  void aRefusedExchangeFailsTheRequestAndIsNotCached() {
    CopilotCredentials credentials = new CopilotCredentials("ghu_wrong", COPILOT.tokenUrl());
    int before = COPILOT.received().size();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> credentials.apply(request()).block(Duration.ofSeconds(10)))
          .hasMessageContaining("HTTP 401")
          .hasMessageNotContaining("ghu_wrong");
    }
    assertThat(COPILOT.received().size() - before).isEqualTo(2);
  }
}
