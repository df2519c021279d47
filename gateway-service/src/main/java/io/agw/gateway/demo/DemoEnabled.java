package io.agw.gateway.demo;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * True when the demo stand-ins are served: {@code agw.demo.enabled} when it is set, otherwise
 * exactly when the gateway runs its built-in configuration (neither {@code agw.config.file} nor
 * {@code agw.xds.address} is set). A gateway with a configuration of its own answers 404 on {@code
 * /demo/**} unless it asks for the stand-ins.
 */
public final class DemoEnabled implements Condition {

  public static final String PROPERTY = "agw.demo.enabled";

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return enabled(context.getEnvironment());
  }

  static boolean enabled(Environment environment) {
    String explicit = environment.getProperty(PROPERTY);
    if (StringUtils.hasText(explicit)) {
      return Boolean.parseBoolean(explicit.strip());
    }
    return !StringUtils.hasText(environment.getProperty("agw.config.file"))
        && !StringUtils.hasText(environment.getProperty("agw.xds.address"));
  }
}
