// Init script for every page: switch off CSS transitions and animations, so
// that every measurement (colour contrast, focus outline, position) sees the
// final state and not a frame halfway through a fade; and remember every
// element that gets keyboard focus (window.__apFocused).
(() => {
  const add = () => {
    const style = document.createElement("style");
    style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
    document.head.appendChild(style);
  };
  const track = () => {
    window.__apFocused = new Set();
    document.addEventListener("focusin", (event) => window.__apFocused.add(event.target), true);
  };
  track();
  if (document.head) add();
  else document.addEventListener("DOMContentLoaded", add, { once: true });
})();
