package io.agw.control.deploy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployer's settings ({@code agw.deploy.*}).
 *
 * @param enabled create a Deployment, Service and ServiceAccount per Gateway of our class (on by
 *     default; off when gateways are deployed some other way, for example with the agw-gateway
 *     chart in xDS mode)
 * @param image the gateway image used when no {@code AgentgatewayParameters} names one
 * @param xdsAddress the control service's xDS address as the gateway pods reach it, {@code
 *     host:port} (the Helm chart sets it to its Service)
 */
@ConfigurationProperties("agw.deploy")
public record DeployProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("agw/gateway:0.1.0") String image,
    @DefaultValue("agw-control.agw-system.svc:15010") String xdsAddress) {}
