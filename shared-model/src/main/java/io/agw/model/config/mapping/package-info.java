/**
 * Pure mapping from the YAML records to {@code Resource} messages: no I/O (file paths are resolved,
 * never read), every problem recorded with its path. {@link
 * io.agw.model.config.mapping.ConfigMapper} is the entry point.
 */
package io.agw.model.config.mapping;
