package io.agw.model.config.yaml;

/**
 * {@code extProc.processingOptions} (agentgateway's {@code ProcessingOptions}): body modes are
 * {@code none}, {@code buffered}, {@code bufferedPartial} or {@code fullDuplexStreamed} (the
 * default); header and trailer modes are {@code send} (the default) or {@code skip}.
 */
@AgentgatewayDefinition("ProcessingOptions")
public record ExtProcOptionsYaml(
    String requestBodyMode,
    String responseBodyMode,
    String requestHeaderMode,
    String responseHeaderMode,
    String requestTrailerMode,
    String responseTrailerMode,
    Boolean allowModeOverride) {}
