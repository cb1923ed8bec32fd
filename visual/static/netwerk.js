/* The network explorer: draws the network data of the page (or of /netwerk.json after a filter change)
   with vis-network at the positions computed by the server. No inline script: works under a strict CSP. */
(function () {
  "use strict";
  var bron = document.getElementById("netwerk-gegevens");
  if (!bron || typeof vis === "undefined") { return; }
  var container = document.getElementById("netwerk");
  var filters = document.getElementById("filters");
  var opServer = /^https?:$/.test(window.location.protocol);
  var gegevens = JSON.parse(bron.textContent);
  var knopen = new vis.DataSet([]);
  var lijnen = new vis.DataSet([]);
  var netwerk = new vis.Network(container, {nodes: knopen, edges: lijnen}, gegevens.options);
  var toestand = {kleur: "type", verborgen: new Set(), pad: null, samenvouwenGekozen: false};
  var SMAL = 700;  // px: a phone-wide drawing (visual/static/netwerk.css puts the drawing first below 760 px)
  var perId = new Map();
  var perNaam = new Map();
  window.gezondKg = {netwerk: netwerk, knopen: knopen, lijnen: lijnen, gegevens: function () { return gegevens; }};

  function $(id) { return document.getElementById(id); }
  function maak(tag, tekst, eigenschappen) {
    var el = document.createElement(tag);
    if (tekst !== undefined && tekst !== null) { el.textContent = tekst; }
    Object.keys(eigenschappen || {}).forEach(function (k) { el.setAttribute(k, eigenschappen[k]); });
    return el;
  }
  function status(tekst) { $("status").textContent = tekst; }
  function getal(n) { return n.toLocaleString("nl-NL"); }

  function legendaSleutel(n) {
    if (n.soort !== "organisatie") { return n.soort; }
    if (toestand.kleur === "type") { return n.type; }
    return n.hoofdactielijn ? "actielijn " + n.hoofdactielijn : "geen actielijn";
  }
  function knoopStijl(n) {
    var kleur = toestand.kleur === "type" ? n.kleur_type : n.kleur_actielijn;
    var opPad = toestand.pad !== null && toestand.pad.knopen.has(n.id);
    var nadruk = n.ego || opPad;
    var vervaagd = toestand.pad !== null && !opPad;
    return {id: n.id, hidden: toestand.verborgen.has(legendaSleutel(n)), opacity: vervaagd ? 0.25 : 1,
            color: {background: kleur, border: nadruk ? "#000000" : "#ffffff",
                    highlight: {background: kleur, border: "#000000"}, hover: {background: kleur, border: "#000000"}},
            borderWidth: n.ego ? 6 : (opPad ? 4 : 1), font: {size: nadruk ? 30 : n.lettergrootte}};
  }
  function lijnStijl(l) {
    var opPad = toestand.pad !== null && toestand.pad.lijnen.has(l.id);
    var kleur = toestand.pad === null ? "#c4c4c4" : (opPad ? "#b00020" : "#eeeeee");
    return {id: l.id, color: {color: kleur, highlight: opPad ? "#b00020" : "#222222"}};
  }
  function herstijl() {
    knopen.update(gegevens.nodes.map(knoopStijl));
    lijnen.update(gegevens.edges.map(lijnStijl));
    tekenLegenda();
    tekenTabel();
  }

  function openGroepen() {
    gegevens.groepen.forEach(function (g) {
      var id = "groep-" + g.nummer;
      if (netwerk.body.nodes[id] !== undefined && netwerk.isCluster(id)) { netwerk.openCluster(id); }
    });
  }
  function vouwGroepen() {
    openGroepen();
    if (!$("groepen-samenvouwen").checked) { return; }
    gegevens.groepen.forEach(function (g) {
      if (!g.kliek) { return; }
      netwerk.cluster({
        joinCondition: function (n) { return n.groep === g.nummer && !n.hidden; },
        clusterNodeProperties: {id: "groep-" + g.nummer, shape: "hexagon", size: 30, color: "#555555", font: {size: 28},
          label: (g.programma || g.naam) + " (" + g.leden + ")",
          title: g.leden + " organisaties die bijna allemaal met elkaar verbonden zijn" + (g.programma ? ", vooral via " + g.programma : "") +
                 ". Dubbelklik om de groep te openen."}
      });
    });
  }

  function teken() {
    toestand.pad = null;
    openGroepen();
    knopen.clear();
    lijnen.clear();
    perId = new Map();
    perNaam = new Map();
    gegevens.nodes.forEach(function (n) { perId.set(n.id, n); perNaam.set(n.label.toLowerCase(), n); });
    knopen.add(gegevens.nodes.map(function (n) { return Object.assign({}, n, knoopStijl(n)); }));
    lijnen.add(gegevens.edges.map(function (l) { return Object.assign({}, l, lijnStijl(l)); }));
    if (!toestand.samenvouwenGekozen) {  // until the reader decides: fold the near-cliques of a large view
      $("groepen-samenvouwen").checked = gegevens.knopen > 60 && gegevens.groepen.some(function (g) { return g.kliek; });
    }
    vouwGroepen();
    var lijst = $("organisatie-lijst");
    lijst.textContent = "";
    gegevens.nodes.filter(function (n) { return n.soort === "organisatie"; })
      .map(function (n) { return n.label; }).sort().forEach(function (naam) { lijst.appendChild(maak("option", null, {value: naam})); });
    $("afgekapt").textContent = gegevens.afgekapt;
    $("afgekapt").hidden = !gegevens.afgekapt;
    var kop = document.querySelector("h1");
    var ego = gegevens.filters.ego && perId.get(gegevens.filters.ego);
    if (kop) { kop.textContent = gegevens.titel + (ego ? " rond " + ego.label : ""); }
    var organisaties = gegevens.nodes.filter(function (n) { return n.soort === "organisatie"; }).length;
    var overig = gegevens.knopen - organisaties;
    status(getal(organisaties) + " organisaties" + (overig ? ", " + getal(overig) + " programma's en actielijnen" : "") +
           ", " + getal(gegevens.verbindingen) + " verbindingen" + (gegevens.knopen ? "" : ": niets gevonden met deze filters"));
    tekenLegenda();
    tekenTabel();
    netwerk.once("afterDrawing", function () { document.body.dataset.stable = "true"; });
    passend();
    netwerk.redraw();
  }

  function passend() {
    /* The whole network in view. vis-network fits the nodes with their labels, and the long labels of a
       wide network shrink the drawing to a stamp on a phone: there, fit the connected nodes' positions. */
    netwerk.fit({animation: false});
    if (container.clientWidth >= SMAL) { return; }
    var verbonden = new Set();
    gegevens.edges.forEach(function (l) { verbonden.add(l.from); verbonden.add(l.to); });
    var punten = gegevens.nodes.filter(function (n) { return verbonden.size === 0 || verbonden.has(n.id); });
    if (punten.length < 2) { return; }
    var xs = punten.map(function (n) { return n.x; });
    var ys = punten.map(function (n) { return n.y; });
    var links = Math.min.apply(null, xs), rechts = Math.max.apply(null, xs);
    var boven = Math.min.apply(null, ys), onder = Math.max.apply(null, ys);
    var schaal = 0.9 * Math.min(container.clientWidth / Math.max(rechts - links, 1), container.clientHeight / Math.max(onder - boven, 1));
    netwerk.moveTo({position: {x: (links + rechts) / 2, y: (boven + onder) / 2}, scale: schaal, animation: false});
  }
  $("zoom-in").addEventListener("click", function () { netwerk.moveTo({scale: netwerk.getScale() * 1.5}); });
  $("zoom-uit").addEventListener("click", function () { netwerk.moveTo({scale: netwerk.getScale() / 1.5}); });
  $("zoom-passend").addEventListener("click", passend);

  function tekenLegenda() {
    var legenda = $("legenda");
    var namen = gegevens.legenda[toestand.kleur];
    var aantallen = {};
    gegevens.nodes.forEach(function (n) { var k = legendaSleutel(n); aantallen[k] = (aantallen[k] || 0) + 1; });
    legenda.textContent = "";
    Object.keys(namen).forEach(function (naam) {
      var verborgen = toestand.verborgen.has(naam);
      var knop = maak("button", null, {type: "button", "aria-pressed": verborgen ? "false" : "true", "data-groep": naam,
                                       title: (verborgen ? "Toon " : "Verberg ") + naam});
      var staal = maak("span", null, {"class": "staal vorm-" + (gegevens.vormen[naam] || "dot"), "aria-hidden": "true"});
      staal.style.backgroundColor = namen[naam];
      knop.appendChild(staal);
      knop.appendChild(document.createTextNode(naam + " (" + (aantallen[naam] || 0) + ")"));
      knop.addEventListener("click", function () {
        if (verborgen) { toestand.verborgen.delete(naam); } else { toestand.verborgen.add(naam); }
        openGroepen();
        herstijl();
        vouwGroepen();
      });
      legenda.appendChild(knop);
    });
    if ($("groepen-samenvouwen").checked) {
      legenda.appendChild(maak("span", "zeshoek = samengevouwen groep (dubbelklik om te openen)", {"class": "klein"}));
    }
  }

  function zichtbaar(n) { return !toestand.verborgen.has(legendaSleutel(n)); }
  function tekenTabel() {
    var graad = new Map();
    var rijen = $("tabel-verbindingen").tBodies[0];
    rijen.textContent = "";
    gegevens.edges.forEach(function (l) {
      var a = perId.get(l.from), b = perId.get(l.to);
      if (!zichtbaar(a) || !zichtbaar(b)) { return; }
      graad.set(a.id, (graad.get(a.id) || 0) + 1);
      graad.set(b.id, (graad.get(b.id) || 0) + 1);
      var rij = maak("tr");
      rij.appendChild(maak("td", a.label));
      rij.appendChild(maak("td", b.label));
      rij.appendChild(maak("td", l.programmas.join("; ")));
      rijen.appendChild(rij);
    });
    var tabel = $("tabel-organisaties").tBodies[0];
    tabel.textContent = "";
    zichtbareKnopen().forEach(function (n) {
      var rij = maak("tr");
      var cel = maak("td");
      var knop = maak("button", n.label, {type: "button", "class": "als-link"});
      knop.addEventListener("click", function () { kies(n.id); });
      cel.appendChild(knop);
      rij.appendChild(cel);
      rij.appendChild(maak("td", n.soort === "organisatie" ? n.type : n.soort));
      rij.appendChild(maak("td", n.actielijnen.join(", ")));
      rij.appendChild(maak("td", String(graad.get(n.id) || 0)));
      rij.appendChild(maak("td", String(n.groep + 1)));
      tabel.appendChild(rij);
    });
  }
  function zichtbareKnopen() {
    return gegevens.nodes.filter(zichtbaar).sort(function (a, b) { return a.label.localeCompare(b.label, "nl"); });
  }

  function toonKnoop(id) {
    var cluster = netwerk.findNode(id);
    if (cluster.length > 1) { netwerk.openCluster(cluster[0]); }
    netwerk.selectNodes([id]);
    netwerk.focus(id, {scale: Math.max(netwerk.getScale(), 0.8), animation: false});
  }
  function kies(id) {
    var n = perId.get(id);
    if (!n) { return; }
    toonKnoop(id);
    toonPaneel(n);
  }
  function paneel(titel) {
    $("paneel-titel").textContent = titel;
    var inhoud = $("paneel-inhoud");
    inhoud.textContent = "";
    return inhoud;
  }
  function toonPaneel(n) {
    var inhoud = paneel(n.label);
    inhoud.appendChild(maak("p", (n.soort === "organisatie" ? "Type: " + n.type + " · " : n.soort + " · ") +
                                 "actielijnen: " + (n.actielijnen.join(", ") || "–"), {"class": "klein"}));
    var acties = maak("p");
    if (opServer && n.url) {
      acties.appendChild(maak("a", "Pagina van " + n.label, {href: n.url}));
    }
    if (filters && n.soort === "organisatie") {
      var ego = maak("button", "Netwerk rond deze organisatie", {type: "button", id: "paneel-ego"});
      ego.addEventListener("click", function () { filters.elements.ego.value = n.id; pasToe(); });
      acties.appendChild(document.createTextNode(" "));
      acties.appendChild(ego);
    }
    inhoud.appendChild(acties);
    if (!opServer || !n.url) {
      inhoud.appendChild(maak("pre", n.title));
      return;
    }
    var wacht = maak("p", "Programma's laden…");
    inhoud.appendChild(wacht);
    fetch(n.url + ".json").then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); }).then(function (e) {
      wacht.remove();
      var rijen = e.involvements || [];
      inhoud.appendChild(maak("h3", (n.soort === "programma" ? "Wie werkt hieraan" : "Programma's en rollen") + " (" + rijen.length + ")"));
      var lijst = maak("ul", null, {"class": "betrokkenheden"});
      rijen.forEach(function (i) {
        var item = maak("li");
        var naam = n.soort === "programma" ? i.betrokkene_naam : i.programma_naam;
        item.appendChild(maak("strong", naam));
        item.appendChild(document.createTextNode(" — " + i.rol + (i.actielijnen.length ? " · actielijn " + i.actielijnen.join(", ") : "")));
        var bewijs = maak("blockquote", "“" + (i.tekst.length > 240 ? i.tekst.slice(0, 240) + "…" : i.tekst) + "”");
        var link = maak("a", i.document, {href: "/document/" + encodeURIComponent(i.document) + "?passage=" + encodeURIComponent(i.passage)});
        bewijs.appendChild(document.createTextNode(" "));
        bewijs.appendChild(link);
        item.appendChild(bewijs);
        lijst.appendChild(item);
      });
      inhoud.appendChild(lijst);
    }).catch(function (fout) { wacht.textContent = "Kon de gegevens niet laden (" + fout + ")."; });
  }
  function toonLijn(l) {
    var a = perId.get(l.from), b = perId.get(l.to);
    var inhoud = paneel(a.label + " – " + b.label);
    inhoud.appendChild(maak("p", l.programmas.length + (l.programmas.length === 1 ? " gedeeld programma:" : " gedeelde programma's:")));
    var lijst = maak("ul");
    l.programmas.forEach(function (p) { lijst.appendChild(maak("li", p)); });
    inhoud.appendChild(lijst);
  }

  netwerk.on("click", function (e) {
    if (e.nodes.length && !netwerk.isCluster(e.nodes[0])) { toonPaneel(perId.get(e.nodes[0])); }
    else if (!e.nodes.length && e.edges.length) {
      var lijn = lijnen.get(netwerk.clustering.getBaseEdge(e.edges[0]));
      if (lijn) { toonLijn(lijn); }
    }
  });
  netwerk.on("doubleClick", function (e) {  // never leaves the page: opens a group or shows the panel
    if (!e.nodes.length) { return; }
    if (netwerk.isCluster(e.nodes[0])) { netwerk.openCluster(e.nodes[0]); } else { kies(e.nodes[0]); }
  });

  function zoekNaam(veld) {
    var n = perNaam.get(veld.value.trim().toLowerCase());
    veld.setCustomValidity(n || !veld.value ? "" : "Geen organisatie met deze naam in dit netwerk");
    return n;
  }
  $("zoek-organisatie").addEventListener("change", function () {
    var n = zoekNaam(this);
    if (n) { kies(n.id); status(n.label + " gekozen"); } else if (this.value) { status("Geen organisatie '" + this.value + "' in dit netwerk"); }
  });

  function kortstePad(van, naar) {  // breadth first over the edges that are shown
    var buren = new Map();
    gegevens.edges.forEach(function (l) {
      if (!zichtbaar(perId.get(l.from)) || !zichtbaar(perId.get(l.to))) { return; }
      [[l.from, l.to], [l.to, l.from]].forEach(function (p) {
        if (!buren.has(p[0])) { buren.set(p[0], []); }
        buren.get(p[0]).push({naar: p[1], lijn: l});
      });
    });
    var vorige = new Map([[van, null]]);
    var rij = [van];
    while (rij.length && !vorige.has(naar)) {
      var hier = rij.shift();
      (buren.get(hier) || []).forEach(function (b) {
        if (!vorige.has(b.naar)) { vorige.set(b.naar, {van: hier, lijn: b.lijn}); rij.push(b.naar); }
      });
    }
    if (!vorige.has(naar)) { return null; }
    var stappen = [];
    for (var id = naar; vorige.get(id); id = vorige.get(id).van) { stappen.unshift({van: vorige.get(id).van, naar: id, lijn: vorige.get(id).lijn}); }
    return stappen;
  }
  $("pad-formulier").addEventListener("submit", function (e) {
    e.preventDefault();
    var van = zoekNaam($("pad-van")), naar = zoekNaam($("pad-naar"));
    if (!van || !naar) { status("Kies twee organisaties uit de lijst"); return; }
    var stappen = van.id === naar.id ? [] : kortstePad(van.id, naar.id);
    var inhoud = paneel("Pad van " + van.label + " naar " + naar.label);
    if (stappen === null) {
      toestand.pad = null;
      herstijl();
      inhoud.appendChild(maak("p", "Geen pad tussen deze twee in dit netwerk (met deze filters)."));
      status("Geen pad gevonden");
      return;
    }
    toestand.pad = {knopen: new Set([van.id]), lijnen: new Set()};
    var lijst = maak("ol", null, {id: "pad-stappen"});
    stappen.forEach(function (s) {
      toestand.pad.knopen.add(s.naar);
      toestand.pad.lijnen.add(s.lijn.id);
      lijst.appendChild(maak("li", perId.get(s.van).label + " → " + perId.get(s.naar).label + " via " + s.lijn.programmas.join(", ")));
    });
    inhoud.appendChild(maak("p", stappen.length + (stappen.length === 1 ? " stap" : " stappen") + ":"));
    inhoud.appendChild(lijst);
    openGroepen();
    herstijl();
    netwerk.fit({nodes: Array.from(toestand.pad.knopen), animation: false});
    status("Pad van " + stappen.length + (stappen.length === 1 ? " stap" : " stappen") + " gemarkeerd");
  });

  function bewaar(blob, naam) {
    var a = maak("a", null, {href: URL.createObjectURL(blob), download: naam});
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function csv(rijen, naam) {  // Excel-ready: semicolons, UTF-8 with BOM, no formulas
    var tekst = rijen.map(function (rij) {
      return rij.map(function (v) {
        v = String(v);
        if (/^[=+\-@]/.test(v)) { v = "'" + v; }
        return /[";\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
      }).join(";");
    }).join("\r\n");
    bewaar(new Blob(["\ufeff" + tekst + "\r\n"], {type: "text/csv;charset=utf-8"}), naam);
  }
  $("export-png").addEventListener("click", function () {
    var doek = container.querySelector("canvas");
    var kopie = document.createElement("canvas");
    kopie.width = doek.width;
    kopie.height = doek.height;
    var ctx = kopie.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, kopie.width, kopie.height);
    ctx.drawImage(doek, 0, 0);
    kopie.toBlob(function (blob) { bewaar(blob, "netwerk.png"); }, "image/png");
  });
  $("export-organisaties").addEventListener("click", function () {
    csv([["Naam", "Soort", "Type", "Actielijnen", "Groep", "Adres"]].concat(zichtbareKnopen().map(function (n) {
      return [n.label, n.soort, n.type, n.actielijnen.join(", "), n.groep + 1, n.id];
    })), "netwerk-organisaties.csv");
  });
  $("export-verbindingen").addEventListener("click", function () {
    csv([["Van", "Naar", "Aantal gedeelde programma's", "Gedeelde programma's"]].concat(gegevens.edges.filter(function (l) {
      return zichtbaar(perId.get(l.from)) && zichtbaar(perId.get(l.to));
    }).map(function (l) { return [perId.get(l.from).label, perId.get(l.to).label, l.value, l.programmas.join("; ")]; })),
    "netwerk-verbindingen.csv");
  });
  $("export-xlsx").hidden = !filters;  // the service writes the workbook: not in a standalone file
  $("export-xlsx").addEventListener("click", function () {  // the same filters, less the groups hidden in the legend
    var velden = filterVelden();
    velden.append("kleur", toestand.kleur);
    toestand.verborgen.forEach(function (groep) { velden.append("verborgen", groep); });
    var a = maak("a", null, {href: "/netwerk.xlsx?" + velden.toString(), download: "netwerk.xlsx"});
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
  $("groepen-openen").addEventListener("click", function () {
    toestand.samenvouwenGekozen = true;
    $("groepen-samenvouwen").checked = false;
    openGroepen();
    tekenLegenda();
  });
  $("groepen-samenvouwen").addEventListener("change", function () { toestand.samenvouwenGekozen = true; vouwGroepen(); tekenLegenda(); });
  Array.prototype.forEach.call(document.querySelectorAll("input[name=kleur]"), function (keuze) {
    keuze.addEventListener("change", function () {
      toestand.kleur = this.value;
      toestand.verborgen.clear();
      herstijl();
      vouwGroepen();
    });
  });

  function filterVelden() {  // the filled-in fields of the filter form, as on the address
    var velden = new URLSearchParams();
    new FormData(filters).forEach(function (waarde, naam) { if (waarde !== "") { velden.append(naam, waarde); } });
    return velden;
  }
  function pasToe() {  // filters without a reload: fetch the JSON twin, redraw, keep the address
    var velden = filterVelden();
    document.body.dataset.stable = "false";
    status("Netwerk laden…");
    fetch("/netwerk.json?" + velden.toString()).then(function (r) {
      return r.ok ? r.json() : r.json().then(function (f) { return Promise.reject(f.fout || r.status); });
    }).then(function (nieuw) {
      gegevens = nieuw;
      toestand.verborgen.clear();
      teken();
      window.history.replaceState(null, "", "/netwerk" + (velden.toString() ? "?" + velden.toString() : ""));
    }).catch(function (fout) { status("Kon het netwerk niet laden: " + fout); document.body.dataset.stable = "true"; });
  }
  if (filters) {
    filters.addEventListener("submit", function (e) { e.preventDefault(); pasToe(); });
    Array.prototype.forEach.call(filters.querySelectorAll("select"), function (s) { s.addEventListener("change", pasToe); });
  }
  teken();
}());
