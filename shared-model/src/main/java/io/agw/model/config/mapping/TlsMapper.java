package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.BackendTlsYaml;
import io.agw.model.resource.v1.BackendTls;

/** Maps TLS towards backends; certificate and key paths are resolved, never read. */
final class TlsMapper {

  private final MappingContext ctx;

  TlsMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  BackendTls backendTls(String path, BackendTlsYaml yaml) {
    BackendTls.Builder b = BackendTls.newBuilder();
    ctx.file(path + ".root", yaml.root()).ifPresent(b::setRoot);
    ctx.file(path + ".cert", yaml.cert()).ifPresent(b::setCert);
    ctx.file(path + ".key", yaml.key()).ifPresent(b::setKey);
    if ((yaml.cert() == null) != (yaml.key() == null)) {
      ctx.error(path, "cert and key go together: set both for a client certificate, or neither");
    }
    if (yaml.hostname() != null) {
      ctx.checkHostname(path + ".hostname", yaml.hostname());
      b.setHostname(yaml.hostname());
    }
    b.setInsecure(Boolean.TRUE.equals(yaml.insecure()));
    b.setInsecureHost(Boolean.TRUE.equals(yaml.insecureHost()));
    for (int i = 0; i < list(yaml.alpn()).size(); i++) {
      String protocol = yaml.alpn().get(i);
      if (protocol == null || protocol.isBlank()) {
        ctx.error(path + ".alpn[" + i + "]", "must not be empty");
      } else {
        b.addAlpn(protocol);
      }
    }
    for (int i = 0; i < list(yaml.subjectAltNames()).size(); i++) {
      String name = yaml.subjectAltNames().get(i);
      if (name == null || name.isBlank()) {
        ctx.error(path + ".subjectAltNames[" + i + "]", "must not be empty");
      } else {
        b.addSubjectAltNames(name);
      }
    }
    b.addAllKeyExchangeGroups(
        TlsProtocols.keyExchangeGroups(ctx, path + ".keyExchangeGroups", yaml.keyExchangeGroups()));
    return b.build();
  }
}
