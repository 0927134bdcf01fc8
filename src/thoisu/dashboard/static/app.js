// The thoisu dashboard: four views over the JSON API, routed by the URL hash.
//   #/events?...        search and filter events
//   #/dyad/A/B          a relation: timeline coloured by quad class, monthly trend
//   #/network           the actor network
//   #/event/ID          an event with its source sentences highlighted in each article

import { ApiError, api, clear, h } from "./dom.js";
import { actorSpans, markedBody } from "./highlight.js";
import { LABELS, ROLES, ROOTS_VI } from "./i18n.js";
import { goldsteinColour, layout } from "./network.js";

const QUAD_COLOURS = { 1: "#43b3a0", 2: "#17805b", 3: "#f0a33b", 4: "#d1495b" };
const PAGE = 50;
const FONT = 'Inter, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif';
const ARTICLES_AT_ONCE = 6;

function initialLanguage() {
  const stored = localStorage.getItem("thoisu.lang");
  if (stored === "vi" || stored === "en") return stored;
  return (navigator.language || "vi").toLowerCase().startsWith("vi") ? "vi" : "en";
}

const state = { lang: initialLanguage(), vocabulary: null, generation: 0 };

// ------------------------------------------------------------------ words

function t(key, parameters = {}) {
  const text = LABELS[state.lang][key] ?? LABELS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(parameters[name] ?? ""));
}

function vocabularyEntry(code) {
  const vocabulary = state.vocabulary;
  if (!vocabulary || !code) return null;
  return vocabulary.countries[code] || vocabulary.organizations[code] || null;
}

function named(entry) {
  return state.lang === "vi" && entry.vi ? entry.vi : entry.en;
}

// A readable name for a country, organisation or finer actor code (CHNGOV: "China (government)").
function actorName(code) {
  if (!code) return "";
  const direct = vocabularyEntry(code);
  if (direct) return named(direct);
  if (code.startsWith("IGO") || code.startsWith("NGO")) {
    for (let end = code.length - 3; end >= 6; end -= 3) {
      const parent = vocabularyEntry(code.slice(0, end));
      if (parent) return named(parent);
    }
    return code;
  }
  const country = vocabularyEntry(code.slice(0, 3));
  const roles = (code.slice(3).match(/.{3}/g) || []).map((role) => (ROLES[role] ? ROLES[role][state.lang] : role));
  if (!country) return code;
  return roles.length ? `${named(country)} (${roles.join(", ")})` : named(country);
}

function side(row, which) {
  const country = row[which];
  if (!country) return null;
  const code = row[`${which}_actor_code`] || country;
  const person = row[`${which}_person`];
  return {
    code,
    country,
    primary: person || actorName(code),
    secondary: person ? actorName(code) : "",
  };
}

// Fusion names a report without a known outlet after its page ("page:e26.txt"): show the page.
function outletName(outlet) {
  return outlet && outlet.startsWith("page:") ? outlet.slice(5) : outlet || "";
}

function cameoLabel(code) {
  const entry = state.vocabulary && state.vocabulary.cameo[code];
  return entry ? entry.label : code;
}

function what(row) {
  if (state.lang === "vi") {
    return { main: ROOTS_VI[row.root] || cameoLabel(row.code), sub: `${row.code} · ${cameoLabel(row.code)}` };
  }
  return { main: cameoLabel(row.code), sub: `CAMEO ${row.code}` };
}

