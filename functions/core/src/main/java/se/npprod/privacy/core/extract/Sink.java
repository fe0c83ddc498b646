package se.npprod.privacy.core.extract;

/**
 * Where a document's content goes: HTML or plain text. The extract and its mail describe their
 * content once, to a sink, so that the HTML and the text alternative can never say different
 * things. Text parts are plain strings (a sink escapes them as it must) or {@link Link}s.
 */
abstract class Sink {
  /** A link; written as a link only for http(s) and mailto, otherwise as its text. */
  record Link(String text, String href) {
    @Override
    public String toString() {
      return text;
    }
  }

  abstract void h1(String text);

  abstract void h2(String text);

  abstract void h3(String text);

  abstract void h4(String text);

  abstract void p(Object... parts);

  abstract void beginList();

  /** A list item holding only text. */
  abstract void li(Object... parts);

  /** A list item whose text is followed by nested content, up to {@link #endLi()}. */
  abstract void beginLi(Object... parts);

  abstract void endLi();

  abstract void endList();

  abstract void beginDefs();

  abstract void def(String term, Object... parts);

  /** A term whose description is nested content, up to {@link #endDef()}. */
  abstract void beginDef(String term);

  abstract void endDef();

  abstract void endDefs();

  /** One record of data (an order, an invoice), with its title. */
  abstract void beginItem(String title);

  abstract void endItem();

  /** The parts as one plain string (for JSON and for plain text). */
  static String plain(Object... parts) {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      out.append(part);
    }
    return out.toString();
  }
}
