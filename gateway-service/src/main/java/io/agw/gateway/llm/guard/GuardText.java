package io.agw.gateway.llm.guard;

/**
 * A text a remote guard reads, with the role of the message that holds it ({@code system}, {@code
 * user}, {@code assistant}, {@code tool}); answers are always {@code assistant}.
 */
public record GuardText(String role, String text) {}
