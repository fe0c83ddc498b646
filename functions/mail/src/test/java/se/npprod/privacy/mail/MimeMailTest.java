package se.npprod.privacy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.npprod.privacy.core.mail.Address;
import se.npprod.privacy.core.mail.Attachment;
import se.npprod.privacy.core.mail.InboundMail;
import se.npprod.privacy.core.mail.MailKind;

/** Each sample mail as a mail program writes it, read into what the intake needs. */
class MimeMailTest {

  @Test
  void readsAGmailReplyAndLeavesTheQuotedMailOutOfTheNewText() throws Exception {
    InboundMail mail = Fixtures.parse("gmail-reply-sv.eml");

    assertThat(mail.from()).isEqualTo(new Address("asa.oberg@gmail.com", "Åsa Öberg"));
    assertThat(mail.subject()).isEqualTo("Re: Din beställning 10234");
    assertThat(mail.to()).containsExactly("info@npprod.se");
    assertThat(mail.messageId()).isEqualTo("CAK7mW1x+Qe3Zt0dR9yH2vB6nLs4pF8jUoC5aXgEw1iTqMz0k@mail.gmail.com");
    assertThat(mail.date()).isEqualTo(Instant.parse("2026-03-03T10:30:54Z"));
    assertThat(mail.text())
        .contains("jag vill ha ett registerutdrag med allt ni har sparat om\nmig: beställningar")
        .contains("> Vill du att vi skickar ett registerutdrag eller raderar ditt konto?");
    assertThat(mail.newText())
        .startsWith("Hej!\n\nTack för svaret.")
        .endsWith("Hälsningar\nÅsa Öberg")
        .doesNotContain("raderar ditt konto", "skrev NP Produkter");
    assertThat(mail.kind()).isEqualTo(MailKind.PERSONAL);
    assertThat(mail.forwarded()).isFalse();
    assertThat(mail.attachments()).isEmpty();
    assertThat(mail.sizeBytes()).isEqualTo(Fixtures.bytes("gmail-reply-sv.eml").length);
  }

  @Test
  void readsAnOutlookReplyInWindows1252WithItsSwedishHeaderBlockAndAttachment() throws Exception {
    InboundMail mail = Fixtures.parse("outlook-reply-sv.eml");

    assertThat(mail.from()).isEqualTo(new Address("per.akesson@outlook.com", "Per Åkesson"));
    assertThat(mail.subject()).isEqualTo("SV: Din beställning 10234");
    assertThat(mail.text()).contains("kvittot på 499 € behöver jag", "Från: NP Produkter <info@npprod.se>",
        "Ämne: Din beställning 10234", "Vi skickar varorna inom två arbetsdagar.");
    assertThat(mail.newText()).isEqualTo("""
        Hej,

        Jag vill inte längre ha era utskick och ber er radera mina personuppgifter, men
        kvittot på 499 € behöver jag för garantin. Jag bifogar det.

        Med vänliga hälsningar
        Per Åkesson""");
    assertThat(mail.kind())
        .as("X-Auto-Response-Suppress: All is on this mail a person wrote")
        .isEqualTo(MailKind.PERSONAL);
    assertThat(mail.attachments())
        .containsExactly(new Attachment("kvitto beställning 10234.pdf", "application/pdf", 148));
  }

  @Test
  void readsAnIphoneMailInBase64AndDropsTheSignatureAndQuote() throws Exception {
    InboundMail mail = Fixtures.parse("apple-iphone-sv.eml");

    assertThat(mail.from()).isEqualTo(new Address("bjorn.lindqvist@icloud.com", "Björn Lindqvist"));
    assertThat(mail.subject()).isEqualTo("Re: Glöm inte din varukorg");
    assertThat(mail.text()).contains("> Hej Björn! Du har väl inte glömt din varukorg?");
    assertThat(mail.newText()).isEqualTo("""
        Hej,

        Jag vill att ni tar bort mitt konto och alla mina uppgifter. Jag handlar inte hos er längre.

        Mvh Björn""");
    assertThat(mail.kind()).isEqualTo(MailKind.PERSONAL);
  }

  @Test
  void readsAnEnglishRequestInFormatFlowedAsWholeParagraphs() throws Exception {
    InboundMail mail = Fixtures.parse("thunderbird-en.eml");

    assertThat(mail.from()).isEqualTo(new Address("James.OConnor@example.ie", "James O'Connor"));
    assertThat(mail.subject()).isEqualTo("Subject access request");
    assertThat(mail.text()).contains(
        "I request a copy of all personal data you hold about me, the purposes of the processing,");
    assertThat(mail.newText())
        .endsWith("Kind regards,\nJames O'Connor")
        .doesNotContain("Harbour Road");
    assertThat(mail.kind()).isEqualTo(MailKind.PERSONAL);
  }

