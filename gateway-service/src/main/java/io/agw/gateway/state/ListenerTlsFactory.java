package io.agw.gateway.state;

import io.agw.gateway.backend.PemPrivateKeys;
import io.agw.gateway.state.BindTls.SniCertificate;
import io.agw.model.resource.v1.DataSource;
import io.agw.model.resource.v1.FrontendTls;
import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.ListenerTls;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the server TLS of a port from its HTTPS listeners: one context per listener, chosen by SNI
 * (see {@link BindTls}). Certificate files are read every time a state is built, so a rotated
 * certificate is served after the next reload; a listener's context is reused while its settings
 * and file contents are unchanged. Thread-safe.
 */
public final class ListenerTlsFactory {

  private record CacheKey(String settings, int cert, int key, int root) {}

  private final Map<CacheKey, SslContext> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, SslContext> eldest) {
          return size() > 256;
        }
      };

  /** The port's TLS without frontend policies, or null when its listeners are plain HTTP. */
  public BindTls forBind(List<Listener> listeners) {
    return forBind(listeners, FrontendTls.getDefaultInstance());
  }

  /**
   * The port's TLS, or null when its listeners are plain HTTP.
   *
   * @param frontend {@code frontendPolicies.tls}: its versions and cipher suites, where set, take
   *     precedence over each listener's own
   */
  public synchronized BindTls forBind(List<Listener> listeners, FrontendTls frontend) {
    List<Listener> https =
        listeners.stream().filter(l -> l.getProtocol() == Listener.Protocol.HTTPS).toList();
    if (https.isEmpty()) {
      return null;
    }
    if (https.size() != listeners.size()) {
      throw new IllegalArgumentException("HTTP and HTTPS listeners cannot share a port");
    }
    Duration handshakeTimeout =
        frontend.hasHandshakeTimeout()
            ? Duration.ofSeconds(
                frontend.getHandshakeTimeout().getSeconds(),
                frontend.getHandshakeTimeout().getNanos())
            : BindTls.DEFAULT_HANDSHAKE_TIMEOUT;
    List<SniCertificate> certificates = new ArrayList<>();
    Map<String, String> byHostname = new HashMap<>();
    SniCertificate fallback = null;
    for (Listener l : https) {
      String hostname = l.getHostname().toLowerCase(Locale.ROOT);
      String other = byHostname.putIfAbsent(hostname.equals("*") ? "" : hostname, l.getName());
      if (other != null) {
        // SNI can pick only one certificate per name.
        throw new IllegalArgumentException(
            "HTTPS listeners "
                + other
                + " and "
                + l.getName()
                + " have the same hostname '"
                + l.getHostname()
                + "' on one port");
      }
      SniCertificate certificate =
          new SniCertificate(l.getName(), hostname, context(l, frontend), handshakeTimeout);
      certificates.add(certificate);
      if (fallback == null || hostname.isEmpty() || hostname.equals("*")) {
        fallback = certificate;
      }
    }
    return new BindTls(certificates, fallback);
  }

  private SslContext context(Listener l, FrontendTls frontend) {
    ListenerTls tls = l.getTls();
    TlsProfile profile = TlsProfile.of(tls, frontend);
    if (!tls.hasCert() || !tls.hasKey()) {
      throw new IllegalArgumentException(
          "HTTPS listener " + l.getName() + " needs tls.cert and tls.key");
    }
    try {
      byte[] cert = read(tls.getCert());
      byte[] key = PemPrivateKeys.pkcs8(read(tls.getKey()));
      byte[] root = tls.hasRoot() ? read(tls.getRoot()) : new byte[0];
      CacheKey cacheKey =
          new CacheKey(
              tls + "/" + profile,
              Arrays.hashCode(cert),
              Arrays.hashCode(key),
              Arrays.hashCode(root));
      SslContext cached = cache.get(cacheKey);
      if (cached != null) {
        return cached;
      }
      SslContextBuilder builder =
          SslContextBuilder.forServer(
              new ByteArrayInputStream(cert), new ByteArrayInputStream(key));
      if (root.length > 0) {
        builder.trustManager(new ByteArrayInputStream(root)).clientAuth(ClientAuth.REQUIRE);
      }
      profile.configure(builder);
      SslContext context = builder.build();
      cache.put(cacheKey, context);
      return context;
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("listener " + l.getName() + " TLS: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  private static byte[] read(DataSource source) throws IOException {
    return switch (source.getSourceCase()) {
      case INLINE -> source.getInline().getBytes(StandardCharsets.UTF_8);
      case FILE -> {
        try (InputStream in = Files.newInputStream(Path.of(source.getFile()))) {
          yield in.readAllBytes();
        }
      }
      case SOURCE_NOT_SET -> throw new IOException("no certificate source");
    };
  }
}
