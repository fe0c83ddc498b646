package se.npprod.privacy.core.consent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Truncates client addresses so that proof of consent never holds a whole IP address. */
public final class IpPrefix {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpPrefix() {}

  /** {@code 203.0.113.77} becomes {@code 203.0.113.0/24}; IPv6 keeps its first 48 bits. */
  public static String truncate(String address) {
    if (address == null || address.isBlank()) {
      return "unknown";
    }
    String a = address.trim();
    boolean v4 = IPV4.matcher(a).matches();
    if (!v4 && !(a.contains(":") && IPV6.matcher(a).matches())) {
      return "unknown"; // never resolve names: only literal addresses are accepted
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(a).getAddress();
    } catch (UnknownHostException e) {
      return "unknown";
    }
    if (bytes.length == 4) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
    }
    return String.format("%x:%x:%x::/48", word(bytes, 0), word(bytes, 2), word(bytes, 4));
  }

  private static int word(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }
}
