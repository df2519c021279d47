package io.agw.model.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.bundle.Cel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The type check of agentgateway's CEL functions and variables as the config loader runs it: each
 * function is declared with agentgateway's result type, and arguments of the wrong type are refused
 * with the position of the call.
 */
class AgentgatewayCelDeclarationsTest {

  private static final Cel CEL = CelDeclarations.builder().build();

  private static String resultType(String expression) throws Exception {
    return CEL.compile(expression).getAst().getResultType().name();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "ip('10.0.0.1')                                  | net.IP",
        "cidr('10.0.0.0/8')                              | net.CIDR",
        "isIP('10.0.0.1')                                | bool",
        "ip('10.0.0.1').family()                         | int",
        "ip('10.0.0.1').isUnspecified()                  | bool",
        "ip('10.0.0.1').isLoopback()                     | bool",
        "ip('10.0.0.1').isLinkLocalMulticast()           | bool",
        "ip('10.0.0.1').isLinkLocalUnicast()             | bool",
        "ip('10.0.0.1').isGlobalUnicast()                | bool",
        "cidr('10.0.0.0/8').containsIP(ip('10.0.0.1'))   | bool",
        "cidr('10.0.0.0/8').containsIP('10.0.0.1')       | bool",
        "cidr('10.0.0.0/8').containsIP(source.address)   | bool",
        "cidr('10.0.0.0/8').containsCIDR(cidr('10.1.0.0/16')) | bool",
        "cidr('10.0.0.0/8').ip()                         | net.IP",
        "cidr('10.0.0.0/8').masked()                     | net.CIDR",
        "cidr('10.0.0.0/8').prefixLength()               | int",
        "json('{}')                                      | dyn",
        "json(b'{}')                                     | dyn",
        "jsonField('{}', 'a')                            | dyn",
        "toJson(request)                                 | string",
        "to_json(request)                                | string",
        "unvalidatedJwtPayload('a.b.c')                  | dyn",
        "request.with(r, r.path)                         | dyn",
        "{'a': 1}.mapValues(v, v * 2)                    | map",
        "{'a': 1}.filterKeys(k, k == 'a')                | map",
        "{'a': 1}.merge({'b': 2})                        | map",
        "variables()                                     | map",
        "random()                                        | double",
        "uuid()                                          | string",
        "fail('no')                                      | dyn",
        "default(request.headers['x'], 'y')              | dyn",
        "coalesce(jwt.sub, apiKey.key, 'anonymous')      | dyn",
        "'a'.regexReplace('a', 'b')                      | string",
        "'ab'.stripPrefix('a')                           | string",
        "'ab'.stripSuffix('b')                           | string",
        "base64.encode('a')                              | string",
        "base64.encode(b'a')                             | string",
        "base64.decode('YQ==')                           | bytes",
        "base64.decode(b'YQ==')                          | bytes",
        "base64Encode('a')                               | string",
        "base64Decode('YQ==')                            | bytes",
        "url.encode('a b')                               | string",
        "url.decode('a%20b')                             | string",
        "form.decode('a=1')                              | map",
        "form.encode({'a': '1'})                         | string",
        "sha1.encode('a')                                | string",
        "sha256.encode(b'a')                             | string",
        "md5.encode('a')                                 | string",
        "request.pathAndQuery.query('a')                 | list",
        "'/p'.addQuery('a', 'b')                         | string",
        "'/p'.setQuery('a', 'b')                         | string",
        "math.least(1, 2)                                | int",
        "'a'.upperAscii()                                | string",
        "extauthz.user                                   | dyn",
        "extproc.x                                       | dyn",
        "metadata.team                                   | dyn",
        "mcpGuardrails.x                                 | dyn",
        "proxy.route.name                                | dyn",
        "env.podName                                     | dyn",
        "destination.port                                | dyn",
        "llmRequest.model                                | dyn",
      })
  void declaresFunctionsAndVariablesWithAgentgatewaysResultTypes(
      String expression, String resultType) throws Exception {
    assertThat(CelDeclarations.check(expression)).isEmpty();
    assertThat(resultType(expression)).isEqualTo(resultType);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "cidr(1)                                         | line 1, column 5",
        "ip(true)                                        | line 1, column 3",
        "isIP(cidr('10.0.0.0/8'))                        | line 1, column 5",
        "cidr('10.0.0.0/8').containsCIDR('10.0.0.0/16')  | line 1, column 32",
        "ip('10.0.0.1').family(1)                        | line 1, column 22",
        "'a'.regexReplace(1, 'b')                        | line 1, column 17",
        "form.encode([])                                 | line 1, column 12",
        "url.decode(1)                                   | line 1, column 11",
        "sha256.encode(1)                                | line 1, column 14",
        "random(1)                                       | line 1, column 7",
        "{'a': 1}.merge([1])                             | line 1, column 15",
      })
  void refusesWrongArgumentTypesWithThePosition(String expression, String position) {
    assertThat(CelDeclarations.check(expression))
        .hasValueSatisfying(
            problem -> assertThat(problem).startsWith(position).contains("no matching overload"));
  }

  @Test
  void macrosNeedAnIdentifierWhereAgentgatewayBindsOne() {
    assertThat(CelDeclarations.check("request.with('r', 1)"))
        .hasValueSatisfying(p -> assertThat(p).contains("identifier"));
    assertThat(CelDeclarations.check("{'a': 1}.mapValues(1, 2)"))
        .hasValueSatisfying(p -> assertThat(p).contains("identifier"));
    assertThat(CelDeclarations.check("cidr('10.0.0.0/8').unknownMethod()")).isPresent();
  }
}