function formatDay(text) {
  const [year, month, day] = text.split("-").map(Number);
  if (state.lang === "vi") return `${day}/${month}/${year}`;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

function formatDate(value) {
  if (!value) return t("undated");
  const [first, last] = value.split("..");
  return last ? `${formatDay(first)} – ${formatDay(last)}` : formatDay(first);
}

function signed(value) {
  if (value === null || value === undefined) return "–";
  const rounded = Math.round(value * 10) / 10;
  return `${rounded > 0 ? "+" : ""}${rounded}`;
}

function quadDot(quad) {
  return h("span", { class: "quad-dot", style: `background:${QUAD_COLOURS[quad] || "#9aa5b1"}`, title: t(`quad.${quad}`) });
}

function statusBadge(status) {
  return h("span", { class: `badge status-${status}` }, t(`status.${status}`));
}

// ------------------------------------------------------------------ page frame

function applyLabels() {
  document.documentElement.lang = state.lang;
  for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
}

function setActiveTab(view) {
  for (const tab of document.querySelectorAll(".tabs a[data-view]")) {
    tab.classList.toggle("active", tab.dataset.view === view);
  }
}

async function loadSummary() {
  const target = document.getElementById("store-summary");
  try {
    const summary = await api("/summary");
    clear(target).append(
      `${summary.events.toLocaleString()} ${t("summary.events")} · ${summary.articles.toLocaleString()} ${t("summary.articles")}`,
    );
  } catch {
    clear(target);
  }
}

function errorBox(error) {
  const unavailable = error instanceof ApiError && error.status === 503;
  return h(
    "div",
    { class: "error", role: "alert" },
    h("strong", {}, unavailable ? t("error.unavailable") : t("error.title")),
    h("div", { class: "error-detail" }, error.message),
  );
}

function loading() {
  return h("div", { class: "loading" }, h("span", { class: "spinner" }), t("loading"));
}

function plotlyReady() {
  return typeof window.Plotly !== "undefined";
}

function chartConfig() {
  return { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["lasso2d", "select2d", "autoScale2d"] };
}

function baseLayout(extra = {}) {
  return {
    font: { family: FONT, size: 12, color: "#334e68" },
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    margin: { l: 48, r: 24, t: 12, b: 40 },
    hoverlabel: { font: { family: FONT } },
    ...extra,
  };
}

// ------------------------------------------------------------------ router

function parseHash() {
  const raw = window.location.hash.replace(/^#/, "") || "/events";
  const [path, query] = raw.split("?");
  return { parts: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query || "") };
}

async function render() {
  const generation = ++state.generation;
  const main = document.getElementById("main");
  const { parts, params } = parseHash();
  const [view, ...rest] = parts;
  const current = () => generation === state.generation;
  clear(main).append(loading());
  try {
    if (view === "event" && rest[0]) {
      setActiveTab("events");
      await viewEvent(main, rest[0], current);
    } else if (view === "dyad") {
      setActiveTab("dyad");
      await viewDyad(main, rest[0], rest[1], params, current);
    } else if (view === "network") {
      setActiveTab("network");
      await viewNetwork(main, params, current);
    } else {
      setActiveTab("events");
      await viewEvents(main, params, current);
    }
  } catch (error) {
    if (current()) clear(main).append(errorBox(error));
  }
}

// ------------------------------------------------------------------ events view

function codeList(text) {
  return (text || "")
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
}

function actorDatalist() {
  const list = h("datalist", { id: "actor-codes" });
  const vocabulary = state.vocabulary;
  if (vocabulary) {
    for (const [code, entry] of [...Object.entries(vocabulary.countries), ...Object.entries(vocabulary.organizations)]) {
      list.append(h("option", { value: code }, named(entry)));
    }
  }
  return list;
}

function field(label, control, hint) {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, label), control, hint ? h("span", { class: "field-hint" }, hint) : null);
}

function filterForm(params) {
  const [dyadA, dyadB] = (params.get("dyad") || "").split("-");
  const input = (name, value, extra = {}) =>
    h("input", { name, value: value || "", autocomplete: "off", spellcheck: "false", ...extra });
  const rootSelect = h("select", { name: "root" }, h("option", { value: "" }, t("filters.any")));
  for (let root = 1; root <= 20; root += 1) {
    const code = String(root).padStart(2, "0");
    const label = state.lang === "vi" ? ROOTS_VI[code] : cameoLabel(code);
    rootSelect.append(h("option", { value: code, selected: params.get("root") === code }, `${code} · ${label}`));
  }
  const statusSelect = h("select", { name: "status" }, h("option", { value: "" }, t("filters.any")));
  for (const status of ["occurred", "planned", "negated", "hypothetical"]) {
    statusSelect.append(h("option", { value: status, selected: params.get("status") === status }, t(`status.${status}`)));
  }
  const form = h(
    "form",
    { class: "filters card", "data-testid": "filters" },
    h("h2", {}, t("filters.title")),
    field(t("filters.actor"), input("actor", params.getAll("actor").join(", "), { list: "actor-codes", "data-testid": "filter-actor" }), t("filters.actor.hint")),
    h(
      "div",
      { class: "field" },
      h("span", { class: "field-label" }, t("filters.dyad")),
      h(
        "div",
        { class: "pair" },
        input("dyad_a", dyadA, { list: "actor-codes", placeholder: "USA", "data-testid": "filter-dyad-a", "aria-label": `${t("filters.dyad")} 1` }),
        h("span", { class: "pair-and" }, t("filters.and")),
        input("dyad_b", dyadB, { list: "actor-codes", placeholder: "VNM", "data-testid": "filter-dyad-b", "aria-label": `${t("filters.dyad")} 2` }),
      ),
    ),
    field(t("filters.root"), rootSelect),
    h("div", { class: "row2" }, field(t("filters.status"), statusSelect), field(t("filters.place"), input("place", params.get("place"), { list: "actor-codes", placeholder: "VNM" }))),
    h(
      "div",
      { class: "row2" },
      field(t("filters.since"), input("since", params.get("since"), { type: "date" })),
      field(t("filters.until"), input("until", params.get("until"), { type: "date" })),
    ),
    field(t("filters.min_sources"), input("min_sources", params.get("min_sources"), { type: "number", min: "0", max: "1000", placeholder: "1" })),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "primary", "data-testid": "filter-apply" }, t("filters.apply")),
      h("button", { type: "button", class: "ghost", onclick: () => (window.location.hash = "#/events") }, t("filters.reset")),
    ),
    actorDatalist(),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const code of codeList(data.get("actor"))) next.append("actor", code);
    const a = codeList(data.get("dyad_a"))[0];
    const b = codeList(data.get("dyad_b"))[0];
    if (a && b) next.set("dyad", `${a}-${b}`);
    for (const name of ["root", "status", "since", "until", "min_sources"]) {
      const value = String(data.get(name) || "").trim();
      if (value) next.set(name, value);
    }
    const place = codeList(data.get("place"))[0];
    if (place) next.set("place", place);
    window.location.hash = `#/events?${next}`;
  });
  return form;
}

