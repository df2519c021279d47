package io.agw.model.config.yaml;

/**
 * Where an incoming token is read ({@code source}) and its RFC 8693 type URI ({@code tokenType});
 * {@code enforceMayAct} belongs to an actor token.
 */
@AgentgatewayDefinition({"TokenSpec", "ActorTokenSpec", "CrossAppAccessSubjectToken"})
public record OAuthTokenSpecYaml(
    AuthLocationYaml source, String tokenType, Boolean enforceMayAct) {}
