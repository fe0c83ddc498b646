package se.npprod.privacy.core.request;

import static se.npprod.privacy.core.request.KeywordRule.rule;
import static se.npprod.privacy.core.request.RequestType.ACCESS;
import static se.npprod.privacy.core.request.RequestType.ERASURE;
import static se.npprod.privacy.core.request.RequestType.OBJECTION;
import static se.npprod.privacy.core.request.RequestType.RECTIFICATION;
import static se.npprod.privacy.core.request.RequestType.RESTRICTION;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Swedish and English words that name a right, as the privacy and support addresses receive
 * them. Every form of a word is spelt out (radera, raderar, raderas, radering...) rather than left
 * to a prefix, so that no unrelated word that merely begins the same way ("ändå", "reklamation")
 * matches.
 *
 * <p>Precision comes before reach: a mail no rule recognises goes to a person, which is safe,
 * while a wrong type starts the wrong process. So a word that also has an everyday meaning in a
 * shop's mail ("ta bort", "delete", "ändra", "felaktig", "update") counts only with an object that
 * makes it about personal data, or not with an object that makes it about an order.
 */
final class RequestRules {
  private RequestRules() {}

  // The objects that make an everyday verb a request about personal data.
  private static final String DATA =
      "(?:min|mitt|mina|all|alla|all min|alla mina) (?:data|information|e-?post(?:adress)?|mejladress"
          + "|mailadress|adress|namn|telefonnummer|konto|kundkonto|profil|(?:person|kund)?uppgifter)"
          + "|kontot|kundkontot|profilen|(?:person|kund)?uppgifterna|personuppgifter|allt (?:om mig|ni har)"
          + "|information(?:en)? om mig"
          + "|(?:my|all my|all of my|all|all the|the) (?:personal )?(?:data|information|info|details|account|profile|records?)"
          + "|my (?:e-?mail(?: address)?|address|name|phone number|customer account)|personal (?:data|information)"
          + "|everything (?:you have|about me|on me)";
  private static final Near DATA_AFTER = Near.after(DATA, 6);
  private static final Near DATA_EITHER = Near.either(DATA, 6);
  /** "ta bort mig", "delete me": only right after the verb, not "hjälpa mig att ta bort en vara". */
  private static final Near ME_NEXT = Near.after("mig|me", 0);

  /** What a marketing objection is about. "reklam" is spelt out: "reklamation" is a complaint. */
  private static final String MARKETING =
      "nyhetsbrev\\p{L}*|(?:e-?post|mejl|mail)?utskick\\p{L}*|reklam(?:en|er|erna)?"
          + "|reklam(?:utskick|mejl|mail|brev)\\p{L}*|(?:direkt)?marknadsföring(?:en)?|sändlist\\p{L}*"
          + "|(?:e-?post|mejl|mail)list\\p{L}*|erbjudanden(?:a)?"
          + "|newsletters?|mailing ?lists?|e-?mail ?lists?|marketing(?: e-?mails?| lists?| messages?)?"
          + "|(?:promotional|marketing) e-?mails?|promotions?|advertising|adverts?|ads|offers"
          + "|subscriber list|your list";
  private static final Near MARKETING_AFTER = Near.after(MARKETING, 6);
  private static final Near MARKETING_EITHER = Near.either(MARKETING, 6);

  /** An order, a delivery, a payment: what a shop's customers most often want changed or removed. */
  private static final String ORDER =
      "beställning(?:en|ar|arna)?|order(?:n|ns|ar|arna|nummer|numret)?|leverans(?:en|er|adress|adressen|datum|datumet|dag)?"
          + "|varukorg(?:en)?|betalning(?:en)?|betalsätt(?:et)?|storlek(?:en)?|antal(?:et)?|vara|varan|varor|varorna"
          + "|produkt(?:en|er|erna)?|faktura|fakturan|pris(?:et)?|belopp(?:et)?|debiter\\p{L}*|lösenord(?:et)?"
          + "|delivery|shipping|cart|basket|payment|password|size|quantity|items?|products?|invoice|price|charge";
  private static final Near ORDER_AFTER = Near.after(ORDER, 4);
  private static final Near ORDER_NEXT = Near.after(ORDER, 2);

