package se.npprod.privacy.mail;

/**
 * Undoes format=flowed (RFC 3676), which Apple Mail and Thunderbird use: a line ending in a space
 * goes on in the next line. Without this a paragraph arrives broken at 72 characters, and a reply
 * header wrapped in the middle is harder to find.
 */
final class Flowed {
  private Flowed() {}

  static String unflow(String text, boolean delSp) {
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    StringBuilder paragraph = new StringBuilder();
    int paragraphDepth = -1;
    for (String raw : lines) {
      int depth = 0;
      while (depth < raw.length() && raw.charAt(depth) == '>') {
        depth++;
      }
      String line = raw.substring(depth);
      if (line.startsWith(" ")) {
        line = line.substring(1); // space-stuffing (RFC 3676 §4.4)
      }
      if (paragraphDepth >= 0 && depth != paragraphDepth) {
        end(out, paragraph, paragraphDepth); // a flowed line followed by another depth is a hard break
      }
      boolean soft = line.endsWith(" ") && !line.equals("-- ");
      if (soft && delSp) {
        line = line.substring(0, line.length() - 1);
      }
      paragraph.append(line);
      paragraphDepth = depth;
      if (!soft) {
        end(out, paragraph, depth);
        paragraphDepth = -1;
      }
    }
    if (paragraphDepth >= 0) {
      end(out, paragraph, paragraphDepth);
    }
    if (out.length() > 0) {
      out.setLength(out.length() - 1); // the split gave one line more than there were breaks
    }
    return out.toString();
  }

  private static void end(StringBuilder out, StringBuilder paragraph, int depth) {
    if (depth > 0) {
      out.append(">".repeat(depth)).append(' ');
    }
    out.append(paragraph).append('\n');
    paragraph.setLength(0);
  }
}
