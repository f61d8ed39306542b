// What does not fit on this page at this width? Four findings, each naming its elements:
// - page: the page itself scrolls sideways;
// - tables: a box that scrolls sideways hides columns of its table;
// - charts: a chart box needs sideways scrolling;
// - broken: a word in a title (heading, table header, link in a table cell, term of a
//   summary list) is broken over two lines. Ids (M07-A1) and addresses may break;
//   a break at a hyphen or slash is a break between words.
() => {
  const root = document.scrollingElement || document.documentElement;
  const name = (el) => {
    const id = el.id ? `#${el.id}` : "";
    const cls = el.classList.length ? `.${[...el.classList].join(".")}` : "";
    return `<${el.tagName.toLowerCase()}${id}${cls}>`;
  };
  const sticksOut = (el) => el.scrollWidth > el.clientWidth + 1;
  const content = document.querySelector("article") || document.body;
  const tables = [...content.querySelectorAll("table")]
    .map((table) => table.parentElement)
    .filter((box) => box && getComputedStyle(box).overflowX !== "visible" && sticksOut(box))
    .map((box) => `${name(box)} ${box.scrollWidth}px in ${box.clientWidth}px`);
  const charts = [...content.querySelectorAll(".ap-grafiek__scroll, figure svg")]
    .map((el) => (el.tagName === "svg" ? el.parentElement : el))
    .filter((box) => box && sticksOut(box))
    .map((box) => `${name(box)} ${box.scrollWidth}px in ${box.clientWidth}px`);
  const MAY_BREAK = /^([A-Z]{1,4}\d+[A-Za-z0-9-]*|.*[/@:].*|.*\.\w{2,4}|\d[\d.,]*)[.,:;)]*$/;
  const broken = [];
  const titles = content.querySelectorAll("h1, h2, h3, h4, th, td a, dt, caption");
  for (const title of titles) {
    if (title.closest(".ap-sr, [hidden]") || !title.getClientRects().length) continue;
    const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Text for screen readers only is a 1 px box; code (field names, ids) may break.
      if (node.parentElement.closest(".ap-sr, code")) continue;
      const text = node.textContent;
      const words = /[^\s\-‐–—/]+/g;
      for (let match = words.exec(text); match; match = words.exec(text)) {
        if (match[0].length < 2 || MAY_BREAK.test(match[0])) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(`${name(title)} "${match[0]}"`);
      }
    }
    if (broken.length >= 10) break;
  }
  return {
    page: root.scrollWidth > root.clientWidth + 1,
    tables,
    charts,
    broken,
  };
}
