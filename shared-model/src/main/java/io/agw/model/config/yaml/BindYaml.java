package io.agw.model.config.yaml;

import java.util.List;

/** One port with its listeners. */
@AgentgatewayDefinition("LocalBind")
public record BindYaml(Integer port, List<ListenerYaml> listeners) {}
