package io.agw.model.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import java.util.List;

/**
 * agentgateway's IP address and CIDR functions (the Kubernetes CEL IP and CIDR libraries as
 * agentgateway registers them): {@code isIP(string)}, {@code ip(string)}, {@code cidr(string)} and
 * the methods of the two opaque types they return. The overload ids are the contract with the
 * gateway's bindings. Immutable.
 */
public final class CelNetworkDeclarations {

  /** The type of {@code ip(...)}: an IPv4 or IPv6 address. */
  public static final OpaqueType IP = OpaqueType.create("net.IP");

  /** The type of {@code cidr(...)}: an address with a prefix length. */
  public static final OpaqueType CIDR = OpaqueType.create("net.CIDR");

  public static final String IS_IP = "is_ip_string";
  public static final String IP_STRING = "ip_string";
  public static final String CIDR_STRING = "cidr_string";
  public static final String IP_FAMILY = "ip_family";
  public static final String IP_IS_UNSPECIFIED = "ip_is_unspecified";
  public static final String IP_IS_LOOPBACK = "ip_is_loopback";
  public static final String IP_IS_LINK_LOCAL_MULTICAST = "ip_is_link_local_multicast";
  public static final String IP_IS_LINK_LOCAL_UNICAST = "ip_is_link_local_unicast";
  public static final String IP_IS_GLOBAL_UNICAST = "ip_is_global_unicast";
  public static final String CIDR_CONTAINS_IP = "cidr_contains_ip_ip";
  public static final String CIDR_CONTAINS_IP_STRING = "cidr_contains_ip_string";
  public static final String CIDR_CONTAINS_CIDR = "cidr_contains_cidr";
  public static final String CIDR_IP = "cidr_ip";
  public static final String CIDR_MASKED = "cidr_masked";
  public static final String CIDR_PREFIX_LENGTH = "cidr_prefix_length";

  private CelNetworkDeclarations() {}

  static List<CelFunctionDecl> functions() {
    return List.of(
        newFunctionDeclaration(
            "isIP", newGlobalOverload(IS_IP, SimpleType.BOOL, SimpleType.STRING)),
        newFunctionDeclaration(
            "ip",
            newGlobalOverload(IP_STRING, IP, SimpleType.STRING),
            newMemberOverload(CIDR_IP, IP, CIDR)),
        newFunctionDeclaration("cidr", newGlobalOverload(CIDR_STRING, CIDR, SimpleType.STRING)),
        newFunctionDeclaration("family", newMemberOverload(IP_FAMILY, SimpleType.INT, IP)),
        ipPredicate("isUnspecified", IP_IS_UNSPECIFIED),
        ipPredicate("isLoopback", IP_IS_LOOPBACK),
        ipPredicate("isLinkLocalMulticast", IP_IS_LINK_LOCAL_MULTICAST),
        ipPredicate("isLinkLocalUnicast", IP_IS_LINK_LOCAL_UNICAST),
        ipPredicate("isGlobalUnicast", IP_IS_GLOBAL_UNICAST),
        newFunctionDeclaration(
            "containsIP",
            newMemberOverload(CIDR_CONTAINS_IP, SimpleType.BOOL, CIDR, IP),
            newMemberOverload(CIDR_CONTAINS_IP_STRING, SimpleType.BOOL, CIDR, SimpleType.STRING)),
        newFunctionDeclaration(
            "containsCIDR", newMemberOverload(CIDR_CONTAINS_CIDR, SimpleType.BOOL, CIDR, CIDR)),
        newFunctionDeclaration("masked", newMemberOverload(CIDR_MASKED, CIDR, CIDR)),
        // agentgateway answers an unsigned integer, Kubernetes an int: int, so that
        // `prefixLength() == 8` type-checks as written in both projects' examples.
        newFunctionDeclaration(
            "prefixLength", newMemberOverload(CIDR_PREFIX_LENGTH, SimpleType.INT, CIDR)));
  }

  private static CelFunctionDecl ipPredicate(String name, String overloadId) {
    return newFunctionDeclaration(name, newMemberOverload(overloadId, SimpleType.BOOL, IP));
  }
}