function evidenceLine(evidence) {
  if (!evidence) return h("span", { class: "muted" }, "–");
  const offset = evidence.trigger_start - evidence.sentence_start;
  const end = offset + evidence.trigger.length;
  const sentence = evidence.sentence;
  if (offset < 0 || end > sentence.length) return h("span", { class: "evidence-line" }, sentence);
  return h(
    "span",
    { class: "evidence-line" },
    sentence.slice(0, offset),
    h("b", { class: "trigger" }, sentence.slice(offset, end)),
    sentence.slice(end),
  );
}

function whoCell(row) {
  const source = side(row, "source");
  const target = side(row, "target");
  const person = (value) =>
    value ? h("span", { class: "actor-chip", title: value.code }, h("span", { class: "actor-main" }, value.primary), value.secondary ? h("span", { class: "actor-sub" }, value.secondary) : null) : null;
  return h(
    "div",
    { class: "who" },
    h("div", { class: "who-line" }, person(source)),
    target ? h("div", { class: "who-line" }, h("span", { class: "arrow" }, "→"), person(target)) : null,
  );
}

function eventsTable(rows) {
  const body = h("tbody");
  for (const row of rows) {
    const label = what(row);
    const open = () => (window.location.hash = `#/event/${row.event_id}`);
    body.append(
      h(
        "tr",
        { class: "event-row", "data-event-id": row.event_id, "data-testid": "event-row", tabindex: "0", onclick: open, onkeydown: (event) => event.key === "Enter" && open() },
        h("td", { class: "date-cell" }, formatDate(row.date), row.date_disputed ? h("span", { class: "badge warn", title: t("event.disputed") }, "±") : null),
        h("td", {}, whoCell(row)),
        h(
          "td",
          { class: "what-cell" },
          h("div", { class: "what-main" }, quadDot(row.quad_class), h("a", { href: `#/event/${row.event_id}` }, label.main)),
          h("div", { class: "what-sub" }, label.sub, row.status !== "occurred" ? statusBadge(row.status) : null),
        ),
        h("td", { class: "evidence-cell" }, evidenceLine(row.evidence)),
        h("td", { class: "sources-cell" }, h("span", { class: "count-pill", title: row.outlets.map(outletName).join(", ") }, String(row.independent)), row.mentions > row.independent ? h("span", { class: "muted small" }, ` /${row.mentions}`) : null),
      ),
    );
  }
  return h(
    "table",
    { class: "events-table", "data-testid": "events-table" },
    h("thead", {}, h("tr", {}, ["col.date", "col.who", "col.what", "col.evidence", "col.sources"].map((key) => h("th", {}, t(key))))),
    body,
  );
}

async function viewEvents(main, params, current) {
  const offset = Math.max(0, Number(params.get("offset") || 0));
  const query = {
    actor: params.getAll("actor"),
    dyad: params.get("dyad"),
    place: params.get("place"),
    root: params.get("root"),
    status: params.get("status"),
    since: params.get("since"),
    until: params.get("until"),
    min_sources: params.get("min_sources"),
    limit: PAGE,
    offset,
  };
  const results = h("section", { class: "results" });
  const layoutBox = h("div", { class: "with-sidebar" }, h("aside", {}, filterForm(params)), results);
  let page;
  try {
    page = await api("/events", query);
  } catch (error) {
    if (!current()) return;
    clear(main).append(layoutBox);
    results.append(errorBox(error));
    return;
  }
  if (!current()) return;
  const move = (delta) => {
    const next = new URLSearchParams(params);
    next.set("offset", String(Math.max(0, offset + delta)));
    window.location.hash = `#/events?${next}`;
  };
  const dyad = params.get("dyad");
  const header = h(
    "div",
    { class: "results-header" },
    h("h1", {}, t("events.title")),
    h("span", { class: "muted", "data-testid": "events-count" }, page.total ? t("events.count", { from: offset + 1, to: offset + page.events.length, total: page.total }) : ""),
    dyad ? h("a", { class: "button-link", href: `#/dyad/${dyad.split("-").join("/")}`, "data-testid": "open-dyad" }, `${t("filters.open_dyad")} →`) : null,
    h(
      "div",
      { class: "pager" },
      h("button", { type: "button", class: "ghost", disabled: offset === 0, onclick: () => move(-PAGE) }, `‹ ${t("events.prev")}`),
      h("button", { type: "button", class: "ghost", disabled: offset + PAGE >= page.total, onclick: () => move(PAGE) }, `${t("events.next")} ›`),
    ),
  );
  results.append(header, page.events.length ? h("div", { class: "card flush" }, eventsTable(page.events)) : h("div", { class: "card empty" }, t("events.none")));
  clear(main).append(layoutBox);
}

