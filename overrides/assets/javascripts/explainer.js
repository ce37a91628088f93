/* The explainer's only script: the timeline filter, and old links into split collections.
   Progressive enhancement: the page lists every event without it. Runs on every page load,
   including Material's instant navigation (document$ emits once per page). No requests to
   other hosts. */
(function () {
  "use strict";

  function words(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }

  /* The count's wording comes from the page (data-showing-some / data-showing-all on the form,
     from the story language's table in generator/locales), with {shown} and {total} filled in. */
  function countText(form, shown, total) {
    var text = shown === null
      ? form.dataset.showingAll || "Showing all {total} events."
      : form.dataset.showingSome || "Showing {shown} of {total} events.";
    return text.replace("{shown}", String(shown)).replace("{total}", String(total));
  }

  function applyFilter(form) {
    var actor = form.elements.actor.value;
    var tag = form.elements.tag.value;
    var events = document.querySelectorAll("article.event");
    var shown = 0;
    events.forEach(function (ev) {
      var keep = (!actor || words(ev.dataset.actors).indexOf(actor) >= 0) &&
                 (!tag || words(ev.dataset.tags).indexOf(tag) >= 0);
      ev.hidden = !keep;
      if (keep) shown += 1;
    });
    hideEmptyGroups(form);
    var count = document.querySelector(".timeline-filter__count");
    count.textContent = countText(form, actor || tag ? shown : null, events.length);
    form.classList.toggle("is-filtered", Boolean(actor || tag));
    var empty = document.querySelector(".timeline-empty");
    if (empty) empty.hidden = !(actor || tag) || shown > 0;
    if (count.parentNode.classList.contains("timeline-bar")) count.parentNode.classList.toggle("is-filtered", Boolean(actor || tag));
  }

  /* A month heading or phase marker stays only while one of its events is shown. */
  function hideEmptyGroups(form) {
    var root = form.parentNode;
    var groups = [];
    var month = null;
    var phase = null;
    Array.prototype.forEach.call(root.children, function (el) {
      if (el.tagName === "H2") {
        month = { el: el, visible: false };
        groups.push(month);
      } else if (el.classList.contains("phase")) {
        phase = { el: el, visible: false };
        groups.push(phase);
      } else if (el.tagName === "ARTICLE" && !el.hidden) {
        if (month) month.visible = true;
        if (phase) phase.visible = true;
      }
    });
    groups.forEach(function (g) { g.el.hidden = !g.visible; });
  }

  function readQuery(form) {
    var params = new URLSearchParams(window.location.search);
    ["actor", "tag"].forEach(function (name) {
      var value = params.get(name);
      var select = form.elements[name];
      if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value;
    });
  }

  function writeQuery(form) {
    var url = new URL(window.location.href);
    ["actor", "tag"].forEach(function (name) {
      var value = form.elements[name].value;
      if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
    });
    window.history.replaceState(window.history.state, "", url.toString());
  }

  function setUpTimeline() {
    var form = document.querySelector("form.timeline-filter");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    form.hidden = false;
    /* The bar under the header: the count stays in sight, "Filters" brings the form back. */
    var bar = document.querySelector(".timeline-bar");
    if (bar) {
      bar.hidden = false;
      bar.querySelector(".timeline-bar__jump").addEventListener("click", function () {
        form.scrollIntoView({ block: "start" });
        form.elements.actor.focus({ preventScroll: true });
      });
    }
    readQuery(form);
    form.addEventListener("change", function () { applyFilter(form); writeQuery(form); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { applyFilter(form); writeQuery(form); }, 0);
    });
    var showAll = document.querySelector(".timeline-empty__reset");
    if (showAll) showAll.addEventListener("click", function () { form.reset(); });
    if (form.elements.actor.value || form.elements.tag.value) applyFilter(form);
    else document.querySelector(".timeline-filter__count").textContent =
      countText(form, null, document.querySelectorAll("article.event").length);
    /* A permalink to an event the filter hides: show everything so the link works. */
    var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var article = target && target.closest("article.event");
    if (article && article.hidden) {
      form.reset();
      window.setTimeout(function () { target.scrollIntoView({ block: "start" }); }, 0);  /* once it is shown */
    }
  }

  /* For print: links that leave the site get their address written out (see explainer.css). */
  function markExternalLinks() {
    document.querySelectorAll(".md-typeset a[href]").forEach(function (a) {
      if (a.protocol && a.protocol.indexOf("http") === 0 && a.host !== window.location.host) a.classList.add("ex-external");
    });
  }

  /* A link made before a collection was split into parts (/timeline/#event-id) lands on its
     index of parts. The index names a file mapping each anchor to its part: fetched from this
     site only then, and only when the anchor is not on the page. */
  function followMovedAnchor() {
    var index = document.querySelector("[data-anchors]");
    var id = window.location.hash && decodeURIComponent(window.location.hash.slice(1));
    if (!index || !id || document.getElementById(id) || !window.fetch) return;
    window.fetch(new URL(index.dataset.anchors, window.location.href).href)
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (parts) {
        if (Object.prototype.hasOwnProperty.call(parts, id)) {
          window.location.replace(new URL(parts[id] + window.location.hash, window.location.href).href);
        }
      })
      .catch(function () { /* the index still lists every part */ });
  }

  /* Permalinks carry no title attribute (mkdocs.yml: a tooltip each cost startup time), so each
     is named after its heading: a screen reader hears the heading, not "pilcrow". */
  function namePermalinks() {
    document.querySelectorAll("a.headerlink:not([aria-label])").forEach(function (link) {
      var heading = link.parentNode;
      var name = "";
      heading.childNodes.forEach(function (node) {
        if (node !== link) name += node.textContent;
      });
      name = name.replace(/\s+/g, " ").trim();
      if (name) link.setAttribute("aria-label", name);
    });
  }

  /* A glossary term shows its definition in the theme's tooltip on hover. The first use of each
     term on a page also takes the keyboard's focus, and a tap on a phone, which show the same
     tooltip: no definition is for mouse users only. Later uses of a term stay out of the tab
     order, so that a page using a term in every paragraph is not a row of tab stops; a term
     inside a link is reached with the link. */
  function focusableTerms() {
    var seen = {};
    document.querySelectorAll(".md-content abbr").forEach(function (abbr) {
      var term = abbr.textContent.trim().toLowerCase();
      if (seen[term] || abbr.closest("a") || abbr.hasAttribute("tabindex")) return;
      seen[term] = true;
      abbr.setAttribute("tabindex", "0");
    });
  }

  /* Below 76.25em the navigation is a drawer, opened by a <label> in the header that the
     keyboard cannot reach, and its links stay in the tab order while it is closed and off
     screen. A real button takes the label's place (Enter or Space opens the drawer and moves
     into it, Escape closes it and returns), and a closed drawer is inert: out of the tab order
     and of screen readers' reach. Without this script the label still opens it by touch or click. */
  var narrow = window.matchMedia("(max-width: 76.234375em)");

  function drawerParts() {
    return { toggle: document.getElementById("__drawer"), drawer: document.querySelector(".md-sidebar--primary"),
             button: document.querySelector(".md-header .ex-menu") };
  }

  function syncDrawer() {
    var d = drawerParts();
    if (!d.toggle || !d.drawer) return;
    var closed = narrow.matches && !d.toggle.checked;
    if (closed) d.drawer.setAttribute("inert", ""); else d.drawer.removeAttribute("inert");
    if (d.button) d.button.setAttribute("aria-expanded", String(d.toggle.checked));
  }

  function setDrawer(open) {
    var d = drawerParts();
    d.toggle.checked = open;
    d.toggle.dispatchEvent(new Event("change", { bubbles: true }));
    syncDrawer();
    if (open) {
      var first = d.drawer.querySelector("a[href]");
      if (first) first.focus();
    } else if (d.button) {
      d.button.focus();
    }
  }

  function keyboardDrawer() {
    var label = document.querySelector(".md-header label[for='__drawer']");
    var d = drawerParts();
    if (label && !d.button) {
      var nav = d.drawer && d.drawer.querySelector("nav[aria-label]");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-header__button md-icon ex-menu";
      if (nav) button.setAttribute("aria-label", nav.getAttribute("aria-label"));
      label.childNodes.forEach(function (node) { button.appendChild(node.cloneNode(true)); });  /* the theme's icon */
      button.addEventListener("click", function () { setDrawer(!drawerParts().toggle.checked); });
      label.parentNode.insertBefore(button, label);
      label.hidden = true;
    }
    syncDrawer();
  }

  document.addEventListener("keydown", function (e) {
    var d = drawerParts();
    if (e.key === "Escape" && d.toggle && d.toggle.checked && narrow.matches) setDrawer(false);
  });
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__drawer") syncDrawer();
  });
  /* Tab (or Shift+Tab) past the open drawer's last (or first) link closes it, as leaving a menu
     does: the focus goes on to the page, which would otherwise stay under the drawer and its
     shade while the focus moved through it unseen. */
  document.addEventListener("focusin", function (e) {
    var d = drawerParts();
    if (!d.toggle || !d.toggle.checked || !narrow.matches || !d.drawer) return;
    if (d.drawer.contains(e.target) || e.target === d.button) return;
    d.toggle.checked = false;
    d.toggle.dispatchEvent(new Event("change", { bubbles: true }));
    syncDrawer();
  });
  if (narrow.addEventListener) narrow.addEventListener("change", syncDrawer);

  /* Zensical, below 60em: search opens from a <label> in the header, which the keyboard cannot
     reach (Zensical hides its own search button there). The label becomes a button to the
     keyboard too. Material needs none of this: its search box is itself in the tab order. */
  function keyboardSearch() {
    var label = document.querySelector(".md-header label[for='__search']");
    if (!label || document.querySelector(".md-search__input") || label.hasAttribute("tabindex")) return;
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        label.click();
      }
    });
  }

  function setUpPage() {
    keyboardDrawer();
    keyboardSearch();
    focusableTerms();
    namePermalinks();
    markExternalLinks();
    setUpTimeline();
    followMovedAnchor();
  }

  window.addEventListener("hashchange", followMovedAnchor);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpPage);
  } else {
    setUpPage();
  }
})();
