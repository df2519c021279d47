package io.agw.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The gateway. With no arguments it serves the built-in default configuration; {@code --config
 * FILE} (or the environment variable {@code AGW_CONFIG}) selects a file in agentgateway's
 * standalone format; {@code --validate-only} checks that file and exits ({@link ValidateOnly}).
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

  public static void main(String[] args) {
    String[] normalized = CommandLine.normalize(args);
    if (CommandLine.isValidateOnly(normalized)) {
      System.exit(ValidateOnly.run(normalized, System.out, System.err));
    }
    SpringApplication.run(GatewayApplication.class, normalized);
  }
}
