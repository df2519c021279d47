package io.agw.gateway.ui;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.policy.BackendKind;

/**
 * {@code admin} backends: the gateway's own admin port, which serves the UI and the admin API. The
 * file's {@code ui} block routes {@code /ui} and {@code /api/v1} of the listeners it names here.
 * The relay is an ordinary proxied request, so it carries {@code X-Forwarded-For}: the admin port
 * never takes it for a local call and asks for the admin credential.
 */
final class AdminBackendKind implements BackendKind {

  private final AdminPort admin;

  AdminBackendKind(AdminPort admin) {
    this.admin = admin;
  }

  @Override
  public io.agw.model.resource.v1.Backend.KindCase kind() {
    return io.agw.model.resource.v1.Backend.KindCase.ADMIN;
  }

  @Override
  public Backend build(BackendCompilation backend) {
    return new Backend(
        backend.key(),
        backend.name(),
        admin.base(),
        backend.clients().plain(),
        backend.requestHeaders());
  }
}
