// Does the page scroll sideways at this width? Names the widest culprits:
// elements that stick out of the page and are not inside a box that
// scrolls or clips on its own (a wide table may scroll inside its wrapper).
() => {
  const root = document.scrollingElement || document.documentElement;
  const width = root.clientWidth;
  window.scrollTo(10000, window.scrollY);
  const scrolled = window.scrollX;
  window.scrollTo(0, window.scrollY);
  const contained = (el) => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if (overflow !== "visible") return true;
    }
    return false;
  };
  const culprits = [];
  if (root.scrollWidth > width || scrolled > 0) {
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 1 && box.width > 0 && !contained(el)) {
        const id = el.id ? `#${el.id}` : "";
        const cls = el.classList.length ? `.${[...el.classList].join(".")}` : "";
        culprits.push(`<${el.tagName.toLowerCase()}${id}${cls}> ${Math.round(box.right)}px`);
        if (culprits.length >= 5) break;
      }
    }
  }
  return { width, scroll_width: root.scrollWidth, scrolled, culprits };
}
