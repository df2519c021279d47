package io.agw.gateway.llm.provider.copilot;

import io.agw.gateway.llm.provider.OutboundRequest;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.gateway.llm.wire.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * GitHub Copilot's credentials: the configured GitHub token is exchanged at {@code
 * copilot_internal/v2/token} for a Copilot session token, which is cached until shortly before its
 * {@code expires_at} and then exchanged again. Every request carries the session token as a bearer
 * token and the editor headers Copilot requires of its clients.
 *
 * <p>Thread-safe. Concurrent requests share one exchange in flight; the exchange runs on the JDK
 * HTTP client's own threads, never on the event loop. A failed exchange is not cached: the next
 * request tries again. Neither token is ever logged.
 */
public final class CopilotCredentials implements UpstreamCredentials {

  /** GitHub's token exchange endpoint. */
  public static final String DEFAULT_TOKEN_URL = "https://api.github.com/copilot_internal/v2/token";

  /** Session tokens are renewed this long before they expire, so none expires in flight. */
  static final Duration EARLY_REFRESH = Duration.ofMinutes(2);

  static final String EDITOR_VERSION = "vscode/1.99.3";
  static final String PLUGIN_VERSION = "copilot-chat/0.26.7";
  static final String INTEGRATION_ID = "vscode-chat";
  static final String USER_AGENT = "GitHubCopilotChat/0.26.7";

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final String githubToken;
  private final URI tokenUrl;
  private final HttpClient http;
  private final Clock clock;
  private CompletableFuture<SessionToken> current;

  /** A Copilot session token and when it stops being valid. */
  record SessionToken(String token, Instant expiresAt) {}

  public CopilotCredentials(String githubToken, String tokenUrl) {
    this(
        githubToken,
        tokenUrl,
        HttpClient.newBuilder().connectTimeout(TIMEOUT).build(),
        Clock.systemUTC());
  }

  CopilotCredentials(String githubToken, String tokenUrl, HttpClient http, Clock clock) {
    this.githubToken = githubToken;
    this.tokenUrl =
        URI.create(tokenUrl == null || tokenUrl.isEmpty() ? DEFAULT_TOKEN_URL : tokenUrl);
    this.http = http;
    this.clock = clock;
  }

  @Override
  public Mono<Void> apply(OutboundRequest request) {
    return Mono.fromFuture(session(), true)
        .doOnNext(
            token -> {
              HttpHeaders h = request.headers();
              h.setBearerAuth(token.token());
              h.set("Editor-Version", EDITOR_VERSION);
              h.set("Editor-Plugin-Version", PLUGIN_VERSION);
              h.set("Copilot-Integration-Id", INTEGRATION_ID);
              h.set("Openai-Intent", "conversation-panel");
              h.set(HttpHeaders.USER_AGENT, USER_AGENT);
            })
        .then();
  }

  /** The cached session token, or the exchange in flight, or a new exchange. */
  private synchronized CompletableFuture<SessionToken> session() {
    CompletableFuture<SessionToken> f = current;
    if (f != null) {
      if (!f.isDone()) {
        return f;
      }
      if (!f.isCompletedExceptionally()
          && f.join().expiresAt().minus(EARLY_REFRESH).isAfter(clock.instant())) {
        return f;
      }
    }
    current = exchange();
    return current;
  }

  private CompletableFuture<SessionToken> exchange() {
    HttpRequest request =
        HttpRequest.newBuilder(tokenUrl)
            .timeout(TIMEOUT)
            .header("Authorization", "token " + githubToken)
            .header("Accept", "application/json")
            .header("Editor-Version", EDITOR_VERSION)
            .header("Editor-Plugin-Version", PLUGIN_VERSION)
            .header("User-Agent", USER_AGENT)
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(this::parse);
  }

  private SessionToken parse(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      // The body may echo request details; the status is enough to act on.
      throw new IllegalStateException(
          "the Copilot token exchange answered HTTP " + response.statusCode());
    }
    JsonNode body = WireJson.tree(response.body());
    String token = body.path("token").asString("");
    if (token.isEmpty() || !body.path("expires_at").isNumber()) {
      throw new IllegalStateException("the Copilot token exchange sent no token or expires_at");
    }
    return new SessionToken(token, Instant.ofEpochSecond(body.get("expires_at").asLong()));
  }

  @Override
  public String toString() {
    return "CopilotCredentials[" + tokenUrl + "]";
  }
}
