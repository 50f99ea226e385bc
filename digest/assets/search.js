/* digest: the header search box, backed by Pagefind.
 *
 * Material renders no search box without its own search plugin, so this script builds one
 * with Material's classes (its CSS then gives the usual look, and its `__search` toggle opens
 * and closes it). Pagefind is loaded on first use only, from the bundle beside this script,
 * so a site served under a sub-path (https://user.github.io/repo/) works unchanged.
 *
 * Article text is never trusted as HTML: titles, dates and sources go in with textContent;
 * Pagefind's excerpt is split on its <mark> tags and rebuilt as nodes.
 */
(function () {
  "use strict";

  const FACETS = ["source", "language", "tag", "year", "month"];
  const PAGE_SIZE = 20;
  const DEBOUNCE_MS = 80;
  const SVG = "http://www.w3.org/2000/svg";

  const script = document.currentScript;
  const labels = Object.assign({
    search: "Search", placeholder: "Search", clear: "Clear", none: "No results", one: "1 result",
    other: "# results", loading: "Loading…", failed: "Search is unavailable", source: "Source",
    language: "Language", tag: "Tag", year: "Year", month: "Month", sort: "Sort",
    relevance: "Relevance", newest: "Newest first", more: "More results",
  }, window.digestSearchLabels || {});

  // This file is <root>/assets/digest-search.js: the site root and the bundle follow from it.
  const root = new URL("../", script.src);
  const bundle = new URL("pagefind/", root);

  let engine = null; // Promise of {pagefind, filters}, made on first use
  let generation = 0; // discards answers to queries the reader has already replaced
  let take = async () => []; // the next results of the current answer, in display order
  let total = 0;
  let rendered = 0;

  // ------------------------------------------------------------------ Pagefind

  /* Pagefind picks its primary index from <html lang>, as Pagefind itself does: that
   * language, else its base code, else the language with the most pages. */
  function primaryLanguage(languages, pageLang) {
    const lang = (pageLang || "unknown").toLowerCase();
    if (languages[lang]) return lang;
    if (languages[lang.split("-")[0]]) return lang.split("-")[0];
    return Object.keys(languages).sort((a, b) => languages[b].page_count - languages[a].page_count)[0];
  }

  async function loadEngine() {
    const pagefind = await import(new URL("pagefind.js", bundle).href);
    // Result URLs are relative to the indexed folder: keep the site's sub-path in front.
    await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
    const entry = await (await fetch(new URL("pagefind-entry.json", bundle))).json();
    const primary = primaryLanguage(entry.languages, document.documentElement.lang);
    // Pagefind searches one language index per page; the others are merged so a French
    // reader also finds English digests. mergeIndex ignores a path that prefixes the
    // primary bundle's own, so the same bundle is named through an equivalent "./" path.
    const samePath = bundle.pathname + "./";
    await Promise.all([
      pagefind.init(),
      ...Object.keys(entry.languages).filter((language) => language !== primary)
        .map((language) => pagefind.mergeIndex(samePath, { language, baseUrl: root.pathname })),
    ]);
    const filters = await pagefind.filters();
    return { pagefind, filters };
  }

  function getEngine() {
    if (!engine) {
      engine = loadEngine();
      engine.catch(() => { engine = null; }); // allow a retry after a network hiccup
    }
    return engine;
  }

  function inOrder(results) {
    let at = 0;
    return async (n) => results.slice(at, (at += n));
  }

  /* Newest first across languages. Pagefind sorts each language index by date but merges the
   * indexes by score, which a sort turns into ranks within each index. So results are regrouped
   * by index (their id starts with its language: "fr_3a9…") and merged by date, reading the
   * data of the group heads only, not of every result. */
  function newestFirst(results) {
    const groups = new Map();
    for (const result of [...results].sort((a, b) => b.score - a.score)) {
      const index = String(result.id).split("_")[0];
      if (!groups.has(index)) groups.set(index, []);
      groups.get(index).push(result);
    }
    const queues = [...groups.values()];
    return async (n) => {
      const out = [];
      while (out.length < n) {
        const heads = await Promise.all(queues.filter((q) => q.length).map(async (q) => [q, (await q[0].data()).meta.date || ""]));
        if (!heads.length) break;
        heads.sort((a, b) => b[1].localeCompare(a[1]));
        out.push(heads[0][0].shift());
      }
      return out;
    };
  }

  /* French and Italian elisions ("l'économie", "qu’il"): Pagefind keeps the apostrophe in the
   * word, so the article is dropped from the query. Curly apostrophes count too. */
  function normaliseQuery(text) {
    return text.replace(/(^|[\s(«"])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=\p{L})/giu, "$1").trim();
  }

  // ------------------------------------------------------------------ DOM helpers

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  /* A small line icon: a magnifier, a back arrow or a cross. */
  function icon(kind) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    const shapes = {
      search: [["circle", { cx: 10, cy: 10, r: 6 }], ["path", { d: "M14.5 14.5 20 20" }]],
      back: [["path", { d: "M20 12H5M11 6l-6 6 6 6" }]],
      close: [["path", { d: "M6 6l12 12M18 6 6 18" }]],
    }[kind];
    for (const [tag, attrs] of shapes) {
      const shape = document.createElementNS(SVG, tag);
      for (const [key, value] of Object.entries(attrs)) shape.setAttribute(key, value);
      shape.setAttribute("fill", "none");
      shape.setAttribute("stroke", "currentColor");
      shape.setAttribute("stroke-width", "2");
      shape.setAttribute("stroke-linecap", "round");
      svg.append(shape);
    }
    return svg;
  }

  /* Pagefind escapes "<" and ">" of the page text, then wraps matches in <mark>…</mark>:
   * those are the only tags, and &lt; &gt; the only entities it writes. */
  function excerptNodes(excerpt) {
    const decode = (text) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    const nodes = [];
    let marked = false;
    for (const part of (excerpt || "").split(/(<\/?mark>)/)) {
      if (part === "<mark>") marked = true;
      else if (part === "</mark>") marked = false;
      else if (part) nodes.push(marked ? el("mark", { text: decode(part) }) : document.createTextNode(decode(part)));
    }
    return nodes;
  }

  function languageName(code) {
    try {
      return new Intl.DisplayNames([document.documentElement.lang || "en"], { type: "language" }).of(code) || code;
    } catch (e) {
      return code;
    }
  }

  function countLabel(n) {
    if (n === 0) return labels.none;
    return n === 1 ? labels.one : labels.other.replace("#", String(n));
  }

  // ------------------------------------------------------------------ the box

  function build(header) {
    const toggle = document.getElementById("__search");
    if (!toggle || header.querySelector(".digest-search")) return;

    const input = el("input", {
      type: "text", class: "md-search__input", name: "query", placeholder: labels.placeholder,
      "aria-label": labels.search, autocapitalize: "off", autocorrect: "off", autocomplete: "off",
      spellcheck: "false", required: "", role: "combobox", "aria-expanded": "false",
      "aria-controls": "digest-search-results",
    });
    const clear = el("button", {
      type: "reset", class: "md-search__icon md-icon", title: labels.clear, "aria-label": labels.clear, tabindex: "-1",
    }, [icon("close")]);
    const form = el("form", { class: "md-search__form", name: "search" }, [
      input,
      el("label", { class: "md-search__icon md-icon", for: "__search", title: labels.search }, [icon("search"), icon("back")]),
      el("nav", { class: "md-search__options", "aria-label": labels.search }, [clear]),
    ]);
    const selects = {};
    const facets = el("div", { class: "digest-search__facets", hidden: "" });
    const sort = el("select", { "aria-label": labels.sort, "data-facet": "sort" }, [
      el("option", { value: "", text: labels.relevance }),
      el("option", { value: "date", text: labels.newest }),
    ]);
    // Only the count is announced (aria-live); reading every title at each keystroke is noise.
    const meta = el("div", { class: "md-search-result__meta", text: labels.placeholder, dir: "auto",
                             "aria-live": "polite" });
    const list = el("ol", { class: "md-search-result__list", id: "digest-search-results", role: "listbox" });
    // aria-busy: true from a keystroke until its answer is rendered (screen readers wait for it).
    const moreSlot = el("div", { class: "digest-search__more" });  // outside the listbox: not an option
    const region = el("div", { class: "md-search-result", "aria-busy": "false" }, [meta, list, moreSlot]);
    const box = el("div", { class: "md-search digest-search", role: "dialog", "aria-label": labels.search }, [
      el("label", { class: "md-search__overlay", for: "__search" }),
      el("div", { class: "md-search__inner", role: "search" }, [
        form,
        el("div", { class: "md-search__output" }, [
          el("div", { class: "md-search__scrollwrap", tabindex: "0" }, [
            facets, region,
          ]),
        ]),
      ]),
    ]);
    const button = el("label", {
      class: "md-header__button md-icon digest-search__button", for: "__search", title: labels.search,
    }, [icon("search")]);
    const before = header.querySelector(".md-header__source");
    header.insertBefore(button, before);
    header.insertBefore(box, before);

    function selectedFilters() {
      const filters = {};
      for (const [name, select] of Object.entries(selects)) {
        if (select.value) filters[name] = select.value;
      }
      return filters;
    }

    function addFacets(available) {
      for (const name of FACETS) {
        const values = Object.keys(available[name] || {});
        if (values.length < 2) continue; // one value narrows nothing
        const newestFirst = name === "year" || name === "month";
        values.sort((a, b) => (newestFirst ? b.localeCompare(a) : a.localeCompare(b)));
        const select = el("select", { "aria-label": labels[name], "data-facet": name }, [
          el("option", { value: "", text: labels[name] }), // unselected: the facet shows its name
          ...values.map((value) => el("option", {
            value, text: `${name === "language" ? languageName(value) : value} (${available[name][value]})`,
          })),
        ]);
        select.addEventListener("change", run);
        selects[name] = select;
        facets.append(select);
      }
      sort.addEventListener("change", run);
      facets.append(sort);
      facets.hidden = false;
    }

    function resultItem(data) {
      const parts = [data.meta.date_label || data.meta.date, data.meta.source].filter(Boolean);
      const link = el("a", { class: "md-search-result__link", href: data.url, tabindex: "-1" }, [
        el("article", { class: "md-search-result__article md-typeset" }, [
          // Each result keeps its own script's direction, whatever the page's (dir=auto).
          el("h1", { text: data.meta.title || data.url, dir: "auto" }),
          el("p", { class: "digest-search__meta", text: parts.join(" · "), dir: "auto" }),
          el("p", { class: "digest-search__excerpt", dir: "auto" }, excerptNodes(data.excerpt)),
        ]),
      ]);
      return el("li", { class: "md-search-result__item", role: "option" }, [link]);
    }

    async function renderMore() {
      const mine = generation;
      const batch = await take(PAGE_SIZE);
      const items = await Promise.all(batch.map((result) => result.data()));
      if (mine !== generation) return;
      moreSlot.replaceChildren();
      for (const data of items) list.append(resultItem(data));
      rendered += batch.length;
      if (rendered < total) {
        const more = el("button", { type: "button", class: "md-button digest-search__more-button", text: labels.more });
        const next = rendered;
        more.addEventListener("click", () => renderMore().then(() => links()[next]?.focus()));
        moreSlot.append(more);
      }
    }

    async function run() {
      const mine = ++generation;
      const term = normaliseQuery(input.value);
      const filters = selectedFilters();
      region.setAttribute("aria-busy", "true");
      if (!term && !Object.keys(filters).length) {
        total = 0;
        list.replaceChildren();
        moreSlot.replaceChildren();
        meta.textContent = labels.placeholder;
        input.setAttribute("aria-expanded", "false");
        region.setAttribute("aria-busy", "false");
        return;
      }
      let found;
      try {
        const { pagefind } = await getEngine();
        if (mine !== generation) return;
        const options = { filters, sort: sort.value ? { [sort.value]: "desc" } : undefined };
        found = await pagefind.debouncedSearch(term || null, options, term ? DEBOUNCE_MS : 0);
      } catch (error) {
        meta.textContent = labels.failed;
        region.setAttribute("aria-busy", "false");
        throw error;
      }
      if (found === null || mine !== generation) return; // a newer keystroke took over
      take = sort.value === "date" ? newestFirst(found.results) : inOrder(found.results);
      total = found.results.length;
      rendered = 0;
      list.replaceChildren();
      meta.textContent = countLabel(total);
      await renderMore();
      if (mine !== generation) return;
      input.setAttribute("aria-expanded", String(total > 0));
      region.setAttribute("aria-busy", "false");
    }

    function open() {
      if (!toggle.checked) toggle.checked = true;
      if (document.activeElement !== input) input.focus();
      if (!facets.childElementCount) {
        meta.textContent = labels.loading;
        getEngine().then(({ filters }) => {
          if (!facets.childElementCount) addFacets(filters);
          if (meta.textContent === labels.loading) meta.textContent = labels.placeholder;
        }, () => { meta.textContent = labels.failed; });
      }
    }

    function close() {
      toggle.checked = false;
      if (box.contains(document.activeElement)) document.activeElement.blur();
    }

    const links = () => Array.from(list.querySelectorAll("a.md-search-result__link"));

    input.addEventListener("focus", open);
    input.addEventListener("input", run);
    toggle.addEventListener("change", () => (toggle.checked ? open() : close()));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      links()[0]?.click();
    });
    form.addEventListener("reset", () => setTimeout(() => {
      for (const select of [sort, ...Object.values(selects)]) select.value = "";
      run();
      input.focus();
    }));

    box.addEventListener("keydown", (event) => {
      const all = links();
      const at = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "ArrowDown" && all.length && (at >= 0 || event.target === input)) {
        event.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        (at === 0 ? input : all[at - 1]).focus();
      }
    });

    // "/" or "s" anywhere outside a text field opens the search, as in Material.
    document.addEventListener("keydown", (event) => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
      if (event.key !== "/" && event.key !== "s" && event.key !== "S") return;
      const target = event.target;
      if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      event.preventDefault();
      open();
    });
  }

  const header = document.querySelector(".md-header__inner");
  if (header) build(header);
})();
