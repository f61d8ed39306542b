// Keyboard access to the header buttons of narrow screens. Material makes
// "menu" (below 1220 CSS pixels wide, which includes phones and zooming in to
// 400 %) and "search" (below 960) out of <label>s for hidden checkboxes: they
// work with a mouse, but keyboard focus cannot reach them. Here each becomes
// a real <button>: Tab reaches it, Enter or Space opens what it controls and
// moves focus there; Escape closes the menu and brings focus back to its
// button (Material already closes search with Escape). Without JavaScript
// Material's labels stay as they are.
(() => {
  const upgrade = (toggleId, name, className, inside) => {
    const toggle = document.getElementById(toggleId);
    const label = document.querySelector(`.md-header label.md-header__button[for="${toggleId}"]`);
    if (!toggle || !label) return null;
    const button = document.createElement("button");
    button.type = "button";
    button.className = `${label.className} ${className}`;
    button.setAttribute("aria-label", name);
    button.append(...label.childNodes);
    label.replaceWith(button);
    const sync = () => button.setAttribute("aria-expanded", String(toggle.checked));
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("focus", sync);
    button.addEventListener("click", () => {
      toggle.click();
      sync();
      const target = toggle.checked && document.querySelector(inside);
      if (target) target.focus();
    });
    return { toggle, button, sync };
  };

  const menu = upgrade("__drawer", "Menu", "ap-knop-menu", ".md-sidebar--primary a[href]");
  upgrade("__search", "Zoeken", "ap-knop-zoeken", ".md-search__input");
  if (!menu) return;
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.toggle.checked) {
      menu.toggle.click();
      menu.sync();
      menu.button.focus();
    }
  });
})();
