package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import se.npprod.privacy.aws.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cookie banner in headless Chromium against the local stack: what a visitor sees, what
 * runs before consent, and the proof that lands in DynamoDB.
 */
class BannerBrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  private static LocalStack stack;
  private ChromeDriver browser;

  @BeforeAll
  static void start() {
    boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
    if (!present && System.getenv("CI") != null) {
      throw new IllegalStateException("CI must run the browser tests: install Debian's chromium and chromium-driver");
    }
    Assumptions.assumeTrue(present,
        "SKIPPED browser tests: /usr/bin/chromium and /usr/bin/chromedriver are missing "
            + "(apt-get install chromium chromium-driver, or run ./dev test as root)");
    stack = LocalStack.start(0);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private ChromeDriver open(boolean gpc) throws Exception {
    return open(gpc, stack.baseUrl() + "/");
  }

  /** The same page of the local stack under one of the production host names, resolved to loopback. */
  private String site(String host) {
    return "http://" + host + ":" + java.net.URI.create(stack.baseUrl()).getPort() + "/";
  }

  private ChromeDriver open(boolean gpc, String url) throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"),
        // The site family's host names, served by the local stack on loopback; plain http stays http.
        "--host-resolver-rules=MAP *.npprod.se 127.0.0.1", "--disable-features=HttpsUpgrades");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    // The banner hides itself from bots (navigator.webdriver); this visitor is meant to see it.
    browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
        "Object.defineProperty(Navigator.prototype, 'webdriver', {get: () => false});"));
    if (gpc) {
      // Chromium has no GPC setting: send the header and expose the property, as Firefox or Brave do.
      browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
          "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"));
      browser.executeCdpCommand("Network.enable", Map.of());
      browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Sec-GPC", "1")));
    }
    browser.get(url);
    awaitBannerReady();
    return browser;
  }

  private void awaitBannerReady() {
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(d ->
        "true".equals(((JavascriptExecutor) d).executeScript(
            "return document.documentElement.getAttribute('data-banner-ready')")));
    js("window.__records = []; document.addEventListener('np:consent-recorded', e => window.__records.push(e.detail));"
        + "window.__failures = []; document.addEventListener('np:consent-failed', e => window.__failures.push(e.detail));");
  }

  private Object js(String script) {
    return browser.executeScript(script);
  }

  private WebElement visible(String css) {
    return new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> awaitRecord(int count) {
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(d -> ((Number) js("return window.__records.length")).intValue() >= count);
    return (Map<String, Object>) js("return window.__records[" + (count - 1) + "]");
  }

  /** The page's dataLayer: gtag's calls as lists, other pushes (a tag firing) as maps. */
  @SuppressWarnings("unchecked")
  private List<Object> dataLayer() {
    return (List<Object>) js("return window.dataLayer.map(function (e) {"
        + " return e && typeof e.length === 'number' && !Array.isArray(e) ? Array.prototype.slice.call(e) : e; })");
  }

  /** The values of every {@code gtag('consent', kind, values)} call, in order. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> consentCalls(String kind) {
    return dataLayer().stream()
        .filter(e -> e instanceof List<?> l && l.size() == 3 && "consent".equals(l.get(0)) && kind.equals(l.get(1)))
        .map(e -> (Map<String, Object>) ((List<?>) e).get(2))
        .toList();
  }

  private static Map<String, String> signals(String analytics, String ads) {
    return Map.of("analytics_storage", analytics, "ad_storage", ads, "ad_user_data", ads, "ad_personalization", ads);
  }

  private List<Map<String, AttributeValue>> storedDecisions(String consentId) {
    try (DynamoDbClient dynamo = stack.cloud().emulators().endpoints().dynamoDbClient()) {
      return dynamo.query(b -> b.tableName(stack.cloud().physicalName("PrivacyTable"))
          .keyConditionExpression("pk = :pk AND begins_with(sk, :decisions)")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Table.visitor(consentId)),
              ":decisions", AttributeValue.fromS(Table.CONSENT_PREFIX)))).items();
    }
  }

  private static Map<String, Boolean> choices(Map<String, AttributeValue> item) {
    Map<String, Boolean> choices = new java.util.TreeMap<>();
    item.get("choices").m().forEach((k, v) -> choices.put(k, v.bool()));
    return choices;
  }

  @Test
  void rejectingAllIsProvedThenAChangeIsAppendedAndTheBannerStaysAway() throws Exception {
    open(false);

    WebElement banner = visible("#cc-main .cm");
    assertThat(banner.getText()).contains("Vi använder cookies", "Godkänn alla", "Avvisa alla",
        "Kategorier: nödvändiga, analys, marknadsföring.");
    WebElement accept = banner.findElement(By.cssSelector("[data-role='all']"));
    WebElement reject = banner.findElement(By.cssSelector("[data-role='necessary']"));
    assertThat(reject.getSize()).isEqualTo(accept.getSize());
    assertThat(reject.getCssValue("background-color")).isEqualTo(accept.getCssValue("background-color"));
    assertThat(js("return window.npAnalyticsLoaded === undefined && window.npMarketingLoaded === undefined"))
        .as("no analytics or marketing script before consent").isEqualTo(true);
    assertThat(browser.manage().getCookieNamed("_npa")).isNull();

    List<Object> beforeChoice = dataLayer();
    assertThat(beforeChoice).as("Consent Mode's default comes before anything else").isNotEmpty();
    assertThat(beforeChoice.get(0)).isEqualTo(List.of("consent", "default",
        Map.of("ad_storage", "denied", "ad_user_data", "denied", "ad_personalization", "denied",
            "analytics_storage", "denied", "wait_for_update", 500L)));
    assertThat(consentCalls("update")).as("nothing granted before a choice").isEmpty();

    reject.click();
    Map<String, Object> first = awaitRecord(1);
    assertThat(consentCalls("update")).containsExactly(Map.copyOf(signals("denied", "denied")));
    String consentId = (String) first.get("consentId");
    List<Map<String, AttributeValue>> stored = storedDecisions(consentId);
    assertThat(stored).singleElement().satisfies(item -> {
      assertThat(choices(item)).isEqualTo(Map.of("analytics", false, "marketing", false, "necessary", true));
      assertThat(item.get("method").s()).isEqualTo("reject_all");
      assertThat(item.get("bannerRevision").n()).isEqualTo("1");
    });
    assertThat(js("return window.npAnalyticsLoaded === undefined")).isEqualTo(true);

    browser.findElement(By.id("cookie-settings")).click();
    visible("#cc-main .pm");
    js("document.querySelector('#cc-main .pm input.section__toggle[value=\"analytics\"]').click()");
    browser.findElement(By.cssSelector("#cc-main .pm [data-role='save']")).click();
    Map<String, Object> second = awaitRecord(2);
    assertThat(second.get("consentId")).isEqualTo(consentId);
    stored = storedDecisions(consentId);
    assertThat(stored).hasSize(2);
    Map<String, AttributeValue> latest = stored.get(1);
    assertThat(choices(latest)).isEqualTo(Map.of("analytics", true, "marketing", false, "necessary", true));
    assertThat(latest.get("method").s()).isEqualTo("custom");
    assertThat(consentCalls("update")).last().isEqualTo(Map.copyOf(signals("granted", "denied")));
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> Boolean.TRUE.equals(js("return window.npAnalyticsLoaded")));

    browser.navigate().refresh();
    awaitBannerReady();
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> Boolean.TRUE.equals(js("return window.npAnalyticsLoaded")));
    List<Object> afterReload = dataLayer();
    int restored = afterReload.indexOf(List.of("consent", "update", signals("granted", "denied")));
    int tagFired = afterReload.indexOf(Map.of("event", "np_analytics_tag_fired"));
    assertThat(restored).as("the stored choice is restored on the next page").isPositive();
    assertThat(tagFired).as("and before any tag fires").isGreaterThan(restored);
    assertThat(((List<?>) afterReload.get(0)).get(1)).isEqualTo("default");
    assertThat(browser.findElements(By.cssSelector("#cc-main .cm")).stream().filter(WebElement::isDisplayed))
        .as("banner after reload").isEmpty();
    assertThat(storedDecisions(consentId)).hasSize(2);
    assertThat(browser.manage().getCookieNamed("_npa")).as("analytics cookie after consent").isNotNull();

    browser.findElement(By.id("cookie-settings")).click();
    visible("#cc-main .pm [data-role='necessary']").click();
    Map<String, Object> withdrawal = awaitRecord(1);
    assertThat(withdrawal.get("method")).isEqualTo("withdraw");
    stored = storedDecisions(consentId);
    assertThat(stored).hasSize(3);
    assertThat(choices(stored.get(2))).containsEntry("analytics", false);
    assertThat(browser.manage().getCookieNamed("_npa")).as("analytics cookie cleared on withdrawal").isNull();
  }

  @Test
  void withGlobalPrivacyControlAcceptAllLeavesMarketingOff() throws Exception {
    open(true);
    WebElement banner = visible("#cc-main .cm");
    assertThat(banner.getText()).contains("Global Privacy Control");

    js("npSetLanguage('en')");
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .until(d -> visible("#cc-main .cm").getText().contains("Reject all"));
    visible("#cc-main .cm [data-role='all']").click();

    Map<String, Object> record = awaitRecord(1);
    assertThat(record.get("method")).isEqualTo("gpc");
    Map<String, AttributeValue> item = storedDecisions((String) record.get("consentId")).get(0);
    assertThat(choices(item)).isEqualTo(Map.of("analytics", true, "marketing", false, "necessary", true));
    assertThat(item.get("gpc").bool()).as("Sec-GPC header recorded").isTrue();
    assertThat(consentCalls("update")).as("with GPC the marketing signals stay denied")
        .containsExactly(Map.copyOf(signals("granted", "denied")));
    assertThat(item.get("language").s()).isEqualTo("en");
    assertThat(js("return window.npMarketingLoaded === undefined")).isEqualTo(true);
  }

  @Test
  void aDecisionMadeWhileTheApiIsUnreachableIsSentOnTheNextPage() throws Exception {
    open(false);
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/consent")));

    visible("#cc-main .cm [data-role='necessary']").click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(d -> ((Number) js("return window.__failures.length")).intValue() == 1);
    assertThat(js("return CookieConsent.getCookie('data').npPending.method")).isEqualTo("reject_all");

    browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
    browser.get(stack.baseUrl() + "/integritet.html");
    String consentId = new WebDriverWait(browser, Duration.ofSeconds(10)).until(d ->
        (String) js("var d = CookieConsent.getCookie('data'); return d && d.npConsentId ? d.npConsentId : null"));

    assertThat(storedDecisions(consentId)).singleElement().satisfies(item -> {
      assertThat(item.get("method").s()).isEqualTo("reject_all");
      assertThat(item.get("pageUrl").s()).isEqualTo(stack.baseUrl() + "/");
      assertThat(item).as("the time the visitor chose, beside the time it was received").containsKey("decidedAt");
      assertThat(java.time.Instant.parse(item.get("decidedAt").s()))
          .isBeforeOrEqualTo(java.time.Instant.parse(item.get("recordedAt").s()));
    });
    assertThat(js("return CookieConsent.getCookie('data').npPending")).isNull();
  }

  @Test
  void aChoiceMadeOnTheShopHoldsOnWwwWithNoSecondBannerOrRecord() throws Exception {
    open(false, site("shop.npprod.se"));
    visible("#cc-main .cm [data-role='necessary']").click();
    String consentId = (String) awaitRecord(1).get("consentId");
    assertThat(browser.manage().getCookieNamed("np_consent").getDomain()).as("set on the family's domain")
        .isIn("npprod.se", ".npprod.se");

    browser.get(site("www.npprod.se"));
    awaitBannerReady();

    assertThat(browser.findElements(By.cssSelector("#cc-main .cm")).stream().filter(WebElement::isDisplayed))
        .as("no second banner on www").isEmpty();
    assertThat(storedDecisions(consentId)).as("no second record").hasSize(1);

    browser.findElement(By.id("cookie-settings")).click();
    visible("#cc-main .pm");
    js("document.querySelector('#cc-main .pm input.section__toggle[value=\"analytics\"]').click()");
    browser.findElement(By.cssSelector("#cc-main .pm [data-role='save']")).click();
    assertThat(awaitRecord(1).get("consentId")).as("a change on www belongs to the same visitor").isEqualTo(consentId);

    browser.get(site("shop.npprod.se"));
    awaitBannerReady();
    assertThat(js("return CookieConsent.acceptedCategory('analytics')")).as("and holds on the shop").isEqualTo(true);
    assertThat(storedDecisions(consentId)).hasSize(2);
  }

  @Test
  void aChoiceOutlivesTheBannersOwnCookieThroughTheCookieTheApiSet() throws Exception {
    open(false);
    visible("#cc-main .cm [data-role='show']").click();
    visible("#cc-main .pm");
    js("document.querySelector('#cc-main .pm input.section__toggle[value=\"analytics\"]').click()");
    browser.findElement(By.cssSelector("#cc-main .pm [data-role='save']")).click();
    String consentId = (String) awaitRecord(1).get("consentId");
    assertThat(browser.manage().getCookieNamed("np_choice")).as("set by the API's answer").isNotNull();

    // What Safari does to a cookie a script wrote, 7 days later.
    browser.manage().deleteCookieNamed("np_consent");
    browser.navigate().refresh();
    awaitBannerReady();

    assertThat(browser.findElements(By.cssSelector("#cc-main .cm")).stream().filter(WebElement::isDisplayed))
        .as("not asked again").isEmpty();
    assertThat(js("return CookieConsent.acceptedCategory('analytics') && !CookieConsent.acceptedCategory('marketing')"))
        .isEqualTo(true);
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> Boolean.TRUE.equals(js("return window.npAnalyticsLoaded")));
    assertThat(js("return CookieConsent.getCookie('data').npConsentId")).isEqualTo(consentId);
    assertThat(storedDecisions(consentId)).as("not recorded again").hasSize(1);
  }

  /** WCAG 2.1 AA rules of axe-core (npm, pinned) run in the page as it is now; the violations, with the elements. */
  @SuppressWarnings("unchecked")
  private List<String> accessibilityViolations() throws Exception {
    js(Files.readString(se.npprod.privacy.local.emulators.RepoRoot.find().resolve("node_modules/axe-core/axe.min.js")));
    List<Map<String, Object>> violations = (List<Map<String, Object>>) browser.executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            + ".then(function (r) { done(r.violations.map(function (v) { return {id: v.id, help: v.help,"
            + " nodes: v.nodes.map(function (n) { return n.target.join(' '); })}; })); })"
            + ".catch(function (e) { done([{id: 'axe-error', help: String(e), nodes: []}]); });");
    return violations.stream().map(v -> v.get("id") + ": " + v.get("help") + " " + v.get("nodes")).toList();
  }

  @Test
  void theBannerTheSettingsAndThePrivacyPagePassWcag21AaChecks() throws Exception {
    open(false);
    visible("#cc-main .cm");
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> "1".equals(
        js("return getComputedStyle(document.querySelector('#cc-main .cm')).opacity")));
    assertThat(accessibilityViolations()).as("shop with the banner").isEmpty();

    visible("#cc-main .cm [data-role='show']").click();
    visible("#cc-main .pm");
    assertThat(accessibilityViolations()).as("settings dialog").isEmpty();

    browser.get(stack.baseUrl() + "/integritet.html");
    awaitBannerReady();
    visible("#cc-main .cm");
    // Contrast is measured as painted: wait until the banner has faded in.
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> "1".equals(
        js("return getComputedStyle(document.querySelector('#cc-main .cm')).opacity")));
    assertThat(accessibilityViolations()).as("privacy page").isEmpty();
  }

  private void press(CharSequence key) {
    new org.openqa.selenium.interactions.Actions(browser).sendKeys(key).perform();
  }

  /** A short description of the focused element: its data-role, id, value or tag. */
  private String focused() {
    return (String) js("var e = document.activeElement; if (!e) return '';"
        + " return (e.closest('#cc-main .pm') ? 'pm:' : e.closest('#cc-main .cm') ? 'cm:' : 'page:')"
        + " + (e.getAttribute('data-role') || e.id || e.value || e.tagName.toLowerCase());");
  }

  /** Tabs forward until {@code wanted} has focus (at most 40 presses); every focus on the way is returned. */
  private List<String> tabTo(String wanted) {
    List<String> seen = new java.util.ArrayList<>();
    for (int i = 0; i < 40 && !wanted.equals(focused()); i++) {
      press(org.openqa.selenium.Keys.TAB);
      seen.add(focused());
    }
    assertThat(focused()).as("reached by Tab, passing " + seen).isEqualTo(wanted);
    return seen;
  }

  @Test
  void aVisitorCanChooseWithTheKeyboardAloneAndNeverLeavesTheBannerBeforeChoosing() throws Exception {
    open(false);
    visible("#cc-main .cm");

    List<String> firstLayer = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      press(org.openqa.selenium.Keys.TAB);
      firstLayer.add(focused());
    }
    assertThat(firstLayer).as("Tab stays in the banner while it waits for a choice")
        .allMatch(f -> f.startsWith("cm:")).contains("cm:all", "cm:necessary", "cm:show");
    assertThat(js("var r = document.querySelector('main h1').getBoundingClientRect();"
        + " return !!document.elementFromPoint(r.left + 5, r.top + 5).closest('#cc-main')"))
        .as("a click on the page behind lands on the banner's overlay").isEqualTo(true);

    tabTo("cm:show");
    press(org.openqa.selenium.Keys.ENTER);
    visible("#cc-main .pm");
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> focused().startsWith("pm:"));
    tabTo("pm:analytics");
    press(org.openqa.selenium.Keys.SPACE);
    assertThat(js("return document.activeElement.checked")).as("Space turns the switch on").isEqualTo(true);
    tabTo("pm:save");
    press(org.openqa.selenium.Keys.ENTER);

    Map<String, Object> record = awaitRecord(1);
    assertThat((Map<String, Object>) record.get("choices")).containsEntry("analytics", true)
        .containsEntry("marketing", false);

    tabTo("page:cookie-settings");
    press(org.openqa.selenium.Keys.ENTER);
    visible("#cc-main .pm");
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> focused().startsWith("pm:"));
    press(org.openqa.selenium.Keys.ESCAPE);
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> "page:cookie-settings".equals(focused()));
  }
}
