package io.agw.gateway.backend;

import io.agw.gateway.backend.redaction.UpstreamHeadersRedactionFilter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;

/** Clients and the routing filter that sends requests to backends. */
@Configuration(proxyBeanMethods = false)
class BackendConfiguration {

  /** The gRPC channels of the policies that call a service (extAuthz, extProc). */
  @Bean(destroyMethod = "close")
  GrpcChannels grpcChannels() {
    return new GrpcChannels();
  }

  @Bean
  BackendClients backendClients(HttpClient gatewayHttpClient) {
    return new BackendClients(gatewayHttpClient);
  }

  @Bean
  UpstreamRoutingFilter upstreamRoutingFilter(
      HttpClient gatewayHttpClient,
      ObjectProvider<List<HttpHeadersFilter>> headersFilters,
      HttpClientProperties properties) {
    return new UpstreamRoutingFilter(gatewayHttpClient, headersFilters, properties);
  }

  @Bean
  UpstreamHeadersRedactionFilter upstreamHeadersRedactionFilter() {
    return new UpstreamHeadersRedactionFilter();
  }
}
