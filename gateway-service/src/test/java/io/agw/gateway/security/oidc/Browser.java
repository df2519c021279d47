package io.agw.gateway.security.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as a login needs one: a cookie jar, redirects followed one by one (so a test can
 * look at each), and the OpenID provider's development login and consent forms filled in.
 */
final class Browser {

  private static final Pattern FORM =
      Pattern.compile(
          "<form[^>]*action=\"([^\"]+)\"[^>]*method=\"post\">\\s*<input type=\"hidden\""
              + " name=\"prompt\" value=\"(login|consent)\"");

  final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http =
      HttpClient.newBuilder()
          // As a browser on http:// (no h2c upgrade).
          .version(HttpClient.Version.HTTP_1_1)
          .cookieHandler(jar)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  HttpResponse<String> post(String url, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Follows redirects from {@code response} to the first answer that is not one. */
  HttpResponse<String> follow(HttpResponse<String> response) {
    for (int hops = 0; isRedirect(response); hops++) {
      if (hops > 20) {
        throw new IllegalStateException("too many redirects at " + response.uri());
      }
      response = get(location(response).toString());
    }
    return response;
  }

  /**
   * Opens {@code url} and logs in as {@code user} wherever the provider asks (login, consent),
   * answering the page the browser lands on at the end.
   */
  HttpResponse<String> login(String url, String user) {
    HttpResponse<String> page = follow(get(url));
    for (int steps = 0; steps < 4; steps++) {
      Matcher form = FORM.matcher(page.body());
      if (!form.find()) {
        return page;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("prompt", form.group(2));
      if (form.group(2).equals("login")) {
        fields.put("login", user);
        fields.put("password", "any");
      }
      page = follow(post(page.uri().resolve(form.group(1)).toString(), fields));
    }
    throw new IllegalStateException("the provider kept asking: " + page.body());
  }

  static URI location(HttpResponse<String> response) {
    return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
  }

  /** The cookie named {@code prefix...} for {@code url}, or null. */
  HttpCookie cookie(String url, String prefix) {
    return jar.getCookieStore().get(URI.create(url)).stream()
        .filter(c -> c.getName().startsWith(prefix))
        .findFirst()
        .orElse(null);
  }

  /** Replaces a cookie's value, as a user editing the cookie would. */
  void replace(String url, HttpCookie cookie, String value) {
    jar.getCookieStore().remove(URI.create(url), cookie);
    HttpCookie changed = new HttpCookie(cookie.getName(), value);
    changed.setPath("/");
    changed.setVersion(0);
    jar.getCookieStore().add(URI.create(url), changed);
  }

  private static boolean isRedirect(HttpResponse<String> response) {
    int status = response.statusCode();
    return status == 301 || status == 302 || status == 303 || status == 307;
  }

  private HttpResponse<String> send(HttpRequest.Builder builder) {
    HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
