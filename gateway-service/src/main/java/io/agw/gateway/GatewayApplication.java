package io.agw.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The gateway. With no arguments it serves the built-in default configuration; {@code --config
 * FILE} (or the environment variable {@code AGW_CONFIG}) selects a file in agentgateway's
 * standalone format.
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

  public static void main(String[] args) {
    SpringApplication.run(GatewayApplication.class, CommandLine.normalize(args));
  }
}
