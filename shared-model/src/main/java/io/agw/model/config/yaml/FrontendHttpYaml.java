package io.agw.model.config.yaml;

/** {@code frontendPolicies.http}: limits and protocol settings of incoming HTTP connections. */
@AgentgatewayDefinition("FrontendHTTP")
public record FrontendHttpYaml(
    Long maxBufferSize,
    Long http1MaxHeaders,
    DurationYaml http1IdleTimeout,
    String http1HeaderCase,
    Long http2WindowSize,
    Long http2ConnectionWindowSize,
    Long http2FrameSize,
    Long http2MaxHeaderSize,
    DurationYaml http2KeepaliveInterval,
    DurationYaml http2KeepaliveTimeout,
    DurationYaml maxConnectionDuration) {}
