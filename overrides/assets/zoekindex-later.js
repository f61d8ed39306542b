// Download the search index only when the reader starts to search.
//
// Why: Material for MkDocs (9.8.1) fetches search/search_index.json on every
// page load, so that search is ready at once. On this site that index is
// most of what a first visit transfers (about 700 KB with 1,000 measures),
// while most readers never search. mdBook and rustdoc load their index only
// when the reader opens search; this file does the same without changing
// Material's code. (Material itself already waits like this for sites opened
// from file://.)
//
// How: this file runs before Material's bundle (overrides/main.html, block
// "scripts") and wraps XMLHttpRequest, which the bundle uses for the index.
// A request for .../search/search_index.json is opened as usual, but sent
// only once the reader shows they want to search:
// - focus enters the search field ([data-md-component="search-query"]);
// - the search toggle (#__search) is switched on (the header button on
//   narrow screens, see header-buttons.js);
// - the page was opened with ?h= (Material's search.highlight marks the
//   words of a search result on its target page and needs the index for it)
//   or ?q= (a search that opens on load).
// Material waits for the index as it would for a slow network; a query typed
// meanwhile runs as soon as the index is there. Every other request passes
// untouched. Without JavaScript there is no search, so nothing changes.
//
// The search itself is Pagefind's (zoeken.js, next to this file): Material's
// search worker is started from that file instead of Material's own. The
// index file Material fetches is then only its settings (no documents,
// macros/site/pagefind.py); Material sends it to the worker with SETUP, and
// only then does the worker load Pagefind. The worker is kept in
// window.actieplanZoekworker for the search filters (zoekfilters.js).
(() => {
  const INDEX_PATH = "/search/search_index.json";
  const MATERIAL_WORKER = /\/assets\/javascripts\/workers\/search\.[^/]*\.js$/;
  const OUR_WORKER = new URL("zoeken.js", document.currentScript.src).href;
  const NativeWorker = window.Worker;
  if (NativeWorker) {
    window.Worker = class extends NativeWorker {
      constructor(url, options) {
        let path = "";
        try {
          path = new URL(String(url), location.href).pathname;
        } catch (error) {
          // Not a valid address: the real constructor reports it.
        }
        const ours = MATERIAL_WORKER.test(path);
        super(ours ? OUR_WORKER : url, options);
        // The search filters (zoekfilters.js, which runs after Material's bundle) talk to this worker.
        if (ours) {
          window.actieplanZoekworker = this;
          window.dispatchEvent(new CustomEvent("actieplan:zoekworker", { detail: this }));
        }
      }
    };
  }
  const FIELD = '[data-md-component="search-query"]';
  const xhr = XMLHttpRequest.prototype;
  const { open, send, abort } = xhr;
  const forIndex = new WeakSet(); // requests whose last open() was for the index
  const held = new Map(); // held request -> the arguments of its send()
  let wanted = false;

  const onFocus = (event) => {
    if (event.target instanceof Element && event.target.matches(FIELD)) release();
  };
  const onChange = (event) => {
    if (event.target.id === "__search" && event.target.checked) release();
  };

  function release() {
    if (wanted) return;
    wanted = true;
    document.removeEventListener("focusin", onFocus, true);
    document.removeEventListener("change", onChange, true);
    for (const [request, args] of held) send.apply(request, args);
    held.clear();
  }

  xhr.open = function (method, url) {
    let path = "";
    try {
      path = new URL(String(url), location.href).pathname;
    } catch (error) {
      // Not a valid address: the real open() below reports it.
    }
    held.delete(this);
    if (path.endsWith(INDEX_PATH)) forIndex.add(this);
    else forIndex.delete(this);
    // apply with `arguments`: open(m, u) and open(m, u, undefined) differ.
    return open.apply(this, arguments);
  };
  xhr.send = function (...args) {
    if (!wanted && forIndex.has(this)) {
      held.set(this, args);
      return;
    }
    return send.apply(this, args);
  };
  xhr.abort = function () {
    held.delete(this);
    return abort.apply(this, arguments);
  };

  const params = new URLSearchParams(location.search);
  const toggle = document.getElementById("__search");
  const active = document.activeElement;
  if (params.has("h") || params.has("q") || (toggle && toggle.checked) || (active && active.matches(FIELD))) {
    wanted = true;
  } else {
    document.addEventListener("focusin", onFocus, true);
    document.addEventListener("change", onChange, true);
  }
})();
