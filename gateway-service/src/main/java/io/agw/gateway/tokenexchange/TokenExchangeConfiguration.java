package io.agw.gateway.tokenexchange;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.cel.CelEnvironment;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;

/** The token exchange kinds of {@code backendAuth}, for the backendAuth policy kind to call. */
@Configuration(proxyBeanMethods = false)
class TokenExchangeConfiguration {

  @Bean
  TokenExchangeBackendAuth tokenExchangeBackendAuth(CelEnvironment cel, SecretResolver secrets) {
    return new TokenExchangeBackendAuth(cel, secrets, HttpClient.create(), Clock.systemUTC());
  }
}
