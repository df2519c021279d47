package io.agw.model.config.yaml;

/**
 * {@code frontendPolicies.http}: limits of incoming HTTP requests. The HTTP/2 fields and {@code
 * http1HeaderCase} are read so that the mapper can explain why they are refused.
 */
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
