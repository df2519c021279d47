package io.agw.model.config;

import io.agw.model.resource.v1.Resource;
import java.util.List;
import java.util.Objects;

/**
 * The result of loading a configuration file: the resources it describes, exactly as the control
 * service would send them, plus the file's gateway settings.
 *
 * @param resources the resources, immutable; every {@code Resource.key} is unique
 * @param settings settings from the top-level {@code config} block
 */
public record LoadedConfig(List<Resource> resources, GatewaySettings settings) {

  /** Copies the list and checks for nulls. */
  public LoadedConfig {
    resources = List.copyOf(resources);
    Objects.requireNonNull(settings, "settings");
  }
}
