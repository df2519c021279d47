package io.agw.model.config.yaml;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the definitions of agentgateway's configuration schema that a YAML record corresponds to. A
 * field the record does not declare but one of these definitions has is reported as "not supported
 * yet" instead of "unknown". {@link #ROOT} stands for the schema's top-level object.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AgentgatewayDefinition {

  /** The name used for the schema's top-level object (its title). */
  String ROOT = "LocalConfig";

  /** Definition names under the schema's {@code $defs}, or {@link #ROOT}. */
  String[] value();
}
