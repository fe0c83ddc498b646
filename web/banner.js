/*
 * NP Produkter cookie banner: vanilla-cookieconsent configured from the policy
 * (GET /consent/config), every decision posted to the consent API as proof.
 *
 * Deployed sites set window.NP_CONSENT_API to the API's base URL before this script;
 * locally the API is on the same origin.
 */
(function () {
  'use strict';

  var API = (window.NP_CONSENT_API || '') + '/consent';
  var gpc = navigator.globalPrivacyControl === true;
  var config = null;
  var gpcAcceptAll = false;
  /** A choice being restored from np_choice: {consentId, categories}, or null. */
  var restoring = null;

  function optionalCategories() {
    return config.banner.categories.filter(function (c) { return !c.required; }).map(function (c) { return c.id; });
  }

  function currentChoices() {
    var accepted = CookieConsent.getUserPreferences().acceptedCategories;
    var choices = {};
    config.banner.categories.forEach(function (c) { choices[c.id] = accepted.indexOf(c.id) >= 0; });
    return choices;
  }

  /** The method is what the visitor did: which button, a withdrawal, or GPC holding marketing back. */
  function methodFor(acceptType, choices, hadConsentBefore) {
    var anyOptional = optionalCategories().some(function (id) { return choices[id]; });
    if (acceptType === 'all') return 'accept_all';
    if (!anyOptional) return hadConsentBefore ? 'withdraw' : 'reject_all';
    return 'custom';
  }

  function record(method) {
    var body = {
      choices: currentChoices(),
      method: method,
      bannerRevision: config.revision,
      language: CookieConsent.getCookie('languageCode') || config.banner.defaultLanguage,
      pageUrl: location.href,
      // The browser's own time of the choice: the API keeps it beside its own, never as it.
      decidedAt: new Date().toISOString()
    };
    var data = CookieConsent.getCookie('data');
    if (data && data.npConsentId) body.consentId = data.npConsentId;
    return send(body);
  }

  function send(body) {
    // text/plain keeps this a simple request: no CORS preflight.
    return fetch(API, { method: 'POST', headers: { 'Content-Type': 'text/plain' },
        // same-origin: the answer's np_choice cookie is kept when the API is on the site's origin.
        body: JSON.stringify(body), keepalive: true, credentials: 'same-origin' })
      .then(function (r) {
        if (r.ok) return r.json();
        var error = new Error('consent API answered ' + r.status);
        // Not received: try again later. Refused as invalid (any other 4xx): sending it again
        // would be refused again, so it is dropped.
        error.retry = r.status === 429 || r.status >= 500;
        return Promise.reject(error);
      })
      .then(function (saved) {
        CookieConsent.setCookieData({ value: { npConsentId: saved.consentId, npPending: null }, mode: 'update' });
        document.dispatchEvent(new CustomEvent('np:consent-recorded', { detail: saved }));
        return saved;
      })
      .catch(function (err) {
        if (err.retry === false) {
          CookieConsent.setCookieData({ value: { npPending: null }, mode: 'update' });
          document.dispatchEvent(new CustomEvent('np:consent-refused', { detail: String(err) }));
          return;
        }
        // Not received (a network error, 429 or 5xx): keep the decision in the consent cookie and
        // send it on the next page view: the proof must not be lost.
        CookieConsent.setCookieData({ value: { npPending: body }, mode: 'update' });
        document.dispatchEvent(new CustomEvent('np:consent-failed', { detail: String(err) }));
      });
  }

  function resendPending() {
    var data = CookieConsent.getCookie('data');
    if (data && data.npPending) {
      var body = data.npPending;
      if (data.npConsentId && !body.consentId) body.consentId = data.npConsentId;
      send(body);
    }
  }

  /*
   * Google Consent Mode v2: the signals each category grants come from the policy
   * (consent.banner.googleConsentMode). With GPC the marketing signals stay denied.
   */
  function consentModeUpdate(acceptedCategories) {
    if (typeof window.gtag !== 'function') return; // a page without consent-mode.js uses no Google tags
    var mapping = config.banner.googleConsentMode || {};
    var update = {};
    Object.keys(mapping).forEach(function (category) {
      var granted = acceptedCategories.indexOf(category) >= 0 && !(gpc && category === 'marketing');
      mapping[category].forEach(function (signal) {
        if (update[signal] !== 'granted') update[signal] = granted ? 'granted' : 'denied';
      });
    });
    window.gtag('consent', 'update', update);
  }

  /** A choice stored on an earlier page, read before the library runs any category's scripts. */
  function storedCategories() {
    var match = document.cookie.match(new RegExp('(?:^|; )' + config.banner.cookieName + '=([^;]*)'));
    if (!match) return null;
    try {
      var stored = JSON.parse(decodeURIComponent(match[1]));
      return stored.revision === config.revision && Array.isArray(stored.categories) ? stored.categories : null;
    } catch (e) {
      return null;
    }
  }

  function hadOptionalBefore(changed, choices) {
    // A category that changed from on to off means something was accepted before.
    return changed.some(function (id) { return !choices[id]; });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"]/g, function (ch) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[ch];
    });
  }

  function translation(t) {
    var b = config.banner;
    var description = escapeHtml(t.description) + '<br><br>' + escapeHtml(t.categoriesLine);
    if (gpc) description += '<br><br><strong>' + escapeHtml(t.gpcNotice) + '</strong>';
    return {
      consentModal: {
        title: t.title,
        description: description,
        acceptAllBtn: t.acceptAll,
        acceptNecessaryBtn: t.rejectAll,
        showPreferencesBtn: t.showPreferences,
        footer: '<a href="/integritet.html">' + escapeHtml(t.moreInfo) + '</a>'
      },
      preferencesModal: {
        title: t.preferencesTitle,
        acceptAllBtn: t.acceptAll,
        acceptNecessaryBtn: t.rejectAll,
        savePreferencesBtn: t.save,
        closeIconLabel: t.close,
        sections: [{ description: gpc ? escapeHtml(t.gpcNotice) : escapeHtml(t.description) }].concat(
          b.categories.map(function (c) {
            return {
              title: t.categoryTitles[c.id],
              description: t.categoryDescriptions[c.id],
              linkedCategory: c.id,
              cookieTable: {
                headers: t.cookieTableHeaders,
                body: c.cookies.map(function (k) { return { name: k.name, provider: k.provider, lifetime: k.lifetime }; })
              }
            };
          }))
      }
    };
  }

  function categories() {
    var out = {};
    config.banner.categories.forEach(function (c) {
      out[c.id] = c.required
        ? { enabled: true, readOnly: true }
        : { enabled: false, autoClear: { cookies: c.cookies.map(function (k) { return { name: k.name }; }) } };
    });
    return out;
  }

  /**
   * One choice for the whole site family: on any host of the policy's cookie domain the consent
   * cookie is set on that domain, so the shop and www share it. Elsewhere (localhost) the host.
   */
  function cookieDomain() {
    var family = config.banner.cookieDomain;
    var host = location.hostname;
    return host === family || host.slice(-(family.length + 1)) === '.' + family ? family : host;
  }

  /**
   * The choice as the consent API's answer stored it (cookie np_choice: r<revision>.<consentId>[.<category>]...),
   * for when the banner's own cookie is gone: Safari deletes cookies written by scripts after 7 days.
   */
  function serverChoice() {
    var match = document.cookie.match(/(?:^|; )np_choice=r(\d+)\.([0-9a-f-]{36})((?:\.[A-Za-z0-9]+)*)/);
    if (!match || Number(match[1]) !== config.revision) return null;
    return { consentId: match[2], categories: match[3] ? match[3].slice(1).split('.') : [] };
  }

  function start() {
    var stored = storedCategories();
    restoring = stored ? null : serverChoice();
    if (stored) consentModeUpdate(stored);
    if (restoring) consentModeUpdate(restoring.categories);
    var translations = {};
    Object.keys(config.banner.texts).forEach(function (lang) {
      translations[lang] = translation(config.banner.texts[lang]);
    });
    return CookieConsent.run({
      revision: config.revision,
      cookie: {
        name: config.banner.cookieName,
        domain: cookieDomain(),
        expiresAfterDays: Math.round(config.reconsentAfterMonths * 365 / 12)
      },
      guiOptions: {
        consentModal: { layout: 'box', position: 'bottom right', equalWeightButtons: true, flipButtons: false },
        preferencesModal: { layout: 'box', equalWeightButtons: true, flipButtons: false }
      },
      categories: categories(),
      autoShow: !restoring,
      // While the first layer waits for a choice, the page behind can be neither clicked nor tabbed to.
      disablePageInteraction: true,
      language: { default: config.banner.defaultLanguage, autoDetect: 'document', translations: translations },
      onFirstConsent: function () {
        if (restoring) {
          // The same choice, already recorded: written back into the banner's cookie, not again.
          CookieConsent.setCookieData({ value: { npConsentId: restoring.consentId, npPending: null }, mode: 'update' });
          restoring = null;
          return;
        }
        consentModeUpdate(CookieConsent.getUserPreferences().acceptedCategories);
        recordChange(false);
      },
      onChange: function (param) {
        consentModeUpdate(CookieConsent.getUserPreferences().acceptedCategories);
        recordChange(hadOptionalBefore(param.changedCategories, currentChoices()));
      }
    });
  }

  function recordChange(hadConsentBefore) {
    if (gpcAcceptAll) {
      gpcAcceptAll = false;
      return record('gpc');
    }
    return record(methodFor(CookieConsent.getUserPreferences().acceptType, currentChoices(), hadConsentBefore));
  }

  /*
   * With Global Privacy Control, "accept all" means everything but marketing: the click is taken
   * before the library sees it, so no marketing script ever starts. Only the marketing switch in
   * the settings, an explicit choice, turns marketing on.
   */
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('#cc-main [data-role="all"]');
    if (!gpc || !button || !config) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    gpcAcceptAll = true;
    CookieConsent.acceptCategory(optionalCategories().filter(function (id) { return id !== 'marketing'; }));
    CookieConsent.hide();
    CookieConsent.hidePreferences();
  }, true);

  window.npSetLanguage = function (lang) {
    document.documentElement.lang = lang;
    return CookieConsent.setLanguage(lang, true);
  };

  fetch(API + '/config', { credentials: 'omit' })
    .then(function (r) { return r.json(); })
    .then(function (c) { config = c; return start(); })
    .then(function () {
      if (restoring) CookieConsent.acceptCategory(restoring.categories.concat(['necessary']));
    })
    .then(function () {
      document.documentElement.setAttribute('data-banner-ready', 'true');
      resendPending();
    })
    .catch(function (err) { document.documentElement.setAttribute('data-banner-error', String(err)); });
})();
