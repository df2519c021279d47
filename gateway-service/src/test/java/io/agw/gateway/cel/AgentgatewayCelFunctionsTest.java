package io.agw.gateway.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * agentgateway's CEL functions evaluated by the gateway's environment, with the examples of
 * agentgateway's function reference and its own function tests as expected values (each result
 * compared as JSON, as agentgateway's tests do).
 */
class AgentgatewayCelFunctionsTest {

  private static final CelEnvironment CEL = new CelEnvironment();

  private static String json(String expression) throws Exception {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(
            MockServerHttpRequest.get("http://example.com/api/test?foo=bar&foo=baz")
                .header("x-team", "blue"));
    return CelValues.toJson(CEL.compile(expression).eval(CelContext.request(exchange, null)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // network
        "ip('192.168.0.1')                                              | `\"192.168.0.1\"`",
        "ip('2001:db8::68')                                             | `\"2001:db8::68\"`",
        "ip('192.168.0.1').family()                                     | 4",
        "ip('2001:db8::68').family()                                    | 6",
        "isIP('192.168.0.1')                                            | true",
        "isIP('192.168.0.1.0')                                          | false",
        "isIP('2001:db8:::68')                                          | false",
        "ip('0.0.0.0').isUnspecified()                                  | true",
        "ip('::').isUnspecified()                                       | true",
        "ip('127.0.0.1').isUnspecified()                                | false",
        "ip('127.0.0.1').isLoopback()                                   | true",
        "ip('::1').isLoopback()                                         | true",
        "ip('1.2.3.4').isLoopback()                                     | false",
        "ip('224.0.0.1').isLinkLocalMulticast()                         | true",
        "ip('224.0.1.1').isLinkLocalMulticast()                         | false",
        "ip('ff02::1').isLinkLocalMulticast()                           | true",
        "ip('fd00::1').isLinkLocalMulticast()                           | false",
        "ip('169.254.169.254').isLinkLocalUnicast()                     | true",
        "ip('192.168.0.1').isLinkLocalUnicast()                         | false",
        "ip('fe80::1').isLinkLocalUnicast()                             | true",
        "ip('fd80::1').isLinkLocalUnicast()                             | false",
        "ip('192.168.0.1').isGlobalUnicast()                            | true",
        "ip('255.255.255.255').isGlobalUnicast()                        | false",
        "ip('2001:db8::abcd').isGlobalUnicast()                         | true",
        "ip('ff00::1').isGlobalUnicast()                                | false",
        "cidr('127.0.0.1/8')                                            | `\"127.0.0.1/8\"`",
        "cidr('127.0.0.1/8').containsIP(ip('127.0.0.1'))                | true",
        "cidr('127.0.0.1/8').containsIP(ip('128.0.0.1'))                | false",
        "cidr('127.0.0.1/8').containsIP('127.0.0.1')                    | true",
        "cidr('127.0.0.1/8').containsCIDR(cidr('128.0.0.1/32'))         | false",
        "cidr('127.0.0.1/8').containsCIDR(cidr('127.0.0.1/27'))         | true",
        "cidr('127.0.0.1/8').containsCIDR(cidr('127.0.0.1/32'))         | true",
        "cidr('127.0.0.0/8').masked()                                   | `\"127.0.0.0/8\"`",
        "cidr('127.0.7.1/8').masked()                                   | `\"127.0.0.0/8\"`",
        "cidr('127.0.7.1/8').prefixLength()                             | 8",
        "cidr('::1/128').prefixLength()                                 | 128",
        "cidr('127.0.7.1/8').prefixLength() == 8                        | true",
        "cidr('10.1.2.3/16').ip()                                       | `\"10.1.2.3\"`",
        "cidr('2001:db8::/32').containsIP('2001:db8:1::1')              | true",
        "ip('10.0.0.1') == ip('10.0.0.1')                               | true",
        // binding, maps and defaults
        "[1,2].with(a, a + a)                                           | `[1,2,1,2]`",
        "{'a': 1, 'b': 2}.mapValues(v, v * 2)                           | `{\"a\":2,\"b\":4}`",
        "{'a': 1, 'b': 2}.filterKeys(k, k == 'a')                       | `{\"a\":1}`",
        "{'a': 1}.filterKeys(k, k == 'z')                               | `{}`",
        "{'a': 1, 'b': 2, 'c': 3}.filterKeys(k, k != 'c').filterKeys(k, k == 'a') | `{\"a\":1}`",
        "{'a': 1, 'secret': 99}.filterKeys(k, k != 'secret').mapValues(v, v * 2) | `{\"a\":2}`",
        "{'anthropic_ver': 'x', 'model': 'y'}.filterKeys(k, !k.startsWith('anthropic_')) | `{\"model\":\"y\"}`",
        "{'a': 2}.merge({'b': 3})                                       | `{\"a\":2,\"b\":3}`",
        "{'a': 2}.merge({'a': 3})                                       | `{\"a\":3}`",
        "default({'a': 1}['a'], 2)                                      | 1",
        "default({'a': 1}['b'], 2)                                      | 2",
        "default(request.headers['missing-header'], 'fallback')         | `\"fallback\"`",
        "default(request.headers['x-team'], 'fallback')                 | `\"blue\"`",
        "default(jwt.sub, 'anonymous')                                  | `\"anonymous\"`",
        "default(null, 'b')                                             | `\"b\"`",
        "coalesce({'a': 1}['b'], {'a': 2}['a'], 3)                      | 2",
        "coalesce(null, 'fallback')                                     | `\"fallback\"`",
        "coalesce(null)                                                 | null",
        "variables().request.method                                     | `\"GET\"`",
        // JSON
        "json('{\"hi\": 1}').hi                                          | 1",
        "json(b'{\"hi\": 1}').hi                                         | 1",
        "jsonField('{\"hi\": 1}', 'hi')                                  | 1",
        "toJson({'hello': 'world'})                                     | `\"{\\\"hello\\\":\\\"world\\\"}\"`",
        "to_json([1])                                                   | `\"[1]\"`",
        "unvalidatedJwtPayload('eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjMiLCJhZG1pbiI6dHJ1ZX0.') | `{\"sub\":\"123\",\"admin\":true}`",
        "unvalidatedJwtPayload('eyJhbGciOiJub25lIn0.eyJkYXRhIjoifn5-In0.').data | `\"~~~\"`",
        // strings
        "'/id/1234/data'.regexReplace('/id/[0-9]*/', '/id/{id}/')       | `\"/id/{id}/data\"`",
        "'blah id=1234 bar'.regexReplace('id=(.+?) ', '[$1] ')          | `\"blah [1234] bar\"`",
        "'hello'.stripPrefix('he')                                      | `\"llo\"`",
        "'hello'.stripPrefix('hi')                                      | `\"hello\"`",
        "'hello'.stripSuffix('lo')                                      | `\"hel\"`",
        "'hello'.stripSuffix('')                                        | `\"hello\"`",
        "'raw-token'.unredacted()                                       | `\"raw-token\"`",
        "'a,b'.split(',')                                               | `[\"a\",\"b\"]`",
        "'Hello'.lowerAscii()                                           | `\"hello\"`",
        "math.greatest(1, 5, 3)                                         | 5",
        // encodings
        "base64.encode('hello')                                         | `\"aGVsbG8=\"`",
        "base64Encode('hello')                                          | `\"aGVsbG8=\"`",
        "string(base64.decode('aGVsbG8='))                              | `\"hello\"`",
        "string(base64.decode('Zg'))                                    | `\"f\"`",
        "string(base64Decode(base64Encode('hello')))                    | `\"hello\"`",
        "url.encode('hello world/?x=1&y=2')                             | `\"hello%20world%2F%3Fx%3D1%26y%3D2\"`",
        "url.encode('abc-._~')                                          | `\"abc-._~\"`",
        "url.encode('!')                                                | `\"%21\"`",
        "url.decode('hello%20world%2F%3Fx%3D1%26y%3D2')                 | `\"hello world/?x=1&y=2\"`",
        "url.decode('a+b')                                              | `\"a+b\"`",
        "form.decode('client_id=abc&scope=openid+profile')              | `{\"client_id\":\"abc\",\"scope\":\"openid profile\"}`",
        "form.decode('a=1&a=2')                                         | `{\"a\":[\"1\",\"2\"]}`",
        "form.encode({'scope': 'openid profile'})                       | `\"scope=openid+profile\"`",
        "form.encode({'b': ['2', '3'], 'a': '1', 'c': null})            | `\"a=1&b=2&b=3\"`",
        "sha1.encode('hello')                                           | `\"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d\"`",
        "sha256.encode('hello')                                         | `\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\"`",
        "md5.encode('hello')                                            | `\"5d41402abc4b2a76b9719d911017c592\"`",
        "md5.encode(base64.decode('aGVsbG8='))                                           | `\"5d41402abc4b2a76b9719d911017c592\"`",
        // query accessors
        "request.pathAndQuery.query('foo')                              | `[\"bar\",\"baz\"]`",
        "request.pathAndQuery.addQuery('foo', 'qux')                    | `\"/api/test?foo=bar&foo=baz&foo=qux\"`",
        "request.uri.setQuery('foo', 'qux')                             | `\"http://example.com/api/test?foo=qux\"`",
      })
  void evaluatesAsAgentgatewayDoes(String expression, String expectedJson) throws Exception {
    assertThat(json(expression)).isEqualTo(expectedJson);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ip('192.168.0.1.0')",
        "ip('2001:db8:::68')",
        "ip('example.com')",
        "cidr('10.0.0.0')",
        "cidr('10.0.0.0/33')",
        "url.decode('%FF')",
        "unvalidatedJwtPayload('not-a-jwt')",
        "unvalidatedJwtPayload('a.b.c')",
        "fail('bad')",
        "coalesce(fail('bad'), {'a': 1}['b'])",
        "{'a': 1}.filterKeys(k, k / 0 == 1)",
        "form.encode({'bad': {}})",
        "jsonField('{\"hi\": 1}', 'unknown')",
        "'x'.regexReplace('(', 'y')",
        "request.pathAndQuery.query('missing')",
        "json('not json')",
      })
  void failsAsAgentgatewayDoes(String expression) {
    assertThatThrownBy(() -> json(expression)).isInstanceOf(Exception.class);
  }

  @Test
  void randomIsBetweenZeroAndOneAndUuidIsAVersion4Uuid() throws Exception {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      double random = Double.parseDouble(json("random()"));
      assertThat(random).isBetween(0.0, 1.0);
      String uuid = json("uuid()").replace("\"", "");
      assertThat(uuid)
          .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      seen.add(uuid);
    }
    assertThat(seen).hasSize(20);
  }
}
