package io.agw.gateway.security;

import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.gateway.exchange.LlmFacts;
import io.agw.gateway.identity.Caller;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Enforces an API key's {@code allowedModels} on LLM calls: when the LLM runtime has set {@link
 * LlmFacts} and the caller's key lists model patterns ({@code *} matches any characters), a model
 * that matches none is refused with 403 in the client's error format. An empty list allows no
 * model; a key without the list allows all. Stateless apart from nothing; thread-safe.
 */
public final class ModelAccessFilter implements GatewayFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    LlmFacts facts = exchange.getAttribute(LlmFacts.ATTRIBUTE);
    Caller.ApiKeyIdentity key = Caller.of(exchange).apiKey();
    // A model listing names no model: nothing to check (other calls without one are refused).
    if (facts == null || key == null || key.allowedModels() == null || facts.modelListing()) {
      return chain.filter(exchange);
    }
    if (allowed(key.allowedModels(), facts.requestModel())) {
      return chain.filter(exchange);
    }
    return PolicyErrors.write(
        exchange,
        HttpStatus.FORBIDDEN,
        "model_not_allowed",
        "this API key may not use model '" + facts.requestModel() + "'");
  }

  static boolean allowed(List<String> patterns, String model) {
    if (model == null) {
      return false;
    }
    for (String pattern : patterns) {
      if (glob(pattern).matcher(model).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern glob(String pattern) {
    return Pattern.compile(
        String.join(
            ".*", java.util.Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).toList()));
  }

  @Override
  public String toString() {
    return "ModelAccess";
  }
}