  /**
   * A verb's past forms, except where they tell what was done rather than ask for it: after a
   * pronoun ("jag raderade mejlet", "I have deleted the app", "har ni raderat mitt konto?") or a
   * passive's auxiliary ("mitt konto blev raderat", "my account was deleted"). Only past forms,
   * because a question puts the pronoun before the present form: "kan jag radera mitt konto?",
   * "how do I delete it?"; and "jag vill ha mina uppgifter raderade" still asks.
   */
  private static String notAlreadyDone(String pastForms) {
    return "(?<!(?<![\\p{L}\\p{N}])(?:(?:jag|vi|ni|du|i|we|you|i've|we've|you've)(?: har| hade| have| had)?"
        + "|(?:har|hade|have|had) (?:jag|vi|ni|du|i|we|you)|blev|blivit|var|är|was|were|been|is|are) )(?:" + pastForms + ")";
  }

  /** "rätta mig om jag har fel", "correct me if I'm wrong". */
  private static final Near IF_WRONG = Near.after("mig om|me if", 0);

  /** The rules for a right, in any order: the classifier sorts what they find. */
  static final List<KeywordRule> TYPES = build();

  /** Words that say the request is about someone other than the sender. */
  static final Pattern SOMEONE_ELSE = KeywordRule.words(
      "(?:min|mina) (?:mans|makes|frus|makas|sambos|partners|sons|söners|dotters|döttrars|barns|mammas|pappas"
          + "|mors|fars|förälders|föräldrars|kunds|kunders|klients|klienters|huvudmans|brors|systers)"
          + "|för min (?:man|make|fru|maka|sambo|partner|son|dotter|mamma|pappa|mor|far|kund|klient|huvudman)"
          + "|på uppdrag av|(?:på|å) (?:hans|hennes|deras|min \\p{L}+s) vägnar|fullmakt(?:en)?"
          + "|som ombud|ombud för|god man|förvaltare för|vårdnadshavare"
          + "|on behalf of|my (?:husband|wife|partner|son|daughter|child|children|kid|mother|mom|mum|father|dad"
          + "|parent|client|customer|brother|sister)(?:'s|s'|s)"
          + "|for my (?:husband|wife|partner|son|daughter|child|mother|mom|mum|father|dad|client|customer)"
          + "|power of attorney|legal guardian|(?:as|their|his|her) (?:legal )?representative");

