package io.agw.gateway.security.oidc;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.security.JwkSources;
import io.agw.model.config.GatewaySettings;
import io.agw.model.resource.v1.Oidc;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;

/**
 * The {@code oidc} policy kind. The cookie key comes from {@code OIDC_COOKIE_SECRET}, else the
 * file's {@code config.session.key}, else a random key per process (see {@link CookieKeys}). Calls
 * to the provider (discovery, token endpoint) time out after 10 seconds.
 */
@Configuration(proxyBeanMethods = false)
class OidcConfiguration {

  @Bean
  PolicyKind oidcPolicy(
      JwkSources keys,
      ObjectProvider<Supplier<GatewaySettings>> fileSettings,
      @Value("${OIDC_COOKIE_SECRET:}") String cookieSecret) {
    CookieKeys cookieKeys =
        new CookieKeys(
            cookieSecret,
            () -> {
              // No file (configuration over xDS): no file key.
              Supplier<GatewaySettings> settings = fileSettings.getIfAvailable();
              return settings == null ? null : settings.get().sessionKey();
            });
    HttpClient http = HttpClient.create().responseTimeout(Duration.ofSeconds(10));
    TokenExchange tokens = new TokenExchange(http);
    SecretResolver secrets = new SecretResolver();
    return PolicyKind.filter(
        KindCase.OIDC,
        spec -> {
          Oidc policy = spec.getOidc();
          return new OidcFilter(
              policy,
              secrets.resolve(policy.getClientSecret()),
              cookieKeys,
              new ProviderResolver(policy, keys, http),
              tokens);
        },
        FilterOrder.AUTHENTICATION);
  }
}
