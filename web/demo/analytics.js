// Stand-in for a web statistics tag. The banner only lets it run after consent to "analytics".
window.npAnalyticsLoaded = true;
// What a real tag's first command would be: the test checks that consent was settled before it.
(window.dataLayer = window.dataLayer || []).push({ event: 'np_analytics_tag_fired' });
document.cookie = '_npa=' + Math.random().toString(36).slice(2) + '; max-age=' + (395 * 24 * 3600) + '; path=/; SameSite=Lax';