// ------------------------------------------------------------------ dyad view

function dyadPicker(a, b) {
  const first = h("input", { name: "a", value: a || "", list: "actor-codes", placeholder: "USA", "data-testid": "dyad-a", "aria-label": "1" });
  const second = h("input", { name: "b", value: b || "", list: "actor-codes", placeholder: "VNM", "data-testid": "dyad-b", "aria-label": "2" });
  const form = h(
    "form",
    { class: "dyad-picker" },
    first,
    h("button", { type: "button", class: "ghost icon", title: t("dyad.swap"), onclick: () => ([first.value, second.value] = [second.value, first.value]) }, "⇄"),
    second,
    h("button", { type: "submit", class: "primary" }, t("dyad.show")),
    actorDatalist(),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const x = codeList(first.value)[0];
    const y = codeList(second.value)[0];
    if (x && y) window.location.hash = `#/dyad/${x}/${y}`;
  });
  return form;
}

function statCard(label, value, note, tone) {
  return h("div", { class: `stat ${tone || ""}` }, h("div", { class: "stat-label" }, label), h("div", { class: "stat-value" }, value), note ? h("div", { class: "stat-note" }, note) : null);
}

function timelineChart(element, events) {
  const traces = [1, 2, 3, 4].map((quad) => {
    const rows = events.filter((row) => row.quad_class === quad && row.date_first);
    return {
      type: "scatter",
      mode: "markers",
      name: t(`quad.${quad}`),
      x: rows.map((row) => row.date_first),
      y: rows.map((row) => row.goldstein),
      customdata: rows.map((row) => row.event_id),
      text: rows.map((row) => {
        const source = side(row, "source");
        const target = side(row, "target");
        return `<b>${escapeHtml(what(row).main)}</b><br>${escapeHtml(source ? source.primary : "")} → ${escapeHtml(target ? target.primary : "")}<br>${escapeHtml(formatDate(row.date))} · ${row.independent} ${t("col.sources").toLowerCase()}`;
      }),
      hovertemplate: "%{text}<extra></extra>",
      marker: {
        color: QUAD_COLOURS[quad],
        size: rows.map((row) => 9 + 4 * Math.sqrt(row.mentions)),
        line: { color: "#fff", width: 1.5 },
        opacity: 0.9,
      },
    };
  });
  window.Plotly.newPlot(
    element,
    traces,
    baseLayout({
      height: 300,
      xaxis: { type: "date", gridcolor: "#eef1f4", zeroline: false },
      yaxis: { title: { text: "Goldstein" }, range: [-10.5, 10.5], gridcolor: "#eef1f4", zeroline: true, zerolinecolor: "#bcccdc" },
      legend: { orientation: "h", y: 1.12, x: 0 },
      margin: { l: 56, r: 16, t: 28, b: 36 },
    }),
    chartConfig(),
  );
  element.on("plotly_click", (event) => {
    const point = event.points && event.points[0];
    if (point && point.customdata) window.location.hash = `#/event/${point.customdata}`;
  });
}

