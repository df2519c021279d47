/**
 * Reading the YAML text into the records of {@code io.agw.model.config.yaml}, with every problem
 * turned into a {@link io.agw.model.config.ConfigError} that has a path and a readable message.
 */
package io.agw.model.config.read;
