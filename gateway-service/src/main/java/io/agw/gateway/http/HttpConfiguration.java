package io.agw.gateway.http;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.policy.PolicyKind;
import io.agw.model.cel.CelCustomFunctions;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;

/** The HTTP traffic policy kinds and extension filters. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

  @Bean
  ExtensionFilters extensionFilters(
      List<GatewayFilterFactory<?>> factories, ConfigurationService configurationService) {
    return new ExtensionFilters(factories, configurationService);
  }

  /** The process's CEL environment; {@code config.sensitiveHeaders} is read at startup. */
  @Bean
  CelEnvironment celEnvironment(
      @Value("${agw.telemetry.sensitive-headers:}") List<String> sensitiveHeaders) {
    return new CelEnvironment(CelCustomFunctions.NONE, Set.copyOf(sensitiveHeaders));
  }

  @Bean
  PolicyKind requestHeaderModifierPolicy() {
    return HttpPolicyKinds.requestHeaderModifier();
  }

  @Bean
  PolicyKind responseHeaderModifierPolicy() {
    return HttpPolicyKinds.responseHeaderModifier();
  }

  @Bean
  PolicyKind requestRedirectPolicy() {
    return HttpPolicyKinds.requestRedirect();
  }

  @Bean
  PolicyKind urlRewritePolicy() {
    return HttpPolicyKinds.urlRewrite();
  }

  @Bean
  PolicyKind directResponsePolicy(CelEnvironment cel) {
    return HttpPolicyKinds.directResponse(cel);
  }

  @Bean
  PolicyKind corsPolicy() {
    return HttpPolicyKinds.cors();
  }

  @Bean
  PolicyKind timeoutPolicy() {
    return HttpPolicyKinds.timeout();
  }

  @Bean
  PolicyKind retryPolicy(CelEnvironment cel) {
    return HttpPolicyKinds.retry(cel);
  }

  @Bean
  PolicyKind requestBodyLimitPolicy() {
    return HttpPolicyKinds.requestBodyLimit();
  }

  @Bean
  PolicyKind responseBufferPolicy() {
    return HttpPolicyKinds.responseBuffer();
  }

  @Bean
  PolicyKind backendTlsPolicy() {
    return HttpPolicyKinds.backendTls();
  }

  @Bean
  PolicyKind extensionFilterPolicy(ExtensionFilters extensions) {
    return HttpPolicyKinds.extensionFilter(extensions);
  }

  @Bean
  PolicyKind transformationsPolicy(CelEnvironment cel) {
    return HttpPolicyKinds.transformations(cel);
  }

  @Bean
  PolicyKind delayPolicy(CelEnvironment cel) {
    return HttpPolicyKinds.delay(cel);
  }

  /** Mirrors use the gateway's upstream client (its connection pools and settings). */
  @Bean
  PolicyKind requestMirrorPolicy(HttpClient gatewayHttpClient) {
    return HttpPolicyKinds.requestMirror(gatewayHttpClient);
  }
}
