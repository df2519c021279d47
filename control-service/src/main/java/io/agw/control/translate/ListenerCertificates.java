package io.agw.control.translate;

import io.agw.model.resource.v1.DataSource;
import io.agw.model.resource.v1.ListenerTls;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;

/**
 * The server certificate of an HTTPS listener: its first {@code tls.certificateRefs} entry, a
 * {@code kubernetes.io/tls} Secret (in another namespace only with a ReferenceGrant from Gateways
 * of the Gateway's namespace), put inline in the listener's {@link ListenerTls}. Problems are
 * reported with Gateway API's listener {@code ResolvedRefs} reasons ({@code InvalidCertificateRef},
 * {@code RefNotPermitted}); messages never include the Secret's values. Pure.
 */
final class ListenerCertificates {

  /** The listener's TLS, or the ResolvedRefs reason and message why there is none. */
  record Result(ListenerTls tls, String reason, String message) {
    /** Without the certificate and key. */
    @Override
    public String toString() {
      return tls != null ? "Result[tls]" : "Result[" + reason + "]";
    }
  }

  static final String TLS_TYPE = "kubernetes.io/tls";

  private final SecretRefs secrets;

  ListenerCertificates(SecretRefs secrets) {
    this.secrets = secrets;
  }

  /** Resolves the certificate of an HTTPS listener of the Gateway in {@code gatewayNamespace}. */
  Result resolve(String gatewayNamespace, Listener listener) {
    var tls = listener.getTls();
    var refs = tls == null ? null : tls.getCertificateRefs();
    if (refs == null || refs.isEmpty()) {
      return problem("InvalidCertificateRef", "an HTTPS listener needs tls.certificateRefs");
    }
    SecretObjectReference ref = refs.get(0);
    String group = ref.getGroup() == null ? "" : ref.getGroup();
    String kind = ref.getKind() == null ? "Secret" : ref.getKind();
    if (!group.isEmpty() || !kind.equals("Secret")) {
      return problem(
          "InvalidCertificateRef", "certificateRef kind " + group + "/" + kind + " is not Secret");
    }
    String ns = ref.getNamespace() == null ? gatewayNamespace : ref.getNamespace();
    var from = new ReferenceGrants.Ref(ReferenceGrants.GATEWAY_API, "Gateway", gatewayNamespace);
    SecretRefs.Lookup lookup = secrets.lookup(from, ns, ref.getName(), "InvalidCertificateRef");
    if (lookup instanceof SecretRefs.Problem p) {
      return problem(p.reason(), p.message());
    }
    SecretRefs.Found secret = (SecretRefs.Found) lookup;
    String what = "Secret " + ns + "/" + ref.getName();
    if (!TLS_TYPE.equals(secret.type())) {
      return problem("InvalidCertificateRef", what + " is not of type " + TLS_TYPE);
    }
    String cert = secret.values().get("tls.crt");
    String key = secret.values().get("tls.key");
    if (!pem(cert) || !pem(key)) {
      return problem("InvalidCertificateRef", what + " needs PEM tls.crt and tls.key");
    }
    return new Result(
        ListenerTls.newBuilder()
            .setCert(DataSource.newBuilder().setInline(cert))
            .setKey(DataSource.newBuilder().setInline(key))
            .build(),
        null,
        null);
  }

  private static boolean pem(String value) {
    return value != null && value.contains("-----BEGIN ");
  }

  private static Result problem(String reason, String message) {
    return new Result(null, reason, message);
  }
}