  @Test
  void readsAnHtmlOnlyMailAsTextWithItsLineBreaks() throws Exception {
    InboundMail mail = Fixtures.parse("html-only-sv.eml");

    assertThat(mail.from()).isEqualTo(new Address("marta.sjogren@telia.com", "Märta Sjögren"));
    assertThat(mail.subject()).isEqualTo("Var har ni fått min adress?");
    assertThat(mail.text()).isEqualTo("""
        Hej NP Produkter,

        Jag har aldrig handlat hos er men får ändå ert nyhetsbrev.
        Var har ni fått min adress ifrån? Jag vill att ni slutar använda den och raderar den.

        Med vänlig hälsning,
        Märta Sjögren""");
    assertThat(mail.newText()).isEqualTo(mail.text());
  }

  @Test
  void readsAGmailForwardAsTheForwardersOwnWordsPlusTheForwardedText() throws Exception {
    InboundMail mail = Fixtures.parse("gmail-forward-sv.eml");

    assertThat(mail.forwarded()).isTrue();
    assertThat(mail.subject()).isEqualTo("Fwd: Radera mig");
    assertThat(mail.newText()).isEqualTo(
        "Hej, min mamma bad mig skicka detta till er. Hon har inte egen e-post längre.\n\nHälsningar\nKarin");
    assertThat(mail.text()).contains(
        "Från: Ingrid Nyström <ingrid.nystrom@hotmail.se>",
        "Snälla be affären ta bort mig ur sitt kundregister.");
    assertThat(mail.kind()).isEqualTo(MailKind.PERSONAL);
  }

  @Test
  void readsAMailForwardedAsAnAttachmentWithTheForwardedTextAndAttachments() throws Exception {
    InboundMail mail = Fixtures.parse("forward-attached-sv.eml");

    assertThat(mail.forwarded()).isTrue();
    assertThat(mail.subject()).isEqualTo("VB: Radera mitt konto återigen");
    assertThat(mail.from()).isEqualTo(new Address("kundtjanst@npprod.se", "Kundtjänst NP Produkter"));
    assertThat(mail.newText()).isEqualTo(
        "Kunden nedan vill bli raderad, se bifogat meddelande.\n\n//Lena, kundtjänst");
    assertThat(mail.text()).contains(
        "---------- Forwarded message ---------\nFrom: Göran Ek <goran.ek@bredband.net>",
        "Subject: Radera mitt konto återigen",
        "Jag vill att NP Produkter raderar allt om mig, även mitt telefonnummer.");
    assertThat(mail.attachments()).extracting(Attachment::fileName, Attachment::contentType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Radera mitt konto igen.eml", "message/rfc822"),
            org.assertj.core.groups.Tuple.tuple("kontoutdrag.jpg", "image/jpeg"));
    assertThat(mail.attachments().get(1).sizeBytes()).isEqualTo(278);
  }

  @Test
  void recognisesAVacationReplyByAutoSubmitted() throws Exception {
    InboundMail mail = Fixtures.parse("auto-reply-sv.eml");

    assertThat(mail.kind()).isEqualTo(MailKind.AUTO_REPLY);
    assertThat(mail.subject()).isEqualTo("Frånvaro: Din beställning 10240");
    assertThat(mail.text()).contains("Jag är på semester till och med 16 mars");
  }

  @Test
  void recognisesAnExchangeOutOfOfficeReplyWithoutAutoSubmitted() throws Exception {
    InboundMail mail = Fixtures.parse("out-of-office-exchange-en.eml");

    assertThat(mail.kind()).isEqualTo(MailKind.AUTO_REPLY);
    assertThat(mail.subject()).isEqualTo("Automatic reply: Your order 10251");
  }

  @Test
  void recognisesABounceAndKeepsOnlyItsNoticeAsText() throws Exception {
    InboundMail mail = Fixtures.parse("bounce.eml");

    assertThat(mail.kind()).isEqualTo(MailKind.BOUNCE);
    assertThat(mail.from().email()).isEqualTo("MAILER-DAEMON@mx.kundmail.se");
    assertThat(mail.date()).as("Postfix's double space and zone comment").isEqualTo(Instant.parse("2026-03-03T10:12:08Z"));
    assertThat(mail.text()).contains("User unknown in\n    virtual mailbox table")
        .doesNotContain("Klicka på länken");
    assertThat(mail.forwarded()).as("the returned message is ours, not a forward").isFalse();
    assertThat(mail.attachments()).extracting(Attachment::contentType)
        .containsExactly("message/delivery-status", "message/rfc822");
  }

