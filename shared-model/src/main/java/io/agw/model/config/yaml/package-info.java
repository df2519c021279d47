/**
 * Records for the shapes of agentgateway's standalone YAML configuration, limited to the subset
 * this gateway supports. They carry no logic beyond accepting the YAML forms of a value; checks and
 * the mapping to {@code Resource} messages live in {@code io.agw.model.config.mapping}. Absent
 * fields are null. Each object record names the agentgateway schema definitions it corresponds to
 * with {@link io.agw.model.config.yaml.AgentgatewayDefinition}.
 */
package io.agw.model.config.yaml;
