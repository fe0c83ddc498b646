package se.npprod.privacy.local;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header section of a received message (RFC 5322), read as SES reads it for its notification:
 * every field in order with its value unfolded, and the common ones decoded (RFC 2047 encoded
 * words) and split into addresses.
 */
final class MailHeaders {
  record Header(String name, String value) {}

  private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");
  private static final Pattern BETWEEN_ENCODED_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");

  private final List<Header> headers;

  private MailHeaders(List<Header> headers) {
    this.headers = List.copyOf(headers);
  }

  /** The fields before the first empty line; a message without one is all header. */
  static MailHeaders parse(byte[] message) {
    int end = headerEnd(message);
    String section = new String(message, 0, end, StandardCharsets.UTF_8);
    List<Header> headers = new ArrayList<>();
    StringBuilder field = null;
    for (String line : section.split("\r?\n", -1)) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && field != null) {
        field.append(line); // unfolding removes the line break only (RFC 5322, 2.2.3)
        continue;
      }
      add(headers, field);
      field = line.isEmpty() ? null : new StringBuilder(line);
    }
    add(headers, field);
    return new MailHeaders(headers);
  }

  private static void add(List<Header> headers, StringBuilder field) {
    if (field == null) {
      return;
    }
    int colon = field.indexOf(":");
    if (colon <= 0) {
      return; // not a header field; SES would not list it either
    }
    headers.add(new Header(field.substring(0, colon).trim(), field.substring(colon + 1).strip()));
  }

  private static int headerEnd(byte[] m) {
    for (int i = 0; i < m.length; i++) {
      if (m[i] == '\n' && (i + 1 < m.length && m[i + 1] == '\n'
          || i + 2 < m.length && m[i + 1] == '\r' && m[i + 2] == '\n')) {
        return i + 1;
      }
    }
    return m.length;
  }

  List<Header> all() {
    return headers;
  }

  Optional<String> first(String name) {
    return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
  }

  /** Every address of every field called {@code name}, display names decoded, as SES lists them. */
  List<String> addresses(String name) {
    List<String> addresses = new ArrayList<>();
    headers.stream().filter(h -> h.name().equalsIgnoreCase(name))
        .forEach(h -> splitAddresses(h.value()).forEach(a -> addresses.add(decode(a))));
    return addresses;
  }

  /** Splits an address list at the commas that separate addresses, not those in quotes, comments or brackets. */
  static List<String> splitAddresses(String list) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    int comment = 0;
    boolean angle = false;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (quoted && c == '\\' && i + 1 < list.length()) {
        current.append(c).append(list.charAt(++i));
        continue;
      }
      if (c == '"' && comment == 0) {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        comment++;
      } else if (!quoted && c == ')' && comment > 0) {
        comment--;
      } else if (!quoted && comment == 0 && c == '<') {
        angle = true;
      } else if (!quoted && comment == 0 && c == '>') {
        angle = false;
      } else if (!quoted && comment == 0 && !angle && c == ',') {
        addPart(parts, current);
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    addPart(parts, current);
    return parts;
  }

  private static void addPart(List<String> parts, StringBuilder part) {
    String trimmed = part.toString().strip();
    if (!trimmed.isEmpty()) {
      parts.add(trimmed);
    }
  }

  /** Decodes RFC 2047 encoded words; whitespace between two of them is dropped, as the RFC says. */
  static String decode(String value) {
    String joined = BETWEEN_ENCODED_WORDS.matcher(value).replaceAll("$1$2");
    Matcher word = ENCODED_WORD.matcher(joined);
    StringBuilder out = new StringBuilder();
    while (word.find()) {
      word.appendReplacement(out, Matcher.quoteReplacement(decodeWord(word.group(1), word.group(2), word.group(3))
          .orElse(word.group())));
    }
    word.appendTail(out);
    return out.toString();
  }

  private static Optional<String> decodeWord(String charsetAndLanguage, String encoding, String text) {
    try {
      Charset charset = Charset.forName(charsetAndLanguage.split("\\*")[0]);
      byte[] bytes = encoding.toUpperCase(Locale.ROOT).equals("B") ? Base64.getDecoder().decode(text)
          : quotedPrintable(text);
      return Optional.of(new String(bytes, charset));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // an unknown charset or broken encoding stays as it was written
    }
  }

  private static byte[] quotedPrintable(String text) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '=' && i + 2 < text.length()) {
        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }
}
