package io.agw.gateway.security.bench;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.exchange.LlmFacts;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.identity.Caller;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * Typical authorization rules as the gateway runs them per request: compiled once (as a state
 * does), then a new {@link CelContext} per evaluation (as each filter call builds one, computing
 * only the variable families the rule reads) and {@link CelExpression#test}. The exchange carries a
 * request with ten headers, a JWT caller with a dozen claims and an API key with metadata, and the
 * LLM runtime's facts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CelRuleBenchmark {

  private MockServerWebExchange exchange;
  private CelExpression header;
  private CelExpression jwtClaim;
  private CelExpression apiKeyMetadata;
  private CelExpression llmModel;
  private CelExpression combined;

  /** The LLM runtime's facts once the request is parsed. */
  private record Facts(String requestModel) implements LlmFacts {
    @Override
    public String provider() {
      return "openai";
    }

    @Override
    public ClientApi clientApi() {
      return ClientApi.OPENAI;
    }

    @Override
    public boolean streaming() {
      return false;
    }

    @Override
    public OptionalLong estimatedInputTokens() {
      return OptionalLong.empty();
    }

    @Override
    public TokenUsage usage() {
      return TokenUsage.NONE;
    }
  }

  @Setup
  public void setUp() {
    CelEnvironment cel = new CelEnvironment();
    header = cel.compile("request.headers[\"x-team\"] == \"blue\"");
    jwtClaim = cel.compile("jwt.sub == \"alice\" && \"reader\" in jwt.roles");
    apiKeyMetadata = cel.compile("apiKey.metadata.tier == \"gold\"");
    llmModel = cel.compile("llm.requestModel == \"gpt-4o-mini\"");
    combined =
        cel.compile(
            "request.method == \"POST\" && jwt.sub == \"alice\""
                + " && llm.requestModel.startsWith(\"gpt-4o\")");
    var request =
        MockServerHttpRequest.post("https://gateway.example/v1/chat/completions?x=1")
            .header("x-team", "blue")
            .header("authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig")
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .header("user-agent", "bench/1.0")
            .header("x-request-id", "0f8fad5b-d9cb-469f-a165-70867728950e")
            .header("x-forwarded-for", "10.0.0.1")
            .header("accept-encoding", "gzip")
            .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .header("content-length", "120");
    exchange = MockServerWebExchange.from(request);
    Map<String, Object> claims =
        Map.ofEntries(
            Map.entry("sub", "alice"),
            Map.entry("iss", "https://issuer.example"),
            Map.entry("aud", List.of("api")),
            Map.entry("exp", 1_900_000_000L),
            Map.entry("iat", 1_800_000_000L),
            Map.entry("nbf", 1_800_000_000L),
            Map.entry("roles", List.of("reader", "writer")),
            Map.entry("email", "alice@example.com"),
            Map.entry("tenant", "t-42"),
            Map.entry("scope", "openid profile"),
            Map.entry("groups", List.of("eng", "ops")),
            Map.entry("azp", "client-1"));
    Caller caller =
        Caller.ANONYMOUS
            .withJwt(new Caller.JwtIdentity(claims, "eyJhbGciOiJSUzI1NiJ9.e30.sig"))
            .withApiKey(
                new Caller.ApiKeyIdentity(
                    "sk-gold",
                    "sha256:0123456789ab",
                    Map.of("tier", "gold", "team", "red"),
                    List.of("gpt-4o*")));
    exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
    exchange.getAttributes().put(LlmFacts.ATTRIBUTE, new Facts("gpt-4o-mini"));
    for (CelExpression e : List.of(header, jwtClaim, apiKeyMetadata, llmModel, combined)) {
      if (!e.test(CelContext.request(exchange, null))) {
        throw new IllegalStateException("the benchmark rule is not true: " + e);
      }
    }
  }

  /** {@code request.headers["x-team"] == "blue"} */
  @Benchmark
  public boolean headerCheck() {
    return header.test(CelContext.request(exchange, null));
  }

  /** {@code jwt.sub == "alice" && "reader" in jwt.roles} */
  @Benchmark
  public boolean jwtClaimCheck() {
    return jwtClaim.test(CelContext.request(exchange, null));
  }

  /** {@code apiKey.metadata.tier == "gold"} */
  @Benchmark
  public boolean apiKeyMetadataCheck() {
    return apiKeyMetadata.test(CelContext.request(exchange, null));
  }

  /** {@code llm.requestModel == "gpt-4o-mini"} */
  @Benchmark
  public boolean llmModelCheck() {
    return llmModel.test(CelContext.request(exchange, null));
  }

  /** Three families in one rule. */
  @Benchmark
  public boolean combinedCheck() {
    return combined.test(CelContext.request(exchange, null));
  }
}
