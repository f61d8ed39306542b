// Init script for every page: switch off CSS transitions and animations, so
// that every measurement (colour contrast, focus outline, position) sees the
// final state and not a frame halfway through a fade; and remember every
// element that gets keyboard focus (window.__apFocused).
// Also record every Content-Security-Policy violation (window.__apCsp): the
// site's policy allows no inline script or style it did not name, so the
// style that switches transitions off is a constructed style sheet, which
// the policy does not govern, rather than a <style> element.
(() => {
  window.__apCsp = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__apCsp.push(`${event.violatedDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
  });
  const add = () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("*, *::before, *::after { transition: none !important; animation: none !important; }");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  };
  const track = () => {
    window.__apFocused = new Set();
    document.addEventListener("focusin", (event) => window.__apFocused.add(event.target), true);
  };
  track();
  if (document.head) add();
  else document.addEventListener("DOMContentLoaded", add, { once: true });
})();