  @Test
  void recognisesAMailingListMail() throws Exception {
    InboundMail mail = Fixtures.parse("mailing-list-sv.eml");

    assertThat(mail.kind()).isEqualTo(MailKind.MAILING_LIST);
    assertThat(mail.subject()).isEqualTo("[Handlare] E-handelsträffen flyttad");
    assertThat(mail.from()).isEqualTo(new Address("styrelsen@ehandlarna.se", "Styrelsen för E-handlarna"));
    assertThat(mail.text()).contains("e-handelsträffen i Göteborg är flyttad");
  }

  @Test
  void decodesAnIso88591SubjectAndBodyAndToleratesMissingDateAndMessageId() throws Exception {
    InboundMail mail = Fixtures.parse("encoded-subject-latin1-sv.eml");

    assertThat(mail.subject()).isEqualTo("Begäran om registerutdrag");
    assertThat(mail.from()).isEqualTo(new Address("bjorn.astrom@spray.se", "Björn Åström"));
    assertThat(mail.replyTo()).contains(new Address("bjorn.astrom+npprod@spray.se", "Björn Åström"));
    assertThat(mail.to()).containsExactly("info@npprod.se", "kundtjanst@npprod.se");
    assertThat(mail.date()).isNull();
    assertThat(mail.messageId()).isNull();
    assertThat(mail.newText()).contains(
        "Jag begär härmed ett registerutdrag enligt artikel 15 i dataskyddsförordningen.",
        "jag bor på Ängsvägen 3 i Örebro.");
  }

  @Test
  void readsUnencodedUtf8Headers() throws Exception {
    String raw = "From: Örjan Ödmark <orjan@exempel.se>\nSubject: Begäran om radering\n"
        + "Content-Type: text/plain; charset=utf-8\n\nRadera mig.\n";

    InboundMail mail = Fixtures.parse(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(mail.subject()).isEqualTo("Begäran om radering");
    assertThat(mail.from()).isEqualTo(new Address("orjan@exempel.se", "Örjan Ödmark"));
  }

  @Test
  void takesTheHtmlAlternativeWhenThePlainOneIsEmpty() throws Exception {
    String raw = """
        From: a@example.se
        Content-Type: multipart/alternative; boundary=x

        --x
        Content-Type: text/plain

        
        --x
        Content-Type: text/html; charset=utf-8

        <p>Radera <b>mitt</b> konto</p>
        --x--
        """;

    InboundMail mail = Fixtures.parse(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(mail.text()).isEqualTo("Radera mitt konto");
  }

  @Test
  void listsAnAttachedTextFileAsAnAttachmentNotAsText() throws Exception {
    String raw = """
        From: a@example.se
        Content-Type: multipart/mixed; boundary=x

        --x
        Content-Type: text/plain; charset=utf-8

        Se bifogad fil.
        --x
        Content-Type: text/plain; charset=utf-8; name="kundnummer.txt"
        Content-Disposition: attachment; filename="kundnummer.txt"

        40117
        --x--
        """;

    InboundMail mail = Fixtures.parse(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(mail.text()).isEqualTo("Se bifogad fil.");
    assertThat(mail.attachments()).containsExactly(new Attachment("kundnummer.txt", "text/plain", 5));
  }

  static List<String> fixtures() {
    return Fixtures.ALL;
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readsTheSameWithTheCrLfLineEndsSesStores(String name) throws Exception {
    byte[] raw = Fixtures.bytes(name);

    InboundMail asWritten = Fixtures.parse(raw);
    InboundMail crlf = Fixtures.parse(Fixtures.crlf(raw));

    assertThat(crlf).usingRecursiveComparison().ignoringFields("sizeBytes", "attachments").isEqualTo(asWritten);
    assertThat(crlf.attachments()).extracting(Attachment::fileName, Attachment::contentType)
        .isEqualTo(asWritten.attachments().stream()
            .map(a -> org.assertj.core.groups.Tuple.tuple(a.fileName(), a.contentType())).toList());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyFixtureHasASenderAndText(String name) throws Exception {
    InboundMail mail = Fixtures.parse(name);

    assertThat(mail.from().email()).contains("@");
    assertThat(mail.text()).isNotBlank().doesNotContain("\r");
    assertThat(mail.subject()).isNotBlank().doesNotContain("=?");
  }
}
