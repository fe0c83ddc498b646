package se.npprod.privacy.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a mail's body as far as its text goes: text parts, the multiparts around them, and
 * forwarded messages. Attachments are not here: they are counted as they stream past and only
 * their name, type and size kept.
 */
sealed interface Part {

  /** A text/plain or text/html part that is not an attachment, decoded to a string. */
  record Text(boolean html, String content) implements Part {}

  record Multi(String subtype, List<Part> children) implements Part {
    Multi(String subtype) {
      this(subtype, new ArrayList<>());
    }
  }

  /** A message/rfc822 part: a mail forwarded as an attachment. */
  record Forward(Message message) implements Part {}

  /** The text as a reader would take it in: one alternative of each multipart/alternative. */
  static String render(Part part) {
    if (part instanceof Text text) {
      return text.html() ? HtmlText.toText(text.content()) : text.content();
    }
    if (part instanceof Forward forward) {
      return forward.message().forwardBlock();
    }
    Multi multi = (Multi) part;
    if (multi.subtype().equals("alternative")) {
      return alternative(multi.children());
    }
    if (multi.subtype().equals("report")) {
      // RFC 6522: the first part is the notice for people; the rest is for programs and the
      // returned message, which was ours and is not the sender's text.
      return multi.children().isEmpty() ? "" : render(multi.children().get(0));
    }
    StringBuilder joined = new StringBuilder();
    for (Part child : multi.children()) {
      String text = render(child);
      if (!text.isBlank()) {
        if (joined.length() > 0) {
          joined.append("\n\n");
        }
        joined.append(text.strip());
      }
    }
    return joined.toString();
  }

  /**
   * The plain-text alternative when it says anything; else the richest one with text, which by
   * RFC 2046 §5.1.4 is the last. Some senders leave the plain part empty: then the HTML is taken.
   */
  private static String alternative(List<Part> children) {
    for (Part child : children) {
      if (child instanceof Text text && !text.html() && !text.content().isBlank()) {
        return text.content();
      }
    }
    for (int i = children.size() - 1; i >= 0; i--) {
      String text = render(children.get(i));
      if (!text.isBlank()) {
        return text;
      }
    }
    return "";
  }

  /** Whether a message/rfc822 part forwards a mail; the message returned in a report does not. */
  static boolean forwards(Part part) {
    if (part instanceof Forward) {
      return true;
    }
    return part instanceof Multi multi && !multi.subtype().equals("report")
        && multi.children().stream().anyMatch(Part::forwards);
  }
}
