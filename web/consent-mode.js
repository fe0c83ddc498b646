/*
 * Google Consent Mode v2, the default: every signal denied until the visitor chooses. Load this
 * first in <head>, before gtag.js or any other tag, so that no tag ever runs without it.
 * banner.js sends the updates: a stored choice before any tag fires, then every new choice.
 * "default" only ever denies; grants come through "update".
 */
window.dataLayer = window.dataLayer || [];
window.gtag = window.gtag || function () { window.dataLayer.push(arguments); };
window.gtag('consent', 'default', {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  wait_for_update: 500
});