function trendChart(element, points) {
  const x = points.map((point) => point.period);
  // Both axes symmetric around zero, so the zero of the counts and of the Goldstein line coincide.
  const counts = Math.max(1, ...points.map((point) => Math.max(point.cooperation, point.conflict))) * 1.15;
  const scores = Math.max(1, ...points.map((point) => Math.abs(point.goldstein_sum))) * 1.15;
  const step = Math.max(1, Math.ceil(counts / 4));
  const ticks = [];
  for (let value = -Math.floor(counts / step) * step; value <= counts; value += step) ticks.push(value);
  window.Plotly.newPlot(
    element,
    [
      { type: "bar", name: t("dyad.cooperation"), x, y: points.map((point) => point.cooperation), marker: { color: QUAD_COLOURS[2] }, hovertemplate: "%{y}<extra>%{fullData.name}</extra>" },
      { type: "bar", name: t("dyad.conflict"), x, y: points.map((point) => -point.conflict), customdata: points.map((point) => point.conflict), marker: { color: QUAD_COLOURS[4] }, hovertemplate: "%{customdata}<extra>%{fullData.name}</extra>" },
      { type: "scatter", mode: points.length > 36 ? "lines" : "lines+markers", name: t("dyad.goldstein"), x, y: points.map((point) => point.goldstein_sum), yaxis: "y2", line: { color: "#102a43", width: 2 }, marker: { size: 5 }, hovertemplate: "%{y:+.1f}<extra>%{fullData.name}</extra>" },
    ],
    baseLayout({
      height: 280,
      barmode: "relative",
      bargap: 0.25,
      xaxis: { type: "date", gridcolor: "#eef1f4" },
      yaxis: { title: { text: t("dyad.events") }, range: [-counts, counts], tickvals: ticks, ticktext: ticks.map((value) => String(Math.abs(value))), gridcolor: "#eef1f4", zerolinecolor: "#bcccdc" },
      yaxis2: { title: { text: "Goldstein" }, range: [-scores, scores], overlaying: "y", side: "right", showgrid: false, zeroline: false },
      legend: { orientation: "h", y: 1.14, x: 0 },
      margin: { l: 56, r: 56, t: 28, b: 36 },
    }),
    chartConfig(),
  );
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

async function viewDyad(main, a, b, params, current) {
  if (!a || !b) {
    const network = await api("/network", { nodes: 60, edges: 18 });
    if (!current()) return;
    const chips = h("div", { class: "pair-chips" });
    for (const edge of network.edges) {
      chips.append(
        h(
          "a",
          { class: "pair-chip", href: `#/dyad/${edge.first}/${edge.second}` },
          h("span", {}, `${actorName(edge.first)} – ${actorName(edge.second)}`),
          h("span", { class: "count-pill" }, String(edge.events)),
        ),
      );
    }
    clear(main).append(
      h("div", { class: "page-head" }, h("h1", {}, t("dyad.title")), dyadPicker("", "")),
      h("div", { class: "card" }, h("p", { class: "muted" }, t("dyad.pick")), network.edges.length ? chips : h("p", {}, t("network.none"))),
    );
    return;
  }
  const by = ["week", "month", "year"].includes(params.get("by")) ? params.get("by") : "month";
  const [timeline, trend] = await Promise.all([
    api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline`, { limit: 500 }),
    api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/trend`, { by }),
  ]);
  if (!current()) return;
  const events = timeline.events;
  const dated = events.filter((row) => row.date_first);
  const cooperation = events.filter((row) => row.quad_class === 1 || row.quad_class === 2).length;
  const conflict = events.filter((row) => row.quad_class === 3 || row.quad_class === 4).length;
  const goldstein = events.reduce((sum, row) => sum + (row.goldstein || 0), 0);
  const span = dated.length ? `${formatDay(dated[0].date_first)} – ${formatDay(dated[dated.length - 1].date_last || dated[dated.length - 1].date_first)}` : "–";
  const head = h(
    "div",
    { class: "page-head" },
    h("h1", { "data-testid": "dyad-title" }, actorName(timeline.first), h("span", { class: "dyad-dash" }, " ⇄ "), actorName(timeline.second)),
    dyadPicker(a, b),
  );
  if (!events.length) {
    clear(main).append(head, h("div", { class: "card empty" }, t("dyad.none")));
    return;
  }
  const stats = h(
    "div",
    { class: "stats" },
    statCard(t("dyad.events"), String(timeline.total), null),
    statCard(t("dyad.cooperation"), String(cooperation), events.length ? `${Math.round((100 * cooperation) / events.length)}%` : null, "good"),
    statCard(t("dyad.conflict"), String(conflict), events.length ? `${Math.round((100 * conflict) / events.length)}%` : null, "bad"),
    statCard(t("dyad.goldstein"), signed(goldstein), null, goldstein >= 0 ? "good" : "bad"),
    statCard(t("dyad.span"), span, null),
  );
  const timelineBox = h("div", { class: "chart", "data-testid": "timeline-chart" });
  const trendBox = h("div", { class: "chart", "data-testid": "trend-chart" });
  const bySelect = h(
    "select",
    { class: "compact", "aria-label": t("dyad.by"), onchange: (event) => (window.location.hash = `#/dyad/${a}/${b}?by=${event.target.value}`) },
    ["week", "month", "year"].map((value) => h("option", { value, selected: value === by }, t(`dyad.by.${value}`))),
  );
  const undated = events.length - dated.length;
  clear(main).append(
    head,
    stats,
    h(
      "div",
      { class: "grid2" },
      h("section", { class: "card" }, h("h2", {}, t("dyad.timeline")), h("p", { class: "note" }, t("dyad.timeline.note")), timelineBox, undated ? h("p", { class: "note" }, t("dyad.undated", { n: undated })) : null),
      h("section", { class: "card" }, h("div", { class: "card-head" }, h("h2", {}, t("dyad.trend")), bySelect), h("p", { class: "note" }, t("dyad.trend.note")), trendBox),
    ),
    h("section", { class: "results" }, h("h2", { class: "section-title" }, t("dyad.list")), h("div", { class: "card flush" }, eventsTable([...events].reverse()))),
  );
  if (plotlyReady()) {
    timelineChart(timelineBox, events);
    trendChart(trendBox, trend.points);
  } else {
    for (const box of [timelineBox, trendBox]) box.append(h("p", { class: "muted" }, "plotly.min.js is not available (pip install 'thoisu[api]')."));
  }
}

