// Optional filters in the search window: kind of page, status and actiehouder.
//
// Why: a reader who looks for the measures of one organisation, or for what
// is delayed, should not have to read past every page that mentions it.
//
// How: every page says what it is in data-pagefind-filter
// (macros/templates/zoekfilters.html.jinja: its kind; a measure also its
// status and actiehouder). Once the reader starts to search, the search worker
// (zoeken.js) loads Pagefind and sends the filters it found in the index
// ("actieplan:filters"). Only then does this file add a fieldset with one
// select per filter above the results, so the options always match the index
// and a first visit loads nothing more. A change sends the chosen values to
// the worker ("actieplan:filter") and asks again for the query in the field;
// Material shows the answer as it shows any other.
//
// Keyboard: Material closes search on Tab and sends every other key to the
// search field. Keys pressed in a filter stay there (Escape still closes
// search); Tab in the search field moves to the first filter, Shift+Tab in the
// first filter back to the field, Tab after the last filter goes on to the
// results. A status line (role=status) tells screen readers how many pages
// were found. Without JavaScript there is no search, so nothing changes.
(() => {
  // The order of the options; values the index has and these lists lack come after them.
  const KINDS = ["Maatregel", "Organisatie", "Voortgang", "Hoofdstuk"]; // macros/site/theme.py SEARCH_KINDS
  const STATUSES = ["Gepland", "Lopend", "Vertraagd", "Afgerond", "Gestopt", "Onbekend"]; // macros/site/render.py
  const GROUPS = [
    { name: "soort", label: "Soort pagina", all: "Alle soorten", order: KINDS },
    { name: "status", label: "Status van de maatregel", all: "Elke status", order: STATUSES },
    { name: "actiehouder", label: "Actiehouder van de maatregel", all: "Alle actiehouders", order: [] },
  ];
  const QUERY = 2;
  const RESULT = 3;
  const FILTERS = "actieplan:filters";
  const FILTER = "actieplan:filter";
  const field = document.querySelector('[data-md-component="search-query"]');
  const scrollwrap = document.querySelector(".md-search__scrollwrap");
  if (!field || !scrollwrap) return;

  let worker = null;
  let fieldset = null;
  let status = null;
  let pending = 0;

  const selects = () => (fieldset ? [...fieldset.querySelectorAll("select")] : []);
  const chosen = () => Object.fromEntries(selects().filter((s) => s.value).map((s) => [s.name, s.value]));

  function ordered(values, order) {
    const rank = (v) => (order.includes(v) ? order.indexOf(v) : order.length);
    return values.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, "nl"));
  }

  function build(filters) {
    if (fieldset || !filters) return;
    fieldset = document.createElement("fieldset");
    fieldset.className = "ap-zoekfilters";
    const legend = document.createElement("legend");
    legend.textContent = "Filters (niet verplicht)";
    fieldset.append(legend);
    for (const group of GROUPS) {
      const values = Object.keys(filters[group.name] || {});
      if (!values.length) continue;
      const id = `ap-zoekfilter-${group.name}`;
      const item = document.createElement("div");
      item.className = "ap-zoekfilters__veld";
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = group.label;
      const select = document.createElement("select");
      select.id = id;
      select.name = group.name;
      select.add(new Option(group.all, ""));
      for (const value of ordered(values, group.order)) select.add(new Option(value, value));
      item.append(label, select);
      fieldset.append(item);
    }
    status = document.createElement("p");
    status.className = "ap-sr";
    status.setAttribute("role", "status");
    fieldset.append(status);
    fieldset.addEventListener("change", () => {
      worker.postMessage({ type: FILTER, data: chosen() });
      if (field.value.trim()) worker.postMessage({ type: QUERY, data: field.value });
    });
    fieldset.addEventListener("keydown", (event) => {
      if (event.key === "Escape") return;
      event.stopPropagation();
      if (event.key === "Tab" && event.shiftKey && event.target === selects()[0]) {
        event.preventDefault();
        field.focus();
      }
    });
    scrollwrap.prepend(fieldset);
  }

  function announce(items) {
    if (!status) return;
    clearTimeout(pending);
    // Once the list stops changing: Material asks again on every key stroke.
    pending = setTimeout(() => {
      if (!field.value.trim()) {
        status.textContent = "";
        return;
      }
      const n = items.length;
      const found = n === 0 ? "Niets gevonden" : n === 1 ? "1 pagina gevonden" : `${n} pagina's gevonden`;
      status.textContent = Object.keys(chosen()).length ? `${found} met deze filters` : found;
    }, 500);
  }

  field.addEventListener("keydown", (event) => {
    const first = selects()[0];
    if (event.key === "Tab" && !event.shiftKey && first) {
      event.preventDefault();
      event.stopPropagation();
      first.focus();
    }
  });

  function connect(found) {
    if (worker || !found) return;
    worker = found;
    worker.addEventListener("message", (event) => {
      const message = event.data || {};
      if (message.type === FILTERS) build(message.data);
      else if (message.type === RESULT) announce(message.data?.items ?? []);
    });
  }
  connect(window.actieplanZoekworker);
  window.addEventListener("actieplan:zoekworker", (event) => connect(event.detail));
})();
