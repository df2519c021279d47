package io.agw.control.deploy;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deployer's reconciler, registered with the operator (and so subject to its leader election)
 * unless {@code agw.deploy.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeployProperties.class)
class DeployConfiguration {

  @Bean
  @ConditionalOnProperty(name = "agw.deploy.enabled", matchIfMissing = true)
  GatewayDeploymentReconciler gatewayDeploymentReconciler(DeployProperties properties) {
    return new GatewayDeploymentReconciler(properties);
  }
}
