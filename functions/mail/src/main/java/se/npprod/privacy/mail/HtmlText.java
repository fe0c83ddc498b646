package se.npprod.privacy.mail;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The text of an HTML mail as a reader sees it: line breaks where {@code <br>}, {@code <p>} and
 * {@code <div>} put them, whitespace collapsed as a browser does, nothing from {@code <head>},
 * scripts or styles. Quoted mail in {@code <blockquote>} (Gmail, Apple Mail, Thunderbird) comes out
 * with {@code >} in front of its lines, so that {@code QuotedText} removes it as it does in plain
 * text.
 */
final class HtmlText {
  private static final Set<String> SKIPPED = Set.of(
      "head", "title", "style", "script", "template", "xml", "svg", "object", "iframe");
  /** Separated from what surrounds them by a blank line. */
  private static final Set<String> PARAGRAPHS = Set.of(
      "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "pre", "hr", "blockquote");
  /** On lines of their own. */
  private static final Set<String> BLOCKS = Set.of(
      "div", "li", "tr", "address", "article", "aside", "section", "header", "footer", "nav", "main",
      "figure", "figcaption", "center", "dt", "dd", "form", "fieldset", "caption", "tbody", "thead",
      "tfoot", "details", "summary", "body");

  private HtmlText() {}

  static String toText(String html) {
    Writer writer = new Writer();
    NodeTraversor.filter(writer, Jsoup.parse(html));
    return writer.finish();
  }

  private static final class Writer implements NodeFilter {
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private int lineDepth;
    private int writtenDepth;
    private int quoteDepth;
    private int preDepth;
    private int breaks;
    private boolean space;

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode text) {
        write(text.getWholeText());
      } else if (node instanceof Element element) {
        String name = element.normalName();
        if (SKIPPED.contains(name)) {
          return FilterResult.SKIP_ENTIRELY;
        }
        if (name.equals("br")) {
          breaks = Math.min(breaks + 1, 2);
          space = false;
        } else if (name.equals("td") || name.equals("th")) {
          space = true;
        } else {
          open(name);
        }
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element element) {
        String name = element.normalName();
        if (name.equals("td") || name.equals("th")) {
          space = true;
        } else if (!name.equals("br")) {
          close(name);
        }
      }
      return FilterResult.CONTINUE;
    }

    private void open(String name) {
      if (PARAGRAPHS.contains(name)) {
        request(2);
      } else if (BLOCKS.contains(name)) {
        request(1);
      }
      if (name.equals("blockquote")) {
        quoteDepth++;
      } else if (name.equals("pre")) {
        preDepth++;
      }
    }

    private void close(String name) {
      if (name.equals("blockquote")) {
        request(2);
        quoteDepth = Math.max(0, quoteDepth - 1);
      } else if (name.equals("pre")) {
        preDepth = Math.max(0, preDepth - 1);
      }
      if (PARAGRAPHS.contains(name)) {
        request(2);
      } else if (BLOCKS.contains(name)) {
        request(1);
      }
    }

    /** Breaks are collected and written before the next text, so that nested blocks do not pile them up. */
    private void request(int newlines) {
      breaks = Math.max(breaks, newlines);
      space = false;
    }

    private void write(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (invisible(c)) {
          continue;
        }
        if (preDepth > 0) {
          if (c == '\n') {
            request(1);
            flushBreaks(true);
          } else if (c != '\r') {
            put(c);
          }
        } else if (Character.isWhitespace(c) || c == '\u00a0') {
          space = true;
        } else {
          put(c);
        }
      }
    }

    private void put(char c) {
      flushBreaks(false);
      if (line.length() == 0) {
        lineDepth = quoteDepth;
      } else if (space) {
        line.append(' ');
      }
      space = false;
      line.append(c);
    }

    /** Writes the collected breaks; {@code pre} keeps its empty lines, elsewhere they start nothing. */
    private void flushBreaks(boolean keepEmpty) {
      if (breaks == 0) {
        return;
      }
      if (line.length() > 0 || keepEmpty) {
        endLine();
      } else if (out.length() == 0) {
        breaks = 0; // nothing written yet: no blank lines at the top
        return;
      }
      // Ending a line, now or before, is the first break; the rest are blank lines, quoted as
      // deep as the shallower of the lines around them.
      for (breaks--; breaks > 0; breaks--) {
        out.append(">".repeat(Math.min(writtenDepth, quoteDepth))).append('\n');
      }
    }

    private void endLine() {
      if (lineDepth > 0) {
        out.append(">".repeat(lineDepth)).append(' ');
      }
      out.append(line).append('\n');
      line.setLength(0);
      writtenDepth = lineDepth;
      lineDepth = quoteDepth;
    }

    String finish() {
      if (line.length() > 0) {
        endLine();
      }
      return out.toString().strip();
    }

    /** Zero-width and soft-hyphen characters that newsletters sprinkle through their text. */
    private static boolean invisible(char c) {
      return c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\u2060' || c == '\ufeff'
          || c == '\u00ad' || c == '\u034f';
    }
  }
}
