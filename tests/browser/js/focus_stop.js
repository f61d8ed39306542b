// Where keyboard focus is now, and whether a sighted reader can see it.
//   "step": a new stop of the walk; null when focus has left the page;
//           {again, wrapped} when it comes back to an element it already
//           visited: wrapped (back at the first stop, the page is done) or
//           not (a keyboard trap);
//   "look": only measure again (after the page had a moment to react).
// A visually hidden input (Material's palette and toggle inputs) shows its
// focus on the label next to it, so that label is the indicator.
(mode) => {
  const describe = (el) => {
    const text = (el.innerText || el.getAttribute("aria-label") || el.title || el.value || "").trim().replace(/\s+/g, " ");
    const id = el.id ? `#${el.id}` : "";
    const href = el.getAttribute("href") ? ` href=${el.getAttribute("href")}` : "";
    return `<${el.tagName.toLowerCase()}${id}${href}> ${text.slice(0, 40)}`.trim();
  };
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return false;
    if (box.right <= 0 || box.left >= window.innerWidth) return false;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.visibility === "hidden" || Number(style.opacity) === 0) return false;
    }
    return true;
  };
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  window.__apWalk = window.__apWalk || [];
  if (mode === "step") {
    if (window.__apWalk.includes(el)) return { again: describe(el), wrapped: el === window.__apWalk[0] };
    window.__apWalk.push(el);
  }
  const candidates = [el];
  if (el.nextElementSibling && el.nextElementSibling.tagName === "LABEL") candidates.push(el.nextElementSibling);
  for (const label of el.labels || []) candidates.push(label);
  const indicator = candidates.find(shown) || null;
  let outline = null;
  if (indicator) {
    const style = getComputedStyle(indicator);
    const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    outline = ring ? `${style.outlineStyle} ${style.outlineWidth}` : shadow ? `box-shadow ${style.boxShadow}` : null;
  }
  return {
    element: describe(el),
    indicator: indicator ? describe(indicator) : null,
    outline,
    skip_link: el.classList.contains("md-skip"),
    href: el.getAttribute("href"),
  };
}
