package se.npprod.privacy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.mail.QuotedText;

class HtmlTextTest {

  @Test
  void breaksLinesWhereBrParagraphsAndDivsDo() {
    String html = "<p>Hej,</p><p>rad ett<br>rad två</p><div>Mvh</div><div>Åsa</div>";

    assertThat(HtmlText.toText(html)).isEqualTo("Hej,\n\nrad ett\nrad två\n\nMvh\nÅsa");
  }

  @Test
  void collapsesWhitespaceAndEntitiesAsABrowserShowsThem() {
    String html = "<div>Med   v&auml;nlig\n   h&auml;lsning,&nbsp;Åke&#x200b;</div>";

    assertThat(HtmlText.toText(html)).isEqualTo("Med vänlig hälsning, Åke");
  }

  @Test
  void leavesOutHeadStylesAndScripts() {
    String html = "<html><head><title>T</title><style>p{color:red}</style></head>"
        + "<body><script>var x = 1;</script><p>Radera mig</p></body></html>";

    assertThat(HtmlText.toText(html)).isEqualTo("Radera mig");
  }

  @Test
  void turnsGmailsEmptyDivLinesIntoOneBlankLine() {
    String html = "<div dir=\"ltr\"><div>Hej!</div><div><br></div><div>Radera mitt konto.</div></div>";

    assertThat(HtmlText.toText(html)).isEqualTo("Hej!\n\nRadera mitt konto.");
  }

  @Test
  void marksBlockquotedTextSoThatQuotedTextDropsIt() {
    String html = "<div>Ja, radera allt.</div><br><div class=\"gmail_quote\">"
        + "<div class=\"gmail_attr\">Den tis 3 mars 2026 kl 10:12 skrev NP &lt;info@npprod.se&gt;:<br></div>"
        + "<blockquote class=\"gmail_quote\"><div>Vill du att vi raderar ditt konto?<br><br>Kundtjänst</div>"
        + "</blockquote></div>";

    String text = HtmlText.toText(html);

    assertThat(text).contains("> Vill du att vi raderar ditt konto?", "> Kundtjänst");
    assertThat(QuotedText.newText(text)).isEqualTo("Ja, radera allt.");
  }

  @Test
  void marksQuotesInQuotesDeeper() {
    String html = "<p>Nytt</p><blockquote type=\"cite\">Svar<blockquote type=\"cite\">Fråga</blockquote></blockquote>";

    assertThat(HtmlText.toText(html)).isEqualTo("Nytt\n\n> Svar\n>\n>> Fråga");
  }

  @Test
  void givesOutlooksHeaderBlockOneLineAFieldSoThatQuotedTextFindsIt() {
    String html = "<p class=MsoNormal>Radera mig.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
        + "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt\"><p class=MsoNormal><b>Från:</b> NP "
        + "&lt;info@npprod.se&gt; <br><b>Skickat:</b> den 3 mars 2026 10:12<br><b>Till:</b> Per<br>"
        + "<b>Ämne:</b> Erbjudande<o:p></o:p></p></div><p class=MsoNormal>Köp nu!</p>";

    String text = HtmlText.toText(html);

    assertThat(text).contains("Från: NP <info@npprod.se>\nSkickat: den 3 mars 2026 10:12\nTill: Per\nÄmne: Erbjudande");
    assertThat(QuotedText.newText(text)).isEqualTo("Radera mig.");
  }

  @Test
  void keepsPreformattedTextAsItIs() {
    assertThat(HtmlText.toText("<pre>Order   10234\n  Rad 2</pre>")).isEqualTo("Order   10234\n  Rad 2");
  }

  @Test
  void separatesTableCells() {
    assertThat(HtmlText.toText("<table><tr><td>Order</td><td>10234</td></tr><tr><td>Summa</td><td>499 kr</td></tr></table>"))
        .isEqualTo("Order 10234\nSumma 499 kr");
  }

  @Test
  void survivesHtmlNestedThousandsDeep() {
    String html = "<div>".repeat(20_000) + "Hej" + "</div>".repeat(20_000);

    assertThat(HtmlText.toText(html)).isEqualTo("Hej");
  }
}