// ------------------------------------------------------------------ network view

async function viewNetwork(main, params, current) {
  const nodes = Math.min(Math.max(Number(params.get("nodes") || 30), 2), 200);
  const detailed = params.get("detailed") === "1";
  const network = await api("/network", { nodes, edges: 200, detailed: detailed ? "true" : "" });
  if (!current()) return;
  const go = (next) => {
    const query = new URLSearchParams({ nodes: String(next.nodes ?? nodes) });
    if (next.detailed ?? detailed) query.set("detailed", "1");
    window.location.hash = `#/network?${query}`;
  };
  const controls = h(
    "div",
    { class: "controls" },
    h("label", { class: "inline" }, t("network.nodes"), h("input", { type: "range", min: "5", max: "80", value: String(nodes), onchange: (event) => go({ nodes: Number(event.target.value) }) }), h("output", {}, String(nodes))),
    h("label", { class: "inline" }, h("input", { type: "checkbox", checked: detailed, onchange: (event) => go({ detailed: event.target.checked }) }), t("network.detailed")),
  );
  const chart = h("div", { class: "chart network", "data-testid": "network-chart" });
  clear(main).append(
    h("div", { class: "page-head" }, h("h1", {}, t("network.title")), controls),
    h("section", { class: "card" }, h("p", { class: "note" }, t("network.note")), network.edges.length ? chart : h("p", {}, t("network.none"))),
  );
  if (!network.edges.length) return;
  if (!plotlyReady()) {
    chart.append(h("p", { class: "muted" }, "plotly.min.js is not available (pip install 'thoisu[api]')."));
    return;
  }
  const positions = layout(network.nodes, network.edges);
  const where = new Map(network.nodes.map((node, i) => [node.actor, positions[i]]));
  const maxEvents = Math.max(...network.edges.map((edge) => edge.events));
  const traces = network.edges.map((edge) => {
    const [x0, y0] = where.get(edge.first);
    const [x1, y1] = where.get(edge.second);
    return {
      type: "scatter",
      mode: "lines",
      x: [x0, x1],
      y: [y0, y1],
      hoverinfo: "skip",
      showlegend: false,
      line: { width: 1 + 9 * Math.sqrt(edge.events / maxEvents), color: goldsteinColour(edge.goldstein_sum / edge.events) },
      opacity: 0.75,
    };
  });
  traces.push({
    type: "scatter",
    mode: "markers",
    showlegend: false,
    x: network.edges.map((edge) => (where.get(edge.first)[0] + where.get(edge.second)[0]) / 2),
    y: network.edges.map((edge) => (where.get(edge.first)[1] + where.get(edge.second)[1]) / 2),
    customdata: network.edges.map((edge) => `dyad:${edge.first}/${edge.second}`),
    text: network.edges.map(
      (edge) =>
        `<b>${escapeHtml(actorName(edge.first))} – ${escapeHtml(actorName(edge.second))}</b><br>${edge.events} ${t("summary.events")} · Goldstein ${signed(edge.goldstein_sum)}<br>${t("dyad.cooperation")} ${edge.cooperation} · ${t("dyad.conflict")} ${edge.conflict}`,
    ),
    hovertemplate: "%{text}<extra></extra>",
    marker: { size: 14, color: "rgba(0,0,0,0)" },
  });
  const maxNode = Math.max(...network.nodes.map((node) => node.events));
  traces.push({
    type: "scatter",
    mode: "markers+text",
    showlegend: false,
    x: network.nodes.map((node) => where.get(node.actor)[0]),
    y: network.nodes.map((node) => where.get(node.actor)[1]),
    text: network.nodes.map((node) => actorName(node.actor)),
    textposition: "top center",
    textfont: { size: 12, color: "#102a43" },
    customdata: network.nodes.map((node) => `actor:${node.actor}`),
    hovertext: network.nodes.map((node) => `<b>${escapeHtml(actorName(node.actor))}</b> (${node.actor})<br>${node.events} ${t("summary.events")}`),
    hovertemplate: "%{hovertext}<extra></extra>",
    marker: {
      size: network.nodes.map((node) => 12 + 30 * Math.sqrt(node.events / maxNode)),
      color: "#243b53",
      opacity: 1,
      line: { color: "#fff", width: 2 },
    },
  });
  window.Plotly.newPlot(
    chart,
    traces,
    baseLayout({
      height: 620,
      hovermode: "closest",
      xaxis: { visible: false },
      yaxis: { visible: false, scaleanchor: "x" },
      margin: { l: 10, r: 10, t: 10, b: 10 },
    }),
    chartConfig(),
  );
  chart.on("plotly_click", (event) => {
    const point = event.points && event.points[0];
    const data = point && point.customdata;
    if (!data) return;
    if (data.startsWith("actor:")) window.location.hash = `#/events?actor=${encodeURIComponent(data.slice(6))}`;
    else if (data.startsWith("dyad:")) window.location.hash = `#/dyad/${data.slice(5)}`;
  });
}

