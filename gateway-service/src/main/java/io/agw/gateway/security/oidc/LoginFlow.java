package io.agw.gateway.security.oidc;

import io.agw.model.resource.v1.Oidc;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two redirects of the authorization code flow, as agentgateway does them. {@link #start} sends
 * the browser to the provider with PKCE (S256), {@code state} and {@code nonce}, remembering them
 * in a sealed transaction cookie (5 minutes). {@link #callback} checks the returning {@code state}
 * against that cookie (constant-time), exchanges the code, verifies the ID token (signature, {@code
 * iss}, {@code aud}, {@code exp}) and its {@code nonce}, then sets the sealed session cookie and
 * sends the browser back to the page it first asked for. Immutable; thread-safe.
 */
final class LoginFlow {

  static final Duration TRANSACTION_TTL = Duration.ofMinutes(5);
  static final Duration SESSION_TTL = Duration.ofHours(1);
  private static final int ORIGINAL_URI_LIMIT = 2048;
  private static final Logger log = LoggerFactory.getLogger(LoginFlow.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Oidc policy;
  private final String clientSecret;
  private final OidcCookies cookies;
  private final CookieKeys keys;
  private final ProviderResolver providers;
  private final TokenExchange tokens;

  LoginFlow(
      Oidc policy,
      String clientSecret,
      OidcCookies cookies,
      CookieKeys keys,
      ProviderResolver providers,
      TokenExchange tokens) {
    this.policy = policy;
    this.clientSecret = clientSecret;
    this.cookies = cookies;
    this.keys = keys;
    this.providers = providers;
    this.tokens = tokens;
  }

  /** Answers 302 to the provider's authorization endpoint. */
  Mono<Void> start(ServerWebExchange exchange) {
    return providers
        .provider()
        .flatMap(
            provider -> {
              String transactionId = random(16);
              String csrf = random(16);
              String nonce = random(16);
              String verifier = random(32);
              LoginTransaction transaction =
                  new LoginTransaction(
                      policy.getPolicyId(),
                      transactionId,
                      csrf,
                      nonce,
                      verifier,
                      originalUri(exchange.getRequest()),
                      now() + TRANSACTION_TTL.toSeconds());
              Map<String, String> query = new LinkedHashMap<>();
              query.put("response_type", "code");
              query.put("client_id", policy.getClientId());
              query.put("redirect_uri", policy.getRedirectUri());
              query.put("scope", String.join(" ", policy.getScopesList()));
              query.put(
                  "state",
                  B64.encodeToString(
                      JSON.writeValueAsBytes(new CallbackState(transactionId, csrf))));
              query.put("nonce", nonce);
              query.put("code_challenge", B64.encodeToString(sha256(verifier)));
              query.put("code_challenge_method", "S256");
              String endpoint = provider.authorizationEndpoint();
              String location =
                  endpoint
                      + (endpoint.contains("?") ? "&" : "?")
                      + query.entrySet().stream()
                          .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                          .collect(Collectors.joining("&"));
              String sealed = keys.cipher().seal(JSON.writeValueAsString(transaction));
              return redirect(
                  exchange,
                  location,
                  cookies.set(cookies.transactionName(transactionId), sealed, TRANSACTION_TTL));
            });
  }

  /**
   * Handles the provider's return ({@code state} and {@code code} or {@code error}): 302 back to
   * the original page with the session cookie, or an {@link OidcFailure}.
   */
  Mono<Void> callback(ServerWebExchange exchange, String state, String code, String error) {
    CallbackState returned = decodeState(state);
    var cookie =
        exchange
            .getRequest()
            .getCookies()
            .getFirst(cookies.transactionName(returned.transactionId()));
    if (cookie == null) {
      throw OidcFailure.forbidden(
          "no login is in progress for this state (its cookie is missing or has expired)");
    }
    if (error != null) {
      throw OidcFailure.forbidden(
          "the identity provider ended the login with error '" + safe(error) + "'");
    }
    LoginTransaction transaction =
        keys.cipher()
            .open(cookie.getValue())
            .map(LoginFlow::readTransaction)
            .filter(t -> t != null && t.expiresAtUnix() > now())
            .orElseThrow(
                () -> OidcFailure.forbidden("the login attempt is invalid or has expired"));
    if (!transaction.policyId().equals(policy.getPolicyId())
        || !constantTimeEquals(transaction.transactionId(), returned.transactionId())
        || !constantTimeEquals(transaction.csrfState(), returned.csrfState())) {
      throw OidcFailure.forbidden("the state does not match the login in progress");
    }
    log.debug("oidc: callback of policy {}, exchanging the code", policy.getPolicyId());
    return providers
        .provider()
        .flatMap(
            provider ->
                tokens
                    .idToken(
                        provider,
                        policy.getClientId(),
                        clientSecret,
                        policy.getRedirectUri(),
                        code,
                        transaction.pkceVerifier())
                    .flatMap(
                        idToken ->
                            provider
                                .idTokens()
                                .verify(idToken)
                                .onErrorMap(
                                    JwtException.class,
                                    e -> {
                                      log.info("OIDC ID token refused: {}", e.getMessage());
                                      return OidcFailure.unauthorized(
                                          "the identity provider's ID token is invalid");
                                    })
                                .flatMap(
                                    jwt ->
                                        loggedIn(exchange, transaction, returned, idToken, jwt))));
  }

  private Mono<Void> loggedIn(
      ServerWebExchange exchange,
      LoginTransaction transaction,
      CallbackState returned,
      String idToken,
      Jwt jwt) {
    Object nonce = jwt.getClaims().get("nonce");
    if (!(nonce instanceof String s) || !constantTimeEquals(s, transaction.nonce())) {
      throw OidcFailure.forbidden("the ID token's nonce does not match the login in progress");
    }
    long now = now();
    long expires = now + SESSION_TTL.toSeconds();
    if (jwt.getExpiresAt() != null) {
      expires = Math.min(expires, jwt.getExpiresAt().getEpochSecond());
    }
    String sealed =
        keys.cipher()
            .seal(
                JSON.writeValueAsString(
                    new BrowserSession(policy.getPolicyId(), idToken, expires)));
    if (sealed.length() > OidcCookies.MAX_VALUE_LENGTH) {
      throw new OidcFailure(
          HttpStatus.INTERNAL_SERVER_ERROR,
          "oidc_session_too_large",
          "the ID token is too large to keep in a browser cookie");
    }
    return redirect(
        exchange,
        transaction.originalUri(),
        cookies.set(cookies.sessionName(), sealed, Duration.ofSeconds(Math.max(0, expires - now))),
        cookies.clear(cookies.transactionName(returned.transactionId())));
  }

  /** The session in {@code value}, if it is one of this policy's and has not expired. */
  BrowserSession session(String value) {
    return keys.cipher()
        .open(value)
        .map(
            json -> {
              try {
                return JSON.readValue(json, BrowserSession.class);
              } catch (JacksonException e) {
                return null;
              }
            })
        .filter(s -> s.policyId().equals(policy.getPolicyId()) && s.expiresAtUnix() > now())
        .orElse(null);
  }

  private static Mono<Void> redirect(
      ServerWebExchange exchange, String location, String... setCookies) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.FOUND);
    response.getHeaders().set(HttpHeaders.LOCATION, location);
    response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
    for (String setCookie : setCookies) {
      response.getHeaders().add(HttpHeaders.SET_COOKIE, setCookie);
    }
    return response.setComplete();
  }

  private static CallbackState decodeState(String state) {
    try {
      CallbackState decoded =
          JSON.readValue(Base64.getUrlDecoder().decode(state), CallbackState.class);
      if (decoded.transactionId() != null
          && decoded.transactionId().matches("[A-Za-z0-9_-]{1,64}")
          && decoded.csrfState() != null) {
        return decoded;
      }
    } catch (IllegalArgumentException | JacksonException e) {
      // Reported below.
    }
    throw OidcFailure.forbidden("the login's state parameter is invalid");
  }

  private static LoginTransaction readTransaction(String json) {
    try {
      return JSON.readValue(json, LoginTransaction.class);
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Only local targets are returned to, so the callback cannot become an open redirect. */
  static String originalUri(ServerHttpRequest request) {
    URI uri = request.getURI();
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    if (target.length() > ORIGINAL_URI_LIMIT || !isLocal(target)) {
      return "/";
    }
    String decoded;
    try {
      decoded = URLDecoder.decode(target.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "/";
    }
    return isLocal(decoded) ? target : "/";
  }

  private static boolean isLocal(String target) {
    return target.startsWith("/") && !target.startsWith("//") && !target.contains("\\");
  }

  private static String safe(String error) {
    return error.matches("[A-Za-z0-9_.\\-]{1,64}") ? error : "error";
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return B64.encodeToString(value);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }
}
