package io.agw.gateway.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.agw.model.resource.v1.Jwks;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * Where JWT signing keys come from: a JWKS given inline or in a file (parsed when the state is
 * built, so a bad set refuses the state) or fetched from a URL. Remote sets are shared by every
 * state and cached per URL: refreshed after {@link #REFRESH}, and refetched at once (at most every
 * {@code minRefetch}, 5 seconds by default) when a token names a key the cached set does not have,
 * so rotated keys are picked up without a reload. Thread-safe; one instance per process.
 */
public final class JwkSources {

  public static final Duration REFRESH = Duration.ofMinutes(5);

  private final HttpClient http;
  private final Clock clock;
  private final Duration minRefetch;
  private final Map<String, RemoteJwks> remote = new ConcurrentHashMap<>();

  /**
   * @param caFile a PEM file of CAs trusted for JWKS over HTTPS instead of the JVM's, or null
   * @param minRefetch the least time between two fetches caused by unknown key ids
   */
  public JwkSources(Path caFile, Clock clock, Duration minRefetch) {
    this.clock = clock;
    this.minRefetch = minRefetch;
    HttpClient client = HttpClient.create().responseTimeout(Duration.ofSeconds(10));
    if (caFile != null) {
      client =
          client.secure(
              spec -> {
                try {
                  spec.sslContext(
                      SslContextBuilder.forClient()
                          .sslProvider(SslProvider.JDK)
                          .trustManager(caFile.toFile())
                          .build());
                } catch (javax.net.ssl.SSLException e) {
                  throw new IllegalStateException("cannot read JWKS CA file " + caFile, e);
                }
              });
    }
    this.http = client;
  }

  /**
   * The key source for a provider.
   *
   * @throws IllegalArgumentException when an inline or file set cannot be read or parsed
   */
  public Function<SignedJWT, Flux<JWK>> source(Jwks jwks) {
    return switch (jwks.getSourceCase()) {
      case INLINE -> fixed(parse(jwks.getInline(), "inline JWKS"));
      case FILE -> fixed(parse(read(jwks.getFile()), "JWKS file " + jwks.getFile()));
      case URL -> {
        RemoteJwks set =
            remote.computeIfAbsent(
                jwks.getUrl(), url -> new RemoteJwks(url, http, clock, minRefetch));
        yield jwt -> set.keys(jwt.getHeader());
      }
      case SOURCE_NOT_SET -> throw new IllegalArgumentException("jwks has no source");
    };
  }

  private static Function<SignedJWT, Flux<JWK>> fixed(JWKSet set) {
    return jwt -> Flux.fromIterable(select(set, jwt.getHeader()));
  }

  static List<JWK> select(JWKSet set, com.nimbusds.jose.JWSHeader header) {
    return new JWKSelector(JWKMatcher.forJWSHeader(header)).select(set);
  }

  static JWKSet parse(String json, String what) {
    try {
      JWKSet set = JWKSet.parse(json);
      for (JWK key : set.getKeys()) {
        if (key.isPrivate()) {
          // Only public halves belong here; refuse rather than keep private keys in memory.
          throw new IllegalArgumentException(what + " contains a private key");
        }
      }
      return set;
    } catch (ParseException e) {
      throw new IllegalArgumentException(what + " is not a JSON Web Key Set: " + e.getMessage());
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read JWKS file " + file);
    }
  }
}
