package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A local MCP server the gateway starts as a process and talks to over stdin and stdout. */
public record McpStdioYaml(
    String cmd,
    List<String> args,
    Map<String, String> env,
    @JsonProperty("clear_env") Boolean clearEnv) {}
