package io.agw.gateway.config.control;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * True when {@code agw.xds.address} has text: the control service is then the gateway's one source
 * of configuration, and the YAML file source is not created.
 */
public final class XdsEnabled implements Condition {

  public static final String ADDRESS_PROPERTY = "agw.xds.address";

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return StringUtils.hasText(context.getEnvironment().getProperty(ADDRESS_PROPERTY));
  }

  /** The opposite: the file (or the built-in default) feeds the gateway. */
  public static final class Disabled implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !new XdsEnabled().matches(context, metadata);
    }
  }
}
