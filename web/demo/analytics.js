// Stand-in for a web statistics tag. The banner only lets it run after consent to "analytics".
window.npAnalyticsLoaded = true;
document.cookie = '_npa=' + Math.random().toString(36).slice(2) + '; max-age=' + (395 * 24 * 3600) + '; path=/; SameSite=Lax';
