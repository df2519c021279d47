package io.agw.gateway.llm.credentials;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.gateway.llm.provider.vertex.GoogleCredentials;
import io.agw.gateway.llm.registry.ProviderKind;
import io.agw.model.resource.v1.GcpAuth;
import io.agw.model.resource.v1.GcpTokenType;

/**
 * Builds Google credentials for a provider at state build: {@code backendAuth.gcp} with a
 * credential JSON (read and parsed now, so a bad file refuses the state) or without one
 * (application default credentials); a Vertex AI provider with no {@code backendAuth} at all uses
 * application default credentials too, as Google's own clients do. Stateless.
 */
public final class GcpCredentialsFactory {

  private GcpCredentialsFactory() {}

  public static UpstreamCredentials of(ProviderKind kind, GcpAuth auth, SecretResolver secrets) {
    if (kind != ProviderKind.VERTEX) {
      throw new IllegalArgumentException("gcp backendAuth is supported for vertex providers only");
    }
    return of(auth, secrets);
  }

  /**
   * Google credentials from {@code auth}'s credential JSON, or the application default credentials
   * when it names none.
   *
   * @throws IllegalArgumentException when the secret is missing or not a Google credential, or when
   *     {@code auth} asks for ID tokens
   */
  public static UpstreamCredentials of(GcpAuth auth, SecretResolver secrets) {
    if (auth.getType() == GcpTokenType.GCP_TOKEN_TYPE_ID_TOKEN) {
      // Google's model APIs take access tokens; ID tokens are for services behind IAM (Cloud Run).
      throw new IllegalArgumentException(
          "backendAuth gcp type idToken is supported on host backends only; Google's APIs take"
              + " access tokens");
    }
    if (auth.hasCredential()) {
      return GoogleCredentials.fromJson(secrets.resolve(auth.getCredential()));
    }
    return GoogleCredentials.applicationDefault();
  }
}
