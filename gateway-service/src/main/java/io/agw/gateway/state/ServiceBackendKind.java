package io.agw.gateway.state;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.policy.BackendKind;

/** {@code service} backends are known to the format but refused until service discovery exists. */
final class ServiceBackendKind implements BackendKind {

  @Override
  public io.agw.model.resource.v1.Backend.KindCase kind() {
    return io.agw.model.resource.v1.Backend.KindCase.SERVICE;
  }

  @Override
  public Backend build(BackendCompilation backend) {
    throw new IllegalArgumentException(
        "backend "
            + backend.key()
            + ": service backends need service discovery, which is not available yet");
  }
}