// ------------------------------------------------------------------ event view

function factsList(event) {
  const fact = (label, ...value) => h("div", { class: "fact" }, h("dt", {}, label), h("dd", {}, ...value));
  const place = [event.city, event.place ? actorName(event.place) : null].filter(Boolean).join(", ");
  return h(
    "dl",
    { class: "facts" },
    fact(t("event.when"), formatDate(event.date), event.date_disputed ? h("span", { class: "badge warn" }, t("event.disputed")) : null),
    place ? fact(t("event.where"), place) : null,
    fact(t("event.status"), statusBadge(event.status)),
    fact(t("event.goldstein"), h("span", { class: "goldstein", style: `color:${goldsteinColour(event.goldstein)}` }, signed(event.goldstein)), " ", quadDot(event.quad_class), " ", h("span", { class: "muted small" }, t(`quad.${event.quad_class}`))),
    fact(t("event.confidence"), `${Math.round(event.confidence * 100)}%`),
  );
}

function sideBlock(value, role) {
  if (!value) return null;
  return h("div", { class: `side side-${role}` }, h("div", { class: "side-name" }, value.primary), h("div", { class: "side-sub" }, value.secondary || value.code));
}

function alternativesBlock(event) {
  const rows = [
    ...event.date_alternatives.map((item) => [t("event.alternatives.date"), formatDate(item.value), item]),
    ...event.place_alternatives.map((item) => [t("event.alternatives.place"), actorName(item.value), item]),
  ];
  if (!rows.length) return null;
  return h(
    "section",
    { class: "card alternatives" },
    h("h2", {}, t("event.alternatives")),
    h("ul", {}, rows.map(([label, value, item]) => h("li", {}, h("span", { class: "muted" }, `${label}: `), h("strong", {}, value), ` — ${item.outlets.map(outletName).join(", ")}`))),
  );
}

function articleCard(group, article, event) {
  const first = group[0];
  const marks = [];
  for (const mention of group) {
    for (const sentence of mention.evidence) {
      const inner = [{ start: sentence.trigger_start, end: sentence.trigger_end, class: "trigger", title: cameoLabel(mention.code) }];
      if (article) inner.push(...actorSpans(article.entities, mention, sentence));
      marks.push({ sentence, inner });
    }
  }
  const reports = group.map((mention) =>
    h(
      "li",
      {},
      quadDot(mention.quad_class),
      h("span", {}, what(mention).main),
      h("span", { class: "muted" }, ` · ${t("event.date_given", { date: formatDate(mention.date) })}`),
      mention.attribution ? h("span", { class: "muted" }, ` · ${t("event.attribution", { who: mention.attribution })}`) : null,
    ),
  );
  const bodyBox = h("div", { class: "article-body", "data-testid": "article-body" });
  if (article && article.text) {
    bodyBox.append(...markedBody(article.text.text, article.text.paragraphs, marks));
  } else {
    for (const { sentence } of marks) bodyBox.append(h("p", {}, h("mark", { class: "evidence", "data-testid": "evidence", "data-trigger": sentence.trigger }, sentence.sentence)));
  }
  return h(
    "article",
    { class: "card source-article", "data-testid": "source-article", "data-article-id": first.article_id },
    h(
      "header",
      { class: "article-head" },
      h("div", { class: "outlet" }, first.outlet || first.doc, first.published ? h("span", { class: "muted" }, ` · ${formatDay(first.published)}`) : null, first.copy_of ? h("span", { class: "badge" }, t("event.copy")) : null),
      h("h3", {}, first.title || first.doc),
      first.url ? h("a", { class: "small", href: first.url, target: "_blank", rel: "noopener noreferrer" }, `${t("event.open_article")} ↗`) : null,
      h("ul", { class: "reports" }, reports),
    ),
    bodyBox,
  );
}

