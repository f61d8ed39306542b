/* Filter and sort for the measures overview (macros/templates/maatregelen_overzicht.html.jinja).
 *
 * Progressive enhancement: without this script the whole table shows and the
 * controls stay hidden. With it:
 *  - each <select data-filter="KEY"> hides the rows whose data-KEY (a
 *    space-separated list of values) does not hold the chosen value;
 *  - the filters live in the URL (?doel=preventie&vorm=arbeidsuitbuiting),
 *    so a filtered view can be shared; an unknown value in the URL is
 *    ignored and explained in a notice (never an empty table);
 *  - the column heads marked data-sort-type become sort buttons (aria-sort);
 *  - the number of results is written to a role="status" line, which screen
 *    readers announce.
 * No library, no request elsewhere. Text is set with textContent only.
 */
(function () {
  "use strict";

  var collator = new Intl.Collator("nl", { numeric: true, sensitivity: "base" });

  function setup(root) {
    if (root.hasAttribute("data-filter-ready")) {
      return;
    }
    root.setAttribute("data-filter-ready", "");

    var controls = root.querySelector("[data-filter-controls]");
    var table = root.querySelector("[data-filter-table]");
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-filter]"));
    var count = root.querySelector("[data-filter-count]");
    var empty = root.querySelector("[data-filter-empty]");
    var notice = root.querySelector("[data-filter-notice]");
    var noticeText = root.querySelector("[data-filter-notice-text]");
    var nounOne = root.getAttribute("data-noun-one");
    var nounMany = root.getAttribute("data-noun-many");

    function labelOf(select) {
      return root.querySelector('label[for="' + select.id + '"]').textContent.trim();
    }

    function hasOption(select, value) {
      return Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
    }

    function countText(shown, active) {
      if (!active) {
        return rows.length + " " + (rows.length === 1 ? nounOne : nounMany);
      }
      return shown + " van de " + rows.length + " " + nounMany + " passen bij de filters";
    }

    function writeUrl() {
      var url = new URL(window.location.href);
      selects.forEach(function (select) {
        if (select.value) {
          url.searchParams.set(select.name, select.value);
        } else {
          url.searchParams.delete(select.name);
        }
      });
      window.history.replaceState(window.history.state, "", url.toString());
    }

    function apply(extra) {
      var active = selects.filter(function (select) { return select.value; });
      var shown = 0;
      rows.forEach(function (row) {
        var match = active.every(function (select) {
          var values = (row.getAttribute("data-" + select.name) || "").split(" ");
          return values.indexOf(select.value) !== -1;
        });
        row.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      empty.hidden = shown !== 0;
      count.textContent = countText(shown, active.length > 0) + (extra ? " " + extra : "");
    }

    /* Read the filters from the URL; report the values no control knows. */
    var params = new URLSearchParams(window.location.search);
    var unknown = [];
    selects.forEach(function (select) {
      var raw = params.get(select.name);
      if (raw === null || raw === "") {
        return;
      }
      var value = raw.trim().toLowerCase();
      if (hasOption(select, value)) {
        select.value = value;
      } else {
        // Only the control's own label: text from the URL never reaches the page (content spoofing).
        unknown.push(labelOf(select));
      }
    });
    if (unknown.length) {
      noticeText.textContent = "Het webadres vraagt om een onbekende waarde voor het filter " + unknown.join(", ") +
        ". Dat filter is niet gebruikt. U ziet daarom " +
        (selects.some(function (s) { return s.value; }) ? "de " + nounMany + " die bij de andere filters passen." : "alle " + nounMany + ".");
      notice.hidden = false;
    }

    selects.forEach(function (select) {
      select.addEventListener("change", function () {
        notice.hidden = true;
        apply();
        writeUrl();
      });
    });
    root.querySelector("[data-filter-reset]").addEventListener("click", function () {
      selects.forEach(function (select) { select.value = ""; });
      notice.hidden = true;
      apply();
      writeUrl();
      selects[0].focus();
    });
    root.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
    });

    /* Sorting: the head cells with data-sort-type get a button. */
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th) {
      if (!th.hasAttribute("data-sort-type")) {
        return;
      }
      var label = th.textContent.trim();
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ap-sorteer";
      button.textContent = label;
      var arrow = document.createElement("span");
      arrow.className = "ap-sorteer__pijl";
      arrow.setAttribute("aria-hidden", "true");
      arrow.textContent = " ↕";
      button.appendChild(arrow);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (other) {
          other.removeAttribute("aria-sort");
          var otherArrow = other.querySelector(".ap-sorteer__pijl");
          if (otherArrow) {
            otherArrow.textContent = " ↕";
          }
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        arrow.textContent = ascending ? " ↑" : " ↓";
        var index = th.cellIndex;
        rows.sort(function (a, b) {
          var cellA = a.cells[index];
          var cellB = b.cells[index];
          var keyA = cellA.getAttribute("data-sort") || cellA.textContent.trim();
          var keyB = cellB.getAttribute("data-sort") || cellB.textContent.trim();
          var order = collator.compare(keyA, keyB) || collator.compare(a.cells[0].getAttribute("data-sort") || "", b.cells[0].getAttribute("data-sort") || "");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
        apply("Gesorteerd op " + label.toLowerCase() + ", " + (ascending ? "oplopend" : "aflopend") + ".");
      });
    });

    controls.hidden = false;
    apply();
    if (unknown.length) {
      writeUrl();
    }
  }

  function run() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-ap-filter]"), setup);
  }

  /* Material's instant navigation (off on this site) swaps pages without a
     reload; document$ then tells us about each new page. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
