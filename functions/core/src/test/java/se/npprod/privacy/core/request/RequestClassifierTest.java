package se.npprod.privacy.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestClassifierTest {

  private static List<String> evidence(String joined) {
    return List.of(joined.split(";"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Hej, jag vill ha ett registerutdrag                                | ACCESS        | registerutdrag
      Hej! Kan jag få ett utdrag ur ert kundregister?                    | ACCESS        | utdrag
      Ändå vill jag veta vilka uppgifter ni har                          | ACCESS        | vilka uppgifter
      Vad har ni sparat om mig?                                          | ACCESS        | vad har ni sparat om mig
      Jag vill begära en kopia av mina personuppgifter                   | ACCESS        | kopia av mina personuppgifter
      Jag vill ha tillgång till mina uppgifter enligt GDPR               | ACCESS        | tillgång till mina uppgifter
      Jag skulle vilja veta vilken information ni har om mig             | ACCESS        | vilken information ni har om mig
      Skicka mig allt ni har sparat om mig                               | ACCESS        | skicka mig allt ni har sparat om mig
      Jag vill att ni raderar mina uppgifter                             | ERASURE       | raderar
      Radera mitt konto och alla mina uppgifter, tack.                   | ERASURE       | radera
      Jag vill att mina uppgifter tas bort                               | ERASURE       | mina uppgifter tas bort
      Hej. Ta bort mitt konto. Mvh Per                                   | ERASURE       | ta bort mitt konto
      Kan ni ta bort mig ur ert kundregister?                            | ERASURE       | ta bort mig
      Kan jag ta bort mitt konto?                                        | ERASURE       | ta bort mitt konto
      Radera allt ni har om mig                                          | ERASURE       | radera
      Jag vill bli glömd. Glöm mig!                                      | ERASURE       | bli glömd;glöm mig
      Kan ni ta bort mig från ert nyhetsbrev?                            | OBJECTION     | ta bort mig från ert nyhetsbrev
      Ta bort min e-postadress från er utskickslista                     | OBJECTION     | ta bort min e-postadress från er utskickslista
      Jag invänder mot profilering                                       | OBJECTION     | invänder;profilering
      Jag motsätter mig direktmarknadsföring                             | OBJECTION     | motsätter mig;direktmarknadsföring
      Jag vill inte få reklam från er längre                             | OBJECTION     | inte få reklam
      Avsluta mitt nyhetsbrev tack                                       | OBJECTION     | avsluta mitt nyhetsbrev
      Hur avregistrerar jag mig?                                         | OBJECTION     | avregistrerar
      Jag vill inte bli profilerad                                       | OBJECTION     | profilerad
      Jag vill inte att ni använder mina uppgifter för marknadsföring    | OBJECTION     | inte att ni använder mina uppgifter för marknadsföring
      Mitt telefonnummer är fel, kan ni ändra det?                       | RECTIFICATION | ändra
      Min adress är felaktig i ert kundregister                          | RECTIFICATION | felaktig
      Kan ni komplettera mina uppgifter med mitt nya efternamn?          | RECTIFICATION | komplettera
      Jag begär rättelse av mitt namn                                    | RECTIFICATION | rättelse
      Jag vill begränsa behandlingen av mina uppgifter                   | RESTRICTION   | begränsa
      Please delete my account and all data                              | ERASURE       | delete my account
      How do I delete my account?                                        | ERASURE       | delete my account
      Please remove me from your database                                | ERASURE       | remove me
      I want to exercise my right to be forgotten                        | ERASURE       | right to be forgotten
      Please erase all information you hold about me                     | ERASURE       | erase
      I want my data deleted                                             | ERASURE       | my data deleted
      I would like a copy of my personal data                            | ACCESS        | copy of my personal data
      This is a subject access request under Article 15 GDPR             | ACCESS        | subject access
      What data do you have about me?                                    | ACCESS        | what data do you have
      Please send me a register extract                                  | ACCESS        | register extract
      Please remove me from your mailing list                            | OBJECTION     | remove me from your mailing list
      I object to profiling for marketing purposes                       | OBJECTION     | object to;profiling
      I want to opt out of direct marketing                              | OBJECTION     | opt out;direct marketing
      Please stop sending me newsletters                                 | OBJECTION     | stop sending me newsletters
      Unsubscribe                                                        | OBJECTION     | unsubscribe
      No more newsletters please                                         | OBJECTION     | no more newsletters
      Delete me from your newsletter                                     | OBJECTION     | delete me from your newsletter
      My address is incorrect, please update my details                  | RECTIFICATION | incorrect;update my details
      Please correct my surname, it is misspelled                        | RECTIFICATION | correct;misspelled
      Mitt namn är felstavat                                             | RECTIFICATION | felstavat
      Kan jag ändra mitt namn?                                           | RECTIFICATION | ändra
      I ask you to rectify my records                                    | RECTIFICATION | rectify
      Please restrict the processing of my data while you check it       | RESTRICTION   | restrict
      """)
  void recognisesOneRight(String mail, RequestType type, String expected) {
    Classification c = RequestClassifier.classify(null, mail);

    assertThat(c.type()).isEqualTo(type);
    assertThat(c.evidence()).containsExactlyElementsOf(evidence(expected));
    assertThat(c.ambiguous()).isFalse();
    assertThat(c.aboutSomeoneElse()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      När kommer min leverans?
      Kan jag ändra min beställning?
      Kan ni ta bort en vara från min order?
      Kan ni radera min beställning?
      Vilka uppgifter behöver ni för att jag ska kunna beställa?
      Kan jag begränsa antalet mejl från er?
      Kan jag få allt ni har i lager i blått?
      Jag har tagit bort mitt konto i appen
      Kan du hjälpa mig att ta bort en vara ur varukorgen?
      Jag vill avsluta min reklamation
      Jag raderade orderbekräftelsen av misstag, kan ni skicka den igen?
      Jag har glömt mitt lösenord
      Har ni den rätta storleken i lager?
      Rätta mig om jag har fel men levererar ni till Åland?
      Finns den begränsade upplagan kvar?
      Felaktig vara levererad
      I can't access my account
      I deleted the confirmation email by mistake, can you resend it?
      Is this the correct address for returns?
      What information do I have to give for delivery?
      I can't complete my order
      I have deleted my account
      Have you deleted my account already?
      Varför har ni raderat mitt konto?
      Mitt konto blev raderat utan förvarning
      My account was deleted without warning
      Har mina uppgifter tagits bort?
      Jag har en invändning mot fakturan
      I object to the delivery fee
      Kan ni komma till rätta med problemet?
      Kan jag få ett utdrag ur fakturan?
      Please delete the item from the list
      Read the offer at the end of the newsletter
      Please delete the item from my basket
      Can you remove the extra item and send me a new invoice?
      """)
  void leavesMailAboutOrdersAndTheShopUnknownAndUnambiguous(String mail) {
    Classification c = RequestClassifier.classify("Fråga", mail);

    assertThat(c.type()).isEqualTo(RequestType.UNKNOWN);
    assertThat(c.ambiguous()).isFalse();
    assertThat(c.evidence()).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\n\n", "12345"})
  void findsNothingInAnEmptyMail(String body) {
    Classification c = RequestClassifier.classify(null, body);

    assertThat(c).isEqualTo(new Classification(RequestType.UNKNOWN, List.of(), false, false, java.util.Optional.empty()));
  }

  @Test
  void leavesTwoRightsInOneMailToAPersonWithAllTheEvidence() {
    Classification c = RequestClassifier.classify(null, "radera mina uppgifter och skicka ett registerutdrag");

    assertThat(c.type()).isEqualTo(RequestType.UNKNOWN);
    assertThat(c.ambiguous()).isTrue();
    assertThat(c.evidence()).containsExactly("radera", "registerutdrag");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Ta bort mig från nyhetsbrevet och radera mina uppgifter | ta bort mig från nyhetsbrevet;radera
      Radera mitt konto och avsluta nyhetsbrevet              | radera;avsluta nyhetsbrevet
      Please send me a copy of my data, then delete my account | copy of my data;delete my account
      Jag vill ha ett registerutdrag. Sedan ska ni radera allt. | registerutdrag;radera
      """)
  void callsEveryMailWithRulesForTwoRightsAmbiguous(String mail, String expected) {
    Classification c = RequestClassifier.classify(null, mail);

    assertThat(c.type()).isEqualTo(RequestType.UNKNOWN);
    assertThat(c.ambiguous()).isTrue();
    assertThat(c.evidence()).containsExactlyElementsOf(evidence(expected));
  }

  @Test
  void isNotAmbiguousWhenEveryRuleNamesTheSameRight() {
    Classification c = RequestClassifier.classify("Radering", "Radera mitt konto. Ta bort alla mina uppgifter.");

    assertThat(c.type()).isEqualTo(RequestType.ERASURE);
    assertThat(c.ambiguous()).isFalse();
    assertThat(c.evidence()).containsExactly("radering", "radera", "ta bort alla mina uppgifter");
  }

  @Test
  void readsTheSubjectAsWellAsTheNewText() {
    Classification c = RequestClassifier.classify("Radering av uppgifter", "Hej! Se ämnesraden. Mvh Anna");

    assertThat(c.type()).isEqualTo(RequestType.ERASURE);
    assertThat(c.evidence()).containsExactly("radering");
  }

  @Test
  void letsTheNewsletterWinOverARemovalOnlyInTheSamePhrase() {
    assertThat(RequestClassifier.classify(null, "Ta bort mig från era utskick").type())
        .isEqualTo(RequestType.OBJECTION);
    assertThat(RequestClassifier.classify(null, "Please delete my email address from your marketing list").type())
        .isEqualTo(RequestType.OBJECTION);
    assertThat(RequestClassifier.classify(null, "Jag vill att min adress tas bort från nyhetsbrevet").type())
        .isEqualTo(RequestType.OBJECTION);
    assertThat(RequestClassifier.classify(null, "Remove me from your list").type())
        .isEqualTo(RequestType.OBJECTION);
    assertThat(RequestClassifier.classify(null, "Jag läser ert nyhetsbrev. Ta bort mitt konto.").type())
        .isEqualTo(RequestType.ERASURE);
    assertThat(RequestClassifier.classify(null, "Gällande nyhetsbrevet: radera mitt konto").type())
        .isEqualTo(RequestType.ERASURE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"radera", "raderar", "raderas", "raderade", "raderat", "radering", "raderingen",
      "bli raderad"})
  void knowsTheFormsOfRadera(String word) {
    Classification c = RequestClassifier.classify(word, null);

    assertThat(c.type()).isEqualTo(RequestType.ERASURE);
    assertThat(c.evidence()).singleElement().asString().endsWith(word.replace("bli ", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ta bort mina uppgifter", "Ni tar bort mina uppgifter", "Mina uppgifter ska tas bort",
      "Jag begär borttagning av mina personuppgifter"})
  void knowsTheFormsOfTaBort(String mail) {
    assertThat(RequestClassifier.classify(null, mail).type()).isEqualTo(RequestType.ERASURE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Kan ni ändra mitt efternamn?", "Jag vill göra en ändring av min adress",
      "Mitt namn ändrades inte", "Mitt efternamn ska ändras"})
  void knowsTheFormsOfAndra(String mail) {
    assertThat(RequestClassifier.classify(null, mail).type()).isEqualTo(RequestType.RECTIFICATION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ändå undrar jag när paketet kommer", "Det blev ändå bra", "Jag förändrade inget"})
  void neverTakesAndaOrAnotherWordForAndra(String mail) {
    assertThat(RequestClassifier.classify(null, mail).type()).isEqualTo(RequestType.UNKNOWN);
  }

  @Test
  void readsTheWordsHoweverTheMailProgramWroteThem() {
    String decomposed = "Jag vill ha tillga\u030Ang till mina uppgifter"; // "a" + combining ring
    String hardWrapped = "Jag vill att ni tar\nbort mitt konto";
    String noBreakSpace = "Ta\u00A0bort  mitt\tkonto";

    assertThat(RequestClassifier.classify(null, decomposed).evidence()).containsExactly("tillgång till mina uppgifter");
    assertThat(RequestClassifier.classify(null, hardWrapped).evidence()).containsExactly("tar bort mitt konto");
    assertThat(RequestClassifier.classify(null, noBreakSpace).evidence()).containsExactly("ta bort mitt konto");
    assertThat(RequestClassifier.classify("RADERING", "RADERA MITT KONTO").evidence())
        .containsExactly("radering", "radera");
  }

  @Test
  void neverReachesFromOneSentenceIntoTheNext() {
    Classification c = RequestClassifier.classify(null, "Hur tar man bort en vara? Mitt konto fungerar.\n\nMina uppgifter stämmer");

    assertThat(c.type()).isEqualTo(RequestType.UNKNOWN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      I am writing on behalf of my client, who wants a copy of his data | UNKNOWN
      Jag vill ha ett registerutdrag på min mans uppgifter              | ACCESS
      Jag skriver på uppdrag av min mamma som vill bli raderad          | ERASURE
      Please delete my daughter’s account                               | UNKNOWN
      Jag har fullmakt från min pappa och vill ha ett registerutdrag    | ACCESS
      Radera allt för min fru, tack                                     | ERASURE
      """)
  void noticesARequestAboutSomeoneElse(String mail, RequestType type) {
    Classification c = RequestClassifier.classify(null, mail);

    assertThat(c.aboutSomeoneElse()).isTrue();
    assertThat(c.type()).isEqualTo(type);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Jag vill ha ett registerutdrag", "Jag köpte en present till min man",
      "Hämta paketet hos ert ombud", "Please delete my account"})
  void takesARequestToBeTheSendersOwnUnlessItSaysOtherwise(String mail) {
    assertThat(RequestClassifier.classify(null, mail).aboutSomeoneElse()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Hej, jag vill ha ett registerutdrag           | sv
      Hej                                           | sv
      När kommer min leverans?                      | sv
      Hi, jag vill att ni raderar mina uppgifter    | sv
      Please delete my account and all data         | en
      Hello, when will my parcel arrive?            | en
      Unsubscribe                                   | en
      """)
  void guessesTheLanguageFromTheWordsThatDominate(String mail, String language) {
    assertThat(RequestClassifier.classify(null, mail).language()).contains(language);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12345", "OK"})
  void guessesNoLanguageFromNoWords(String mail) {
    assertThat(RequestClassifier.classify(null, mail).language()).isEmpty();
  }

  @Test
  void readsOnlyTheFirstCharactersOfAnEnormousMail() {
    String padding = "bla ".repeat(MailText.MAX_CHARS / 4);

    Classification c = RequestClassifier.classify(null, padding + "radera mitt konto");

    assertThat(c.type()).isEqualTo(RequestType.UNKNOWN);
  }
}