async function viewEvent(main, id, current) {
  const detail = await api(`/events/${encodeURIComponent(id)}`);
  if (!current()) return;
  const event = detail.event;
  const groups = new Map();
  for (const mention of detail.mentions) {
    if (!groups.has(mention.article_id)) groups.set(mention.article_id, []);
    groups.get(mention.article_id).push(mention);
  }
  const label = what(event);
  const source = side(event, "source");
  const target = side(event, "target");
  const outlets = h(
    "ul",
    { class: "outlets", "data-testid": "outlets" },
    [...groups.values()].map((group) => h("li", {}, h("strong", {}, group[0].outlet || group[0].doc), group[0].published ? h("span", { class: "muted" }, ` · ${formatDay(group[0].published)}`) : null, group[0].copy_of ? h("span", { class: "badge" }, t("event.copy")) : null)),
  );
  const articlesBox = h("div", { class: "articles" });
  clear(main).append(
    h("a", { class: "back", href: "#", onclick: (e) => { e.preventDefault(); history.length > 1 ? history.back() : (window.location.hash = "#/events"); } }, `‹ ${t("event.back")}`),
    h(
      "section",
      { class: "card event-head", "data-testid": "event-head" },
      h("div", { class: "event-kicker" }, quadDot(event.quad_class), h("span", {}, label.sub), event.plover ? h("span", { class: "badge" }, event.plover) : null),
      h("h1", { class: "event-title" }, label.main),
      h("div", { class: "sides" }, sideBlock(source, "source"), target ? h("div", { class: "side-arrow" }, "→") : null, sideBlock(target, "target")),
      factsList(event),
      event.evidence ? h("blockquote", { class: "headline-sentence" }, evidenceLine(event.evidence)) : null,
    ),
    h(
      "div",
      { class: "grid-event" },
      h(
        "div",
        {},
        h("div", { class: "section-head" }, h("h2", { class: "section-title" }, t("event.articles")), legend()),
        articlesBox,
      ),
      h(
        "aside",
        {},
        h("section", { class: "card" }, h("h2", {}, t("event.reported_by")), h("p", { class: "muted small" }, t("event.sources", { n: event.independent, m: event.mentions })), outlets),
        alternativesBlock(event),
      ),
    ),
  );
  const list = [...groups.values()];
  const show = async (start, end) => {
    const slice = list.slice(start, end);
    const articles = await Promise.all(
      slice.map((group) => api(`/articles/${encodeURIComponent(group[0].article_id)}`, { text: "true" }).catch(() => null)),
    );
    if (!current()) return;
    slice.forEach((group, i) => {
      const card = articleCard(group, articles[i], event);
      articlesBox.append(card);
      const mark = card.querySelector("mark.evidence");
      const box = card.querySelector(".article-body");
      if (mark && box) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 4);
    });
    if (end < list.length) {
      const more = h("button", { type: "button", class: "ghost more" }, t("event.more", { n: list.length - end }));
      more.addEventListener("click", () => {
        more.remove();
        show(end, end + ARTICLES_AT_ONCE);
      });
      articlesBox.append(more);
    }
  };
  await show(0, ARTICLES_AT_ONCE);
}

function legend() {
  return h(
    "div",
    { class: "legend" },
    h("span", {}, h("mark", { class: "evidence sample" }, "Aa"), t("event.legend.sentence")),
    h("span", {}, h("span", { class: "trigger sample" }, "Aa"), t("event.legend.trigger")),
    h("span", {}, h("span", { class: "actor actor-source sample" }, "Aa"), t("event.legend.source")),
    h("span", {}, h("span", { class: "actor actor-target sample" }, "Aa"), t("event.legend.target")),
  );
}

// ------------------------------------------------------------------ start

async function start() {
  applyLabels();
  document.getElementById("lang-toggle").addEventListener("click", () => {
    state.lang = state.lang === "vi" ? "en" : "vi";
    localStorage.setItem("thoisu.lang", state.lang);
    applyLabels();
    loadSummary();
    render();
  });
  window.addEventListener("hashchange", () => {
    render();
    window.scrollTo(0, 0);
  });
  try {
    state.vocabulary = await api("/vocabulary");
  } catch {
    state.vocabulary = null; // names fall back to codes
  }
  loadSummary();
  await render();
}

// Plotly is a deferred classic script; modules run after it, so window.Plotly is set by now.
start();
