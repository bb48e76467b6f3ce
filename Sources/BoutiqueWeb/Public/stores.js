// « Autour de moi » on « Où dépenser ma e-Carte »: a progressive enhancement. Without this file
// (or without geolocation) the button stays hidden and the search by postcode or city works as
// is. The Content-Security-Policy allows scripts from the site only ('self'), none inline,
// hence this file. The position goes to the shop's own search (lat, lon), nowhere else.
(function () {
  "use strict";
  var button = document.getElementById("around-me");
  var form = document.getElementById("store-search");
  var status = document.getElementById("around-me-status");
  if (!button || !form || !("geolocation" in navigator)) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "Recherche de votre position…";
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById("lat").value = position.coords.latitude.toFixed(5);
      document.getElementById("lon").value = position.coords.longitude.toFixed(5);
      // The position, not the text typed before, says where to look.
      document.getElementById("q").value = "";
      form.submit();
    }, function () {
      button.disabled = false;
      status.textContent = "Votre position n'est pas disponible. Saisissez un code postal ou une ville.";
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
  });
})();
