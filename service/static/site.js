/* Search suggestions while typing: names of organisations and programmes (entities first) as a
   datalist under every search box of the site; tables wider than a phone scroll inside themselves and
   can then be reached with the keyboard. No inline script: fits a strict CSP. */
(function () {
  "use strict";
  var SOORTEN = ["organisaties", "programmas", "actielijnen", "themas"];
  var wachttijd = null;
  var laatsteVraag = 0;
  /* Only the answer to the latest question fills the list: an answer to an earlier, shorter prefix that
     arrives late must not replace it. */
  function vul(lijst, vraag) {
    var nummer = ++laatsteVraag;
    Promise.all(SOORTEN.map(function (soort) {
      return fetch("/" + soort + ".json?limit=5&q=" + encodeURIComponent(vraag))
        .then(function (r) { return r.ok ? r.json() : {items: []}; })
        .then(function (d) { return d.items.map(function (i) { return {naam: i.naam, soort: i.soort}; }); });
    })).then(function (groepen) {
      if (nummer !== laatsteVraag) { return; }
      lijst.textContent = "";
      var gezien = new Set();
      groepen.forEach(function (items) {
        items.forEach(function (i) {
          if (gezien.has(i.naam)) { return; }
          gezien.add(i.naam);
          var optie = document.createElement("option");
          optie.value = i.naam;
          optie.label = i.soort;
          lijst.appendChild(optie);
        });
      });
    }).catch(function () { if (nummer === laatsteVraag) { lijst.textContent = ""; } });
  }
  Array.prototype.forEach.call(document.querySelectorAll("form[action='/zoeken'] input[name=q]"), function (veld, index) {
    var lijst = document.createElement("datalist");
    lijst.id = "zoeksuggesties-" + index;
    veld.after(lijst);
    veld.setAttribute("list", lijst.id);
    veld.setAttribute("autocomplete", "off");
    veld.addEventListener("input", function () {
      clearTimeout(wachttijd);
      var vraag = veld.value.trim();
      if (vraag.length < 2) { laatsteVraag += 1; lijst.textContent = ""; return; }
      wachttijd = setTimeout(function () { vul(lijst, vraag); }, 200);
    });
  });
  function scrollbareTabellen() {
    Array.prototype.forEach.call(document.querySelectorAll("main table"), function (tabel) {
      if (tabel.scrollWidth > tabel.clientWidth + 1) { tabel.setAttribute("tabindex", "0"); } else { tabel.removeAttribute("tabindex"); }
    });
  }
  scrollbareTabellen();
  window.addEventListener("resize", scrollbareTabellen);
}());
