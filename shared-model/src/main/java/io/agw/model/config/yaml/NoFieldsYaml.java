package io.agw.model.config.yaml;

/** An option written as an empty object ({@code {}}): its presence is its whole meaning. */
public record NoFieldsYaml() {}
