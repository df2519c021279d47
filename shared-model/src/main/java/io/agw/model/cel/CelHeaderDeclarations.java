package io.agw.model.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.SimpleType;
import java.util.List;

/**
 * agentgateway's views of a header map ({@code request.headers}, {@code response.headers}): {@code
 * redacted()}, {@code join()}, {@code raw()}, {@code split()} give the map again in another form,
 * {@code cookie(name)} one cookie's value. The overload ids are the contract with the gateway's
 * bindings. Immutable.
 */
public final class CelHeaderDeclarations {

  public static final String REDACTED = "agw_headers_redacted";
  public static final String JOIN = "agw_headers_join";
  public static final String RAW = "agw_headers_raw";
  public static final String SPLIT = "agw_headers_split";
  public static final String COOKIE = "agw_headers_cookie";

  private CelHeaderDeclarations() {}

  static List<CelFunctionDecl> functions() {
    var map = CelFunctionDeclarations.MAP;
    return List.of(
        newFunctionDeclaration("redacted", newMemberOverload(REDACTED, map, map)),
        newFunctionDeclaration("join", newMemberOverload(JOIN, map, map)),
        newFunctionDeclaration("raw", newMemberOverload(RAW, map, map)),
        newFunctionDeclaration("split", newMemberOverload(SPLIT, map, map)),
        newFunctionDeclaration(
            "cookie", newMemberOverload(COOKIE, SimpleType.STRING, map, SimpleType.STRING)));
  }
}
