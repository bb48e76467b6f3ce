// The till view (/compte/cartes/<id>/telephone), without which the page works as well: keeps the
// screen awake while the barcode shows (Screen Wake Lock, where the browser has it), and lets the
// page open without network next time (the service worker keeps the till views opened).
(function () {
  "use strict";
  function keepAwake() {
    if (!("wakeLock" in navigator) || document.visibilityState !== "visible") { return; }
    navigator.wakeLock.request("screen").catch(function () { /* refused: the screen sleeps as usual */ });
  }
  document.addEventListener("visibilitychange", keepAwake);
  keepAwake();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/compte/cartes/hors-ligne.js", { scope: "/compte/cartes/" }).catch(function () {});
  }
})();
