// The controls a mouse user sees when the page opens, and which of them
// keyboard focus reached during the walk (window.__apFocused, filled by the
// focusin listener of init.js).
//   "note"  before the walk: remember the visible controls;
//   "check" after the walk: {count, missed} for the remembered controls.
(phase) => {
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || el.closest("[inert]")) return false;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.visibility === "hidden" || Number(style.opacity) === 0) return false;
    }
    return true;
  };
  if (phase === "note") {
    const selector = [
      "a[href]", "button", "input:not([type=hidden])", "select", "textarea", "summary",
      "[tabindex]:not([tabindex='-1'])", "[role=button]", "[role=link]", "[role=tab]",
      "[role=switch]", "[role=checkbox]", "[role=menuitem]", "[contenteditable=true]", "label[for]",
    ].join(",");
    // A label is a control only where it looks like one (Material's labels
    // double as plain titles at some widths, with the normal cursor).
    window.__apControls = [...document.querySelectorAll(selector)].filter(
      (el) => shown(el) && !el.disabled && (el.tagName !== "LABEL" || getComputedStyle(el).cursor === "pointer"),
    );
    return window.__apControls.length;
  }
  const reached = window.__apFocused || new Set();
  const missed = [];
  for (const el of window.__apControls || []) {
    const targets = [el];
    if (el.tagName === "LABEL") {
      // A label operates its input. Material puts a visually hidden input
      // right before the label that shows its focus (the palette toggle), and
      // of a radio group only one radio takes focus.
      const input = document.getElementById(el.htmlFor);
      if (input) targets.push(input);
      const before = el.previousElementSibling;
      if (before && before.tagName === "INPUT") targets.push(before);
      if (input && input.type === "radio" && input.name) {
        targets.push(...document.querySelectorAll(`input[type=radio][name="${CSS.escape(input.name)}"]`));
      }
    }
    if (targets.some((t) => reached.has(t))) continue;
    const text = (el.innerText || el.getAttribute("aria-label") || el.title || "").trim().replace(/\s+/g, " ");
    const id = el.id ? `#${el.id}` : el.htmlFor ? ` for=${el.htmlFor}` : "";
    const href = el.getAttribute("href") ? ` href=${el.getAttribute("href")}` : "";
    missed.push(`<${el.tagName.toLowerCase()}${id}${href}> ${text.slice(0, 40)}`.trim());
  }
  return { count: (window.__apControls || []).length, missed };
}
