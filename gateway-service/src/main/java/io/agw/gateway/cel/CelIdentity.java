package io.agw.gateway.cel;

import io.agw.gateway.exchange.Cost;
import io.agw.gateway.exchange.CostRates;
import io.agw.gateway.exchange.LlmFacts;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.identity.Caller;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.server.ServerWebExchange;

/** Builds the identity and LLM variable families from the exchange's attributes. Stateless. */
final class CelIdentity {

  private CelIdentity() {}

  static Map<String, Object> source(ServerWebExchange exchange) {
    Map<String, Object> m = new LinkedHashMap<>();
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    if (remote != null) {
      String address =
          remote.getAddress() != null
              ? remote.getAddress().getHostAddress()
              : remote.getHostString();
      m.put("address", address);
      m.put("port", (long) remote.getPort());
      m.put("rawAddress", address);
      m.put("rawPort", (long) remote.getPort());
    }
    Caller.ClientCertificate cert = Caller.of(exchange).certificate();
    if (cert != null) {
      m.put("subject", cert.subject());
      m.put("issuer", cert.issuer());
      if (cert.subjectCn() != null) {
        m.put("subjectCn", cert.subjectCn());
      }
      m.put("subjectAltNames", cert.subjectAltNames());
      if (cert.spiffeId() != null) {
        m.put("spiffeId", cert.spiffeId());
      }
      m.put("fingerprint", cert.fingerprint());
      m.put("certificate", cert.pem());
    }
    return m;
  }

  static Map<String, Object> jwt(Caller caller) {
    if (caller.jwt() == null) {
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m =
        new LinkedHashMap<>((Map<String, Object>) CelValues.fromPlain(caller.jwt().claims()));
    m.put("rawToken", caller.jwt().rawToken());
    return m;
  }

  static Map<String, Object> apiKey(Caller caller) {
    if (caller.apiKey() == null) {
      return Map.of();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", caller.apiKey().key());
    m.put("metadata", CelValues.fromPlain(caller.apiKey().metadata()));
    return m;
  }

  static Map<String, Object> basicAuth(Caller caller) {
    return caller.basicUser() == null ? Map.of() : Map.of("username", caller.basicUser());
  }

  static Map<String, Object> llm(LlmFacts facts) {
    if (facts == null) {
      return Map.of();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    // Unknown yet (a model listing, a pass-through path): absent, so has(llm.requestModel) is
    // false.
    putIfText(m, "requestModel", facts.requestModel());
    putIfText(m, "provider", facts.provider());
    m.put("streaming", facts.streaming());
    TokenUsage usage = facts.usage();
    if (usage != null) {
      putIfSet(m, "responseModel", usage.providerModel());
      putIfSet(m, "inputTokens", usage.inputTokens());
      putIfSet(m, "outputTokens", usage.outputTokens());
      putIfSet(m, "totalTokens", usage.totalTokens());
      putIfSet(m, "cachedInputTokens", usage.cachedInputTokens());
      putIfSet(m, "reasoningTokens", usage.reasoningTokens());
    }
    facts.estimatedInputTokens().ifPresent(n -> m.put("countTokens", n));
    Cost cost = facts.cost();
    if (cost != null) {
      m.put("cost", cost(cost));
    }
    CostRates rates = facts.costRates();
    if (rates != null) {
      m.put("costRates", costRates(rates));
    }
    return m;
  }

  /** agentgateway's {@code llm.cost}: USD by kind of token, every field present. */
  private static Map<String, Object> cost(Cost cost) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", cost.total());
    m.put("input", cost.input());
    m.put("output", cost.output());
    m.put("cacheRead", cost.cacheRead());
    m.put("cacheWrite", cost.cacheWrite());
    m.put("reasoning", cost.reasoning());
    m.put("inputAudio", cost.inputAudio());
    m.put("outputAudio", cost.outputAudio());
    return m;
  }

  /** agentgateway's {@code llm.costRates}: USD per million tokens; unset rates are absent. */
  private static Map<String, Object> costRates(CostRates rates) {
    Map<String, Object> m = new LinkedHashMap<>();
    putIfSet(m, "input", rates.input());
    putIfSet(m, "output", rates.output());
    putIfSet(m, "cacheRead", rates.cacheRead());
    putIfSet(m, "cacheWrite", rates.cacheWrite());
    putIfSet(m, "reasoning", rates.reasoning());
    putIfSet(m, "inputAudio", rates.inputAudio());
    putIfSet(m, "outputAudio", rates.outputAudio());
    return m;
  }

  private static void putIfText(Map<String, Object> m, String key, String value) {
    if (value != null && !value.isEmpty()) {
      m.put(key, value);
    }
  }

  private static void putIfSet(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
