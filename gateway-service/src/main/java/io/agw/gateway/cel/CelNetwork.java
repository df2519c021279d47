package io.agw.gateway.cel;

import static io.agw.model.cel.CelNetworkDeclarations.CIDR_CONTAINS_CIDR;
import static io.agw.model.cel.CelNetworkDeclarations.CIDR_CONTAINS_IP;
import static io.agw.model.cel.CelNetworkDeclarations.CIDR_CONTAINS_IP_STRING;
import static io.agw.model.cel.CelNetworkDeclarations.CIDR_IP;
import static io.agw.model.cel.CelNetworkDeclarations.CIDR_MASKED;
import static io.agw.model.cel.CelNetworkDeclarations.CIDR_PREFIX_LENGTH;
import static io.agw.model.cel.CelNetworkDeclarations.CIDR_STRING;
import static io.agw.model.cel.CelNetworkDeclarations.IP_FAMILY;
import static io.agw.model.cel.CelNetworkDeclarations.IP_IS_GLOBAL_UNICAST;
import static io.agw.model.cel.CelNetworkDeclarations.IP_IS_LINK_LOCAL_MULTICAST;
import static io.agw.model.cel.CelNetworkDeclarations.IP_IS_LINK_LOCAL_UNICAST;
import static io.agw.model.cel.CelNetworkDeclarations.IP_IS_LOOPBACK;
import static io.agw.model.cel.CelNetworkDeclarations.IP_IS_UNSPECIFIED;
import static io.agw.model.cel.CelNetworkDeclarations.IP_STRING;
import static io.agw.model.cel.CelNetworkDeclarations.IS_IP;

import com.google.common.net.InetAddresses;
import dev.cel.runtime.CelFunctionBinding;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * The run-time half of agentgateway's {@code ip(...)} and {@code cidr(...)} functions. Addresses
 * are parsed as literals only (never resolved as host names); text that is not one is an evaluation
 * error, as in agentgateway. Stateless.
 */
final class CelNetwork {

  private CelNetwork() {}

  /** An IP address ({@code net.IP}); as text and JSON, its canonical form. */
  record Ip(InetAddress address) {
    @Override
    public String toString() {
      return InetAddresses.toAddrString(address);
    }
  }

  /**
   * An address with a prefix length ({@code net.CIDR}), the address kept as written (host bits
   * included); as text and JSON, {@code address/prefix}.
   */
  record Cidr(InetAddress address, int prefixLength) {
    boolean contains(InetAddress other) {
      byte[] net = address.getAddress();
      byte[] ip = other.getAddress();
      if (net.length != ip.length) {
        return false;
      }
      int full = prefixLength / 8;
      for (int i = 0; i < full; i++) {
        if (net[i] != ip[i]) {
          return false;
        }
      }
      int rest = prefixLength % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (net[full] & mask) == (ip[full] & mask);
    }

    boolean contains(Cidr other) {
      return other.prefixLength >= prefixLength && contains(other.address);
    }

    Cidr masked() {
      byte[] bytes = address.getAddress();
      for (int i = 0; i < bytes.length; i++) {
        int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
        bytes[i] = (byte) (bytes[i] & ((0xff << (8 - keep)) & 0xff));
      }
      try {
        return new Cidr(InetAddress.getByAddress(bytes), prefixLength);
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e); // a 4- or 16-byte array is always an address
      }
    }

    @Override
    public String toString() {
      return InetAddresses.toAddrString(address) + "/" + prefixLength;
    }
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from(IS_IP, String.class, CelNetwork::isIp),
        CelFunctionBinding.from(IP_STRING, String.class, CelNetwork::ip),
        CelFunctionBinding.from(CIDR_STRING, String.class, CelNetwork::cidr),
        CelFunctionBinding.from(
            IP_FAMILY, Ip.class, ip -> ip.address() instanceof Inet4Address ? 4L : 6L),
        CelFunctionBinding.from(
            IP_IS_UNSPECIFIED, Ip.class, ip -> ip.address().isAnyLocalAddress()),
        CelFunctionBinding.from(IP_IS_LOOPBACK, Ip.class, ip -> ip.address().isLoopbackAddress()),
        CelFunctionBinding.from(
            IP_IS_LINK_LOCAL_MULTICAST, Ip.class, ip -> linkLocalMulticast(ip.address())),
        CelFunctionBinding.from(
            IP_IS_LINK_LOCAL_UNICAST, Ip.class, ip -> linkLocalUnicast(ip.address())),
        CelFunctionBinding.from(IP_IS_GLOBAL_UNICAST, Ip.class, ip -> globalUnicast(ip.address())),
        CelFunctionBinding.from(
            CIDR_CONTAINS_IP, Cidr.class, Ip.class, (c, ip) -> c.contains(ip.address())),
        CelFunctionBinding.from(
            CIDR_CONTAINS_IP_STRING,
            Cidr.class,
            String.class,
            (c, s) -> c.contains(ip(s).address())),
        CelFunctionBinding.from(CIDR_CONTAINS_CIDR, Cidr.class, Cidr.class, Cidr::contains),
        CelFunctionBinding.from(CIDR_IP, Cidr.class, c -> new Ip(c.address())),
        CelFunctionBinding.from(CIDR_MASKED, Cidr.class, Cidr::masked),
        CelFunctionBinding.from(CIDR_PREFIX_LENGTH, Cidr.class, c -> (long) c.prefixLength()));
  }

  static boolean isIp(String text) {
    return InetAddresses.isInetAddress(text);
  }

  static Ip ip(String text) {
    try {
      return new Ip(InetAddresses.forString(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ip(): invalid IP address syntax");
    }
  }

  static Cidr cidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("cidr(): invalid IP address syntax (no prefix length)");
    }
    InetAddress address;
    int prefix;
    try {
      address = InetAddresses.forString(text.substring(0, slash));
      String digits = text.substring(slash + 1);
      if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("bad prefix");
      }
      prefix = Integer.parseInt(digits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cidr(): invalid IP address syntax");
    }
    if (prefix > address.getAddress().length * 8) {
      throw new IllegalArgumentException("cidr(): invalid prefix length");
    }
    return new Cidr(address, prefix);
  }

  private static boolean linkLocalMulticast(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length == 4) {
      return (b[0] & 0xff) == 224 && b[1] == 0 && b[2] == 0;
    }
    return (b[0] & 0xff) == 0xff && (b[1] & 0x0f) == 0x02;
  }

  private static boolean linkLocalUnicast(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length == 4) {
      return (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254;
    }
    return (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80;
  }

  private static boolean globalUnicast(InetAddress a) {
    byte[] b = a.getAddress();
    if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
      return false;
    }
    if (b.length == 4) {
      boolean broadcast = (b[0] & b[1] & b[2] & b[3] & 0xff) == 0xff;
      return !broadcast && !linkLocalUnicast(a);
    }
    boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
    return !uniqueLocal && !linkLocalUnicast(a);
  }
}
