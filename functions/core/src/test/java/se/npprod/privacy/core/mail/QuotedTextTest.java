package se.npprod.privacy.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuotedTextTest {

  @Test
  void keepsAMailWithoutQuotesAsItIs() {
    String body = "Hej!\n\nJag vill att ni raderar alla mina uppgifter.\n\nMvh\nÅsa Öberg\n";

    QuotedText.Own own = QuotedText.split(body, "Radera mina uppgifter");

    assertThat(own.text()).isEqualTo("Hej!\n\nJag vill att ni raderar alla mina uppgifter.\n\nMvh\nÅsa Öberg");
    assertThat(own.forwarded()).isFalse();
  }

  @Test
  void dropsEverythingFromASwedishGmailReplyHeader() {
    String body = """
        Ja, radera allt.

        Den tis 3 mars 2026 kl 10:12 skrev NP Produkter <info@npprod.se>:
        > Vill du att vi raderar ditt konto?
        >
        > Med vänlig hälsning
        """;

    assertThat(QuotedText.newText(body)).isEqualTo("Ja, radera allt.");
  }

  @Test
  void dropsEverythingFromAnAppleMailHeaderWithoutDen() {
    String body = """
        Tack, det går bra.

        3 mars 2026 kl. 10:12 skrev NP Produkter <info@npprod.se>:

        > Vi har tagit emot din begäran.
        """;

    assertThat(QuotedText.newText(body)).isEqualTo("Tack, det går bra.");
  }

  @Test
  void dropsEverythingFromAnEnglishReplyHeader() {
    String body = """
        Please delete my account.

        On Tue, 3 Mar 2026 at 10:12, NP Produkter <info@npprod.se> wrote:
        > Can we help you with anything else?
        """;

    assertThat(QuotedText.newText(body)).isEqualTo("Please delete my account.");
  }

  @Test
  void recognisesAReplyHeaderThatGmailWrappedOverTwoLines() {
    String body = """
        Yes, all of it.

        On Tue, Mar 3, 2026 at 10:12 AM Customer Service at NP Produkter <
        info@npprod.se> wrote:

        > Which data do you mean?
        """;

    assertThat(QuotedText.newText(body)).isEqualTo("Yes, all of it.");
  }

  @Test
  void keepsTheSendersOwnSentenceThatMentionsAnEarlierMail() {
    String body = "Den 3 mars skrev jag till er:\nRadera mina uppgifter.\n";

    assertThat(QuotedText.newText(body)).isEqualTo("Den 3 mars skrev jag till er:\nRadera mina uppgifter.");
  }

  @Test
  void removesQuotedLinesButKeepsAnswersBetweenThem() {
    String body = """
        > Vill du ha ett registerutdrag?
        Ja tack.
        > Ska vi radera kontot också?
        Nej, behåll det.
        """;

    assertThat(QuotedText.newText(body)).isEqualTo("Ja tack.\nNej, behåll det.");
  }

  @Test
  void dropsOutlooksSwedishHeaderBlockAndTheRuleAboveIt() {
    String body = """
        Hej,

        Jag vill ha ett registerutdrag enligt GDPR.

        Med vänliga hälsningar
        Per Åkesson

        ________________________________
        Från: NP Produkter <info@npprod.se>
        Skickat: den 3 mars 2026 10:12
        Till: Per Åkesson <per@example.se>
        Ämne: Din order 10234

        Tack för din beställning!
        """;

    QuotedText.Own own = QuotedText.split(body, "SV: Din order 10234");

    assertThat(own.text()).isEqualTo(
        "Hej,\n\nJag vill ha ett registerutdrag enligt GDPR.\n\nMed vänliga hälsningar\nPer Åkesson");
    assertThat(own.forwarded()).isFalse();
  }

  @Test
  void dropsOutlooksEnglishHeaderBlockWrittenInBold() {
    String body = "Delete me please.\n\n*From:* Shop <info@npprod.se>\n*Sent:* Tuesday, March 3, 2026 10:12\n"
        + "*To:* me@example.com\n*Subject:* Offer\n\nBuy now\n";

    assertThat(QuotedText.newText(body)).isEqualTo("Delete me please.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-----Original Message-----", "-----Ursprungligt meddelande-----"})
  void dropsEverythingFromOutlooksOriginalMessageLine(String line) {
    String body = "Radera mig.\n\n" + line + "\nFrån: info@npprod.se\nNyhetsbrev\n";

    assertThat(QuotedText.newText(body)).isEqualTo("Radera mig.");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "---------- Forwarded message ---------",
      "---------- Vidarebefordrat meddelande ---------",
      "-------- Forwarded Message --------",
      "Begin forwarded message:",
      "Början på vidarebefordrat brev:",
  })
  void keepsOnlyTheForwardersTextAndSaysItIsAForward(String marker) {
    String body = "Se nedan, min mamma vill bli raderad.\n\n" + marker
        + "\nFrån: Mamma <mamma@example.se>\nDatum: 2 mars 2026\n\nRadera mig ur kundregistret.\n";

    QuotedText.Own own = QuotedText.split(body, "Fwd: Radera");

    assertThat(own.text()).isEqualTo("Se nedan, min mamma vill bli raderad.");
    assertThat(own.forwarded()).isTrue();
  }

  @Test
  void aForwardWithoutAWordFromTheForwarderLeavesNothing() {
    String body = "---------- Forwarded message ---------\nFrom: A <a@example.se>\n\nRadera mig.\n";

    QuotedText.Own own = QuotedText.split(body, "Fwd: Radera");

    assertThat(own.text()).isEmpty();
    assertThat(own.forwarded()).isTrue();
  }

  @Test
  void outlookBlockIsAForwardWhenTheSubjectSaysSo() {
    String body = "FYI\n\nFrån: Kund <kund@example.se>\nSkickat: den 2 mars 2026 09:00\nTill: info@npprod.se\n"
        + "Ämne: Radera\n\nRadera mig.\n";

    assertThat(QuotedText.split(body, "VB: Radera").forwarded()).isTrue();
    assertThat(QuotedText.split(body, "SV: Radera").forwarded()).isFalse();
    assertThat(QuotedText.split(body, "VB: Radera").text()).isEqualTo("FYI");
  }

  @Test
  void aReplyToAForwardIsAReply() {
    String body = "Tack!\n\nOn Tue, 3 Mar 2026 at 10:12, A <a@example.com> wrote:\n> ---------- Forwarded message ---------\n";

    assertThat(QuotedText.split(body, "Re: Fwd: Radera").forwarded()).isFalse();
  }

  @Test
  void dropsTheSignatureBelowTheSeparator() {
    String body = "Please send me my data.\n\n-- \nAnna Andersson\nStorgatan 1, 111 22 Stockholm\n070-123 45 67\n";

    assertThat(QuotedText.newText(body)).isEqualTo("Please send me my data.");
  }

  @Test
  void dropsASeparatorWhoseTrailingSpaceWasStripped() {
    assertThat(QuotedText.newText("Radera mig.\n--\nAnna\n")).isEqualTo("Radera mig.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Skickat från min iPhone", "Sent from my iPhone", "Hämta Outlook för iOS", "Get Outlook for Android"})
  void dropsAMobileProgramsSignature(String signature) {
    assertThat(QuotedText.newText("Radera mitt konto.\n\n" + signature + "\n")).isEqualTo("Radera mitt konto.");
  }

  @Test
  void keepsASentenceThatOnlyBeginsLikeAMobileSignature() {
    String body = "Sent from your shop on 3 March, my order never arrived.";

    assertThat(QuotedText.newText(body)).isEqualTo(body);
  }

  @Test
  void aForwardBelowTheSignatureIsStillAForward() {
    String body = "FYI\n-- \nPer\n\n---------- Forwarded message ---------\nFrom: A <a@example.se>\n\nRadera mig.\n";

    QuotedText.Own own = QuotedText.split(body, null);

    assertThat(own.text()).isEqualTo("FYI");
    assertThat(own.forwarded()).isTrue();
  }

  @Test
  void handlesCarriageReturnsAndNonBreakingSpaces() {
    String body = "Radera mig.\r\n\r\n\u00a0\r\nDen 3 mars 2026 kl. 10:12 skrev NP <info@npprod.se>:\r\n> Hej\r\n";

    assertThat(QuotedText.newText(body)).isEqualTo("Radera mig.");
  }

  @Test
  void collapsesTheGapsThatRemovedQuotesLeave() {
    String body = "Ja.\n\n> a\n\n> b\n\nNej.\n";

    assertThat(QuotedText.newText(body)).isEqualTo("Ja.\n\nNej.");
  }

  @Test
  void anAllQuotedReplyHasNoOwnText() {
    assertThat(QuotedText.newText("> Hej\n> Vi har raderat dina uppgifter.\n")).isEmpty();
    assertThat(QuotedText.newText("")).isEmpty();
    assertThat(QuotedText.newText(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Fwd: Radera", "FW: Radera", "VB: Radera", "Vb: Radera", "[Fwd: Radera]", "WG: Löschen"})
  void recognisesForwardSubjects(String subject) {
    assertThat(QuotedText.isForwardSubject(subject)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SV: VB: Radera", "Re: Fwd: Radera", "Radera", "Vb-nummer 4", ""})
  void doesNotTakeRepliesOrPlainSubjectsForForwards(String subject) {
    assertThat(QuotedText.isForwardSubject(subject)).isFalse();
  }

  /** A hang detector, not a stopwatch: a backtracking pattern would take hours on this. */
  @Test
  @Timeout(60)
  void staysLinearOnLinesCraftedToLookAlmostLikeReplyHeaders() {
    String line = "On 3 mars 2026 " + "10:12 2026 skrevs ".repeat(20) + ":";
    String body = (line + "\n").repeat(20_000);

    String own = QuotedText.newText(body);

    assertThat(own).startsWith("On 3 mars 2026").hasLineCount(20_000);
  }
}
