package se.npprod.privacy.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bytes of a text part to a string, for the charsets Swedish mail really arrives in. */
final class TextDecoding {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private TextDecoding() {}

  /**
   * Decodes with the declared charset, with two corrections that mail programs need. ISO-8859-1 is
   * read as windows-1252, its superset: Outlook labels text ISO-8859-1 and still writes the euro
   * sign and curly quotes from 0x80–0x9F (browsers do the same, per the WHATWG Encoding Standard).
   * A missing, US-ASCII or unknown charset with 8-bit bytes is a mislabel: UTF-8 when the bytes are
   * valid UTF-8, else windows-1252, the two that Swedish mail uses.
   */
  static String decode(byte[] bytes, String declared) {
    Charset charset = lookup(declared);
    if (charset == null || charset.equals(StandardCharsets.US_ASCII)) {
      charset = isUtf8(bytes) ? StandardCharsets.UTF_8 : WINDOWS_1252;
    } else if (charset.equals(StandardCharsets.ISO_8859_1)) {
      charset = WINDOWS_1252;
    }
    String text = new String(bytes, charset);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static Charset lookup(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return Charset.forName(name.strip().replace("\"", ""));
    } catch (IllegalArgumentException e) { // illegal or unsupported name: guessed from the bytes
      return null;
    }
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
