package io.agw.gateway.security;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.identity.Caller;
import io.agw.gateway.identity.Caller.ApiKeyIdentity;
import io.agw.model.resource.v1.ApiKey;
import io.agw.model.resource.v1.ApiKeyAuth;
import io.agw.model.resource.v1.AuthMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code apiKey} policy. Keys are held only as SHA-256 hashes (configured keys are hashed when
 * the state is built), and a presented key is hashed and looked up, so neither the configuration
 * nor a comparison depends on the key's characters. A match sets the caller's API key identity
 * (metadata, allowed models). Modes: strict needs a valid key; optional refuses an invalid key but
 * lets a request without one pass; permissive never refuses. A key that is not one of the policy's
 * own is looked up in the {@link ApiKeyLookup} (virtual keys); the policy's keys win on a clash.
 * Immutable; thread-safe.
 */
public final class ApiKeyFilter implements GatewayFilter {

  private record Entry(String id, Map<String, Object> metadata, List<String> allowedModels) {}

  private final Map<String, Entry> byHash = new HashMap<>();
  private final AuthMode mode;
  private final CredentialLocator locator;
  private final ApiKeyLookup others;

  public ApiKeyFilter(ApiKeyAuth policy, CelEnvironment cel) {
    this(policy, cel, ApiKeyLookup.NONE);
  }

  public ApiKeyFilter(ApiKeyAuth policy, CelEnvironment cel, ApiKeyLookup others) {
    this.others = others;
    this.mode = policy.getMode();
    this.locator = CredentialLocator.of(policy.hasLocation(), policy.getLocation(), "Bearer ", cel);
    for (ApiKey key : policy.getKeysList()) {
      String hash = key.hasKey() ? sha256(key.getKey()) : key.getSha256();
      Object plain = key.hasMetadata() ? ProtoValues.toPlain(key.getMetadata()) : null;
      Map<String, Object> metadata = new HashMap<>();
      if (plain instanceof Map<?, ?> map) {
        map.forEach((k, v) -> metadata.put(String.valueOf(k), v));
      }
      List<String> models =
          key.hasAllowedModels() ? List.copyOf(key.getAllowedModels().getPatternsList()) : null;
      byHash.put(hash, new Entry("sha256:" + hash.substring(0, 12), metadata, models));
    }
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    String presented = locator.find(exchange);
    if (presented == null) {
      if (mode == AuthMode.AUTH_MODE_STRICT) {
        return AuthFailure.unauthorized(exchange, challenge(), "an API key is required");
      }
      return chain.filter(exchange);
    }
    String hash = sha256(presented);
    Entry entry = byHash.get(hash);
    ApiKeyIdentity identity =
        entry != null
            ? new ApiKeyIdentity(presented, entry.id(), entry.metadata(), entry.allowedModels())
            : others.find(presented, hash);
    if (identity == null) {
      if (mode == AuthMode.AUTH_MODE_PERMISSIVE) {
        return chain.filter(exchange);
      }
      return AuthFailure.unauthorized(exchange, challenge(), "the API key is not valid");
    }
    exchange.getAttributes().put(Caller.ATTRIBUTE, Caller.of(exchange).withApiKey(identity));
    return chain.filter(exchange);
  }

  private String challenge() {
    return locator.inAuthorizationHeader() ? "Bearer realm=\"agw\"" : "APIKey realm=\"agw\"";
  }

  /** The lower-case hex SHA-256 of {@code value}'s UTF-8 bytes, as API keys are stored. */
  public static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "ApiKey[" + byHash.size() + " keys, " + mode + "]";
  }
}
