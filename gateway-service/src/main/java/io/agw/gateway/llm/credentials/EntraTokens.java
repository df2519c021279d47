package io.agw.gateway.llm.credentials;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.SimpleTokenCache;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.AzureDeveloperCliCredentialBuilder;
import com.azure.identity.ChainedTokenCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import io.agw.gateway.backend.SecretResolver;
import io.agw.model.resource.v1.AzureAuth;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Entra ID (Azure AD) access tokens for {@code backendAuth.azure}, from the Azure SDK's credential
 * for the configured source: a client secret ({@code ClientSecretCredential}), a managed identity,
 * workload identity, the developer tools' sign-in (Azure CLI, then Azure Developer CLI) or the
 * environment's default chain ({@code DefaultAzureCredential}). The token is requested for
 * agentgateway's scope ({@code https://cognitiveservices.azure.com/.default}, or {@code
 * https://ai.azure.com/.default} for Foundry hosts), cached and refreshed before it expires by the
 * SDK's token cache, and never logged. A token that cannot be had within 5 seconds fails with
 * {@link EntraTokenException}, whose message holds neither the secret nor the token. Thread-safe.
 */
public final class EntraTokens {

  static final String COGNITIVE_SERVICES_SCOPE = "https://cognitiveservices.azure.com/.default";
  static final String FOUNDRY_SCOPE = "https://ai.azure.com/.default";

  /** As agentgateway: a token fetch that takes longer fails the call. */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(EntraTokens.class);

  private final String what;
  private final SimpleTokenCache cache;

  /**
   * @param what names the user of the tokens in failures (a guard kind)
   * @param host the host the token is for; Foundry hosts take Foundry's scope
   * @param http the HTTP client (Reactor Netty) that requests tokens
   * @throws IllegalArgumentException when the client secret cannot be resolved
   */
  public EntraTokens(
      String what,
      AzureAuth auth,
      String host,
      SecretResolver secrets,
      reactor.netty.http.client.HttpClient http) {
    this.what = what;
    TokenCredential credential = credential(auth, secrets, new NettyAsyncHttpClientBuilder(http));
    TokenRequestContext request = new TokenRequestContext().addScopes(scope(host));
    this.cache = new SimpleTokenCache(() -> credential.getToken(request));
  }

  /** The scope agentgateway requests for {@code host}. */
  static String scope(String host) {
    return host != null && host.toLowerCase(Locale.ROOT).endsWith(".services.ai.azure.com")
        ? FOUNDRY_SCOPE
        : COGNITIVE_SERVICES_SCOPE;
  }

  /** The {@code Authorization} header value: {@code Bearer <token>}. */
  public Mono<String> bearer() {
    return cache
        .getToken()
        .map(AccessToken::getToken)
        .timeout(TIMEOUT)
        .map(token -> "Bearer " + token)
        .onErrorMap(
            e -> !(e instanceof EntraTokenException),
            e -> {
              // The SDK's messages quote the identity provider's answer, never the secret; the
              // client sees only that no token could be had.
              log.warn("{}: no Entra ID token: {}", what, e.getClass().getSimpleName());
              return new EntraTokenException(what + ": no Entra ID token could be obtained");
            });
  }

  private static TokenCredential credential(
      AzureAuth auth, SecretResolver secrets, NettyAsyncHttpClientBuilder http) {
    HttpClient client = http.build();
    try {
      return switch (auth.getSource()) {
        case CLIENT_SECRET ->
            new ClientSecretCredentialBuilder()
                .tenantId(auth.getTenantId())
                .clientId(auth.getClientId())
                .clientSecret(secrets.resolve(auth.getClientSecret()))
                // As agentgateway (Azure's Rust SDK): straight to the tenant's token endpoint at
                // the authority host (AZURE_AUTHORITY_HOST for other clouds), no discovery call.
                .disableInstanceDiscovery()
                .httpClient(client)
                .build();
        case MANAGED_IDENTITY -> {
          ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder();
          switch (auth.getUserAssignedIdentityCase()) {
            case IDENTITY_CLIENT_ID -> b.clientId(auth.getIdentityClientId());
            case IDENTITY_OBJECT_ID -> b.objectId(auth.getIdentityObjectId());
            case IDENTITY_RESOURCE_ID -> b.resourceId(auth.getIdentityResourceId());
            default -> {}
          }
          yield b.httpClient(client).build();
        }
        case WORKLOAD_IDENTITY ->
            new WorkloadIdentityCredentialBuilder().httpClient(client).build();
        case DEVELOPER_IMPLICIT ->
            new ChainedTokenCredentialBuilder()
                .addLast(new AzureCliCredentialBuilder().build())
                .addLast(new AzureDeveloperCliCredentialBuilder().build())
                .build();
        case IMPLICIT -> new DefaultAzureCredentialBuilder().httpClient(client).build();
        case SOURCE_UNSPECIFIED, UNRECOGNIZED ->
            throw new IllegalArgumentException("backendAuth.azure names no credential source");
      };
    } catch (IllegalArgumentException | IllegalStateException e) {
      if (auth.getSource() == AzureAuth.Source.CLIENT_SECRET) {
        throw e;
      }
      // Workload identity without its environment, for one: as agentgateway, the credential is
      // missing when a token is asked for, and the calls that need one fail closed.
      String reason = e.getMessage();
      return request -> Mono.error(new IllegalStateException(reason));
    }
  }

  /** No token could be had; the message names the user, never the credentials. */
  public static final class EntraTokenException extends RuntimeException {
    EntraTokenException(String message) {
      super(message, null, false, false);
    }
  }
}
