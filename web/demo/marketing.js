// Stand-in for a marketing tag. The banner only lets it run after consent to "marketing".
window.npMarketingLoaded = true;
document.cookie = '_npm=' + Math.random().toString(36).slice(2) + '; max-age=' + (90 * 24 * 3600) + '; path=/; SameSite=Lax';
