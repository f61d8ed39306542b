// The site's search worker: Material's search field and result list, Pagefind's index.
//
// Why: Material's own worker (lunr) cannot fold accents ("zorgcoordinator"
// finds nothing) and its Dutch stemmer breaks type-ahead. Pagefind
// (macros/site/pagefind.py builds its index into pagefind/) folds accents,
// stems Dutch and loads its index in small chunks when a query needs them.
//
// How: zoekindex-later.js starts this file instead of Material's worker.
// It speaks Material's worker messages (Material 9.8.1,
// integrations/search/worker): SETUP (0) → READY (1), QUERY (2) →
// RESULT (3) with items, a list per page: the page first, then its sections.
// Pagefind is imported only on SETUP, which Material sends once the reader
// starts to search, so a first visit loads none of it. Addresses are made
// relative to the site's root; Material resolves them against the base of
// the page, so search works in every version folder.
//
// Dutch word forms: the Snowball stemmer turns "maatregelen" into
// "maatregeel" but "maatregel" into "maatregel", so the two forms never meet
// ("campagnes" and "campagne" neither). Each word of a query is therefore
// also searched in its other number (see forms()), and the results merged;
// the query as typed counts a little more.
//
// Filters: each page says what it is (kind; a measure also its status and
// actiehouder) in data-pagefind-filter (macros/templates/zoekfilters.html.jinja).
// Once Pagefind is loaded this worker sends the filters and their counts to
// the page (FILTERS); the search window's filters (zoekfilters.js) send back
// the chosen values (FILTER), and every search from then on keeps to them.
// Material ignores messages of types it does not know.
const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;
const FILTERS = "actieplan:filters";
const FILTER = "actieplan:filter";
const SHOWN = 30; // results whose text is loaded; Material shows 10 and then more on scrolling
const SECTIONS = 3; // sections shown per page; the others fold away under "meer"
const PAGEFIND = new URL("../pagefind/pagefind.js", self.location.href).href;

let pagefind = null;
let loading = null; // the import of Pagefind, started by the first SETUP
let latest = 0;
let chosen = {}; // filter name → value, from the search window; empty: no filter

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

// The other number of a Dutch word: plural → singular and singular → plural.
// Cheap rules, no dictionary: a wrong form finds nothing and costs nothing.
function forms(word) {
  const w = word.toLowerCase();
  const out = [];
  if (w.length < 4 || /\d/.test(w)) return out;
  if (w.endsWith("'s")) out.push(w.slice(0, -2));
  else if (w.endsWith("en")) {
    const stem = w.slice(0, -2);
    out.push(stem);
    if (/([^aeiou])\1$/.test(stem)) out.push(stem.slice(0, -1)); // plekken → plek
  } else if (w.endsWith("s")) out.push(w.slice(0, -1));
  else if (w.endsWith("je")) out.push(w.slice(0, -2).replace(/t$/, "")); // regiootje → regio
  else {
    out.push(`${w}en`, `${w}s`);
    if (/[^aeiou][aeiou][^aeiouwy]$/.test(w)) out.push(`${w}${w.slice(-1)}en`); // plek → plekken
  }
  return out;
}

// The query as typed and, per word, its other forms; at most eight searches.
function variants(query) {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const all = [{ text: words.join(" "), weight: 1 }];
  words.forEach((word, i) => {
    for (const form of forms(word)) {
      const changed = [...words];
      changed[i] = form;
      all.push({ text: changed.join(" "), weight: 0.9 });
    }
  });
  return all.slice(0, 8);
}

const relative = (url) => url.replace(/^\/+/, "");

function item(data, location, title, text, score, terms) {
  return { location: relative(location), title, text, score, terms };
}

async function page(result, terms) {
  const data = await result.data();
  const title = escapeHtml(data.meta.title || data.url);
  const article = item(data, data.url, title, data.excerpt, result.score, terms);
  const sections = data.sub_results
    .filter((sub) => sub.url.includes("#") && sub.title !== data.meta.title)
    .map((sub, n) => item(data, sub.url, escapeHtml(sub.title), sub.excerpt, n < SECTIONS ? result.score : 0, terms));
  return [article, ...sections];
}

async function search(query) {
  const terms = Object.fromEntries(query.trim().split(/\s+/).filter(Boolean).map((word) => [word, true]));
  if (!Object.keys(terms).length) return { items: [] };
  const found = new Map(); // Pagefind's id → { result, score }
  for (const variant of variants(query)) {
    const answer = await pagefind.search(variant.text, { filters: chosen });
    for (const result of answer?.results ?? []) {
      const score = result.score * variant.weight;
      const known = found.get(result.id);
      if (!known || known.score < score) found.set(result.id, { result, score });
    }
  }
  const best = [...found.values()].sort((a, b) => b.score - a.score).slice(0, SHOWN);
  const items = await Promise.all(best.map(({ result, score }) => page({ ...result, data: result.data, score }, terms)));
  return { items };
}

async function load() {
  pagefind = await import(PAGEFIND);
  await pagefind.options({ baseUrl: "/", excerptLength: 24, ranking: { metaWeights: { title: 8 } } });
  await pagefind.init();
  postMessage({ type: FILTERS, data: await pagefind.filters() });
}

addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    loading ??= load();
    await loading;
    postMessage({ type: READY });
  } else if (message.type === FILTER) {
    // Only names and values as text; an empty value means "all".
    chosen = {};
    for (const [name, value] of Object.entries(message.data ?? {})) {
      if (typeof value === "string" && value) chosen[name] = value;
    }
  } else if (message.type === QUERY) {
    // Material sends a query on every key stroke; answer only the newest.
    const asked = ++latest;
    let data = { items: [] };
    try {
      await (loading ??= load());
      data = await search(String(message.data));
    } catch (error) {
      console.warn("Zoeken mislukt:", error);
    }
    if (asked === latest) postMessage({ type: RESULT, data });
  }
});