  private static List<KeywordRule> build() {
    List<KeywordRule> r = new ArrayList<>();

    r.add(rule(ACCESS, "sv", "registerutdrag\\p{L}*|insyn"));
    r.add(rule(ACCESS, "sv", "utdrag(?:et|en)?").unless(ORDER_AFTER)); // not "ett utdrag ur fakturan"
    // not "vilka uppgifter behöver ni för att jag ska kunna beställa?"
    r.add(rule(ACCESS, "sv", "vilka (?:person|kund)?uppgifter|vad för (?:person|kund)?uppgifter")
        .unless(Near.after("behöver|behövs|krävs|måste|ska jag|skall jag|ska man|fyller|fylla", 1)));
    r.add(rule(ACCESS, "sv", "kopia (?:av|på) (?:alla )?(?:mina |de )?(?:person|kund)?uppgifter(?:na)?"
        + "|tillgång till (?:alla )?mina (?:person|kund)?uppgifter"));
    // "vad har ni sparat om mig", "vilken information ni har om mig", "vad vet ni om mig"
    r.add(rule(ACCESS, "sv", "(?:vad|vilken (?:information|data)|vilka (?:data|upplysningar))"
        + " (?:(?:har|vet|sparar|lagrar|behandlar) (?:ni|du)|(?:ni|du) (?:har|vet|sparar|lagrar|behandlar))"
        + "(?: \\p{L}+){0,2} (?:om|på) mig"));
    // "skicka mig allt ni har sparat om mig", "jag vill ha ut all data ni har om mig"; the verb keeps
    // "radera allt ni har om mig" out
    r.add(rule(ACCESS, "sv", "skicka|få|ha ut|se|veta").needing(
        Near.after("(?:allt?|all (?:data|information)|vad) (?:ni|du) (?:har|vet)(?: \\p{L}+){0,2} (?:om|på) mig", 1)));
    r.add(rule(ACCESS, "en", "register extract|subject access|access request"
        + "|copy of (?:all )?(?:of )?(?:my|the) (?:personal )?(?:data|information|details)"
        + "|access to (?:all )?(?:of )?my (?:personal )?(?:data|information|details)"));
    // "what data do you have on me", not "what information do I have to give for delivery"
    r.add(rule(ACCESS, "en", "(?:what|which) (?:personal )?(?:data|information|info|details)").needing(
        Near.after("(?:you|your company|your shop|np produkter|npprod) (?:have|hold|store|keep|process|collect|save)"
            + "|(?:stored|held|kept|processed|collected|saved) about me|about me|on me", 4)));

    r.addAll(erasureVerb("sv", "rader(?:a|ar|as|ing|ingen)|bli raderad|" + notAlreadyDone("rader(?:ade|at)"), false));
    r.addAll(erasureVerb("sv", "(?:ta|tar) bort|" + notAlreadyDone("(?:tog|tagit) bort"), false, ME_NEXT, DATA_AFTER));
    r.addAll(erasureVerb("sv", "tas bort|borttagning(?:en)?", true, DATA_EITHER));
    r.add(rule(ERASURE, "sv", "glöm(?:ma)? mig|bli (?:glömd|bortglömd|borttagen)"));
    r.addAll(erasureVerb("en", "eras(?:e|es|ing|ure)|" + notAlreadyDone("erased"), false));
    r.addAll(erasureVerb("en", "delet(?:e|es|ing|ion)|remov(?:e|es|ing|al)", false, ME_NEXT, DATA_AFTER));
    r.addAll(erasureVerb("en", notAlreadyDone("deleted|removed"), true, DATA_EITHER));
    r.add(rule(ERASURE, "en", "right to (?:be forgotten|erasure)|forget me|be forgotten"));

    // "den rätta adressen" is the right address and "komma till rätta" to sort out, not a correction
    r.add(rule(RECTIFICATION, "sv", "(?<!(?<![\\p{L}\\p{N}])(?:den|det|de|till) )rätt(?:a|ar|as|ade|at|else|elsen|elser)")
        .unless(IF_WRONG, ORDER_AFTER));
    r.add(rule(RECTIFICATION, "sv", "ändr(?:a|ar|as|ades|ats|ing|ingen|ingar)"
        + "|komplett(?:era|erar|eras|ering|eringen)|korriger(?:a|ar|as|ing|ingen)"
        + "|" + notAlreadyDone("ändr(?:ade|at)|komplett(?:erade|erat)|korriger(?:ade|at)"))
        .unless(ORDER_AFTER));
    r.add(rule(RECTIFICATION, "sv", "felaktig(?:a|t)?|felstavad|felstavat|felstavade").unless(ORDER_NEXT));
    r.add(rule(RECTIFICATION, "sv", "uppdater(?:a|ar|as|ing)|" + notAlreadyDone("uppdater(?:ade|at)"))
        .needing(DATA_AFTER));
    r.add(rule(RECTIFICATION, "en", "rectif(?:y|ied|ies|ication)"));
    r.add(rule(RECTIFICATION, "en", "correct(?:ing|ion|ions)|" + notAlreadyDone("corrected")
        + "|correct(?= (?:my|it|this|that|them|the|these|those|an?)(?![\\p{L}\\p{N}]))")
        .unless(IF_WRONG, ORDER_AFTER));
    r.add(rule(RECTIFICATION, "en", "incorrect|inaccurate|misspel(?:led|t)").unless(ORDER_NEXT));
    r.add(rule(RECTIFICATION, "en", "updat(?:e|ing)").needing(DATA_AFTER));
    r.add(rule(RECTIFICATION, "en", "complet(?:e|ing)").needing(Near.after(DATA, 1)));

    r.add(rule(RESTRICTION, "sv", "begräns(?:a|ar|as|ning|ningen|ningar)|begränsad behandling").unless(ORDER_NEXT));
    r.add(rule(RESTRICTION, "en", "restrict(?:s|ed|ing|ion|ions)?").unless(ORDER_NEXT));

    // not "en invändning mot fakturan"
    r.add(rule(OBJECTION, "sv", "invänd(?:a|er|ning|ningen|ningar)|invänt|motsätt(?:a|er|ter|te)(?: mig)?")
        .unless(ORDER_AFTER));
    r.add(rule(OBJECTION, "sv", "profilering(?:en)?|profiler(?:a|as|ad|at)|direktmarknadsföring(?:en)?"
        + "|direktreklam(?:en)?"));
    r.add(rule(OBJECTION, "sv", "avregistrer(?:a|ar|as|ad|ade|at|ing|ingen)|avprenumerer(?:a|ar|ade|at|ing)"));
    r.add(rule(OBJECTION, "sv", "(?:inte|aldrig)(?: att ni)?(?: längre)? (?:få|ha|ta emot|använder|använda"
        + "|skickar|skicka|behandlar)|slipp(?:a|er)?|sluta (?:få|skicka|ta emot)|avslut(?:a|ar|as|ade|at)"
        + "|säg(?:a|er)? upp|stopp(?:a|as)|avbeställ(?:a|er|de|t)?").needing(Near.after(MARKETING, 5)));
    r.add(rule(OBJECTION, "en", "object(?:s|ed|ing)? to|objections?").unless(ORDER_AFTER)); // not "to the price"
    r.add(rule(OBJECTION, "en", "profiling|opt(?:s|ed|ing)?[ -]?out|unsubscrib(?:e|ed|es|ing)|direct marketing"));
    r.add(rule(OBJECTION, "en", "stop (?:sending|emailing|e-mailing|mailing|receiving|getting)"
        + "|(?:don't|do not|no longer) (?:want|wish)(?: to)?(?: (?:receive|get))?|no (?:more|further)|cancel")
        .needing(Near.after(MARKETING, 4)));
    return List.copyOf(r);
  }

  /**
   * An erasure verb, and the newsletter rule: the verb asks for ERASURE, except when what it
   * removes is marketing ("ta bort mig från nyhetsbrevet", "remove me from your mailing list"):
   * then it is an OBJECTION to direct marketing, whatever else the verb's object says. Marketing
   * counts only in the same phrase, so "radera mitt konto och avsluta nyhetsbrevet" stays an
   * erasure (beside an objection: ambiguous).
   *
   * @param passive the object may come before the verb ("mina uppgifter tas bort")
   * @param objects empty when the verb alone is enough ("radera", "erase"); otherwise what it must
   *     remove to be about personal data
   */
  private static List<KeywordRule> erasureVerb(String language, String verb, boolean passive, Near... objects) {
    Near marketing = passive ? MARKETING_EITHER : MARKETING_AFTER;
    KeywordRule base = rule(ERASURE, language, verb);
    KeywordRule erasure = (objects.length == 0 ? base : base.needing(objects)).unless(marketing, ORDER_AFTER);
    KeywordRule objection = base.as(OBJECTION).needing(marketing);
    return List.of(erasure, objection);
  }
}
