// The explorer page: a country, a view and a day, all held in the URL
// (?country=VNM&view=chart|matrix|coverage&asOf=YYYY-MM-DD) so any view can
// be shared as a link; each view is one GraphQL query.

import * as chart from "./chart.js";
import * as coverage from "./coverage.js";
import { csv } from "./csv.js";
import { graphql, setKey } from "./graphql.js";
import * as matrix from "./matrix.js";
import { png, serialize } from "./svg.js";

const VIEWS = { chart, matrix, coverage };
const $ = (selector) => document.querySelector(selector);
const today = new Date().toISOString().slice(0, 10);
let countries = [];
let shown = null; // what the current view drew: { picture, rows }
let generation = 0; // the latest render wins when several overlap

function state() {
  const params = new URLSearchParams(window.location.search);
  const view = VIEWS[params.get("view")] ? params.get("view") : "chart";
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(params.get("asOf") || "") ? params.get("asOf") : "";
  return { country: (params.get("country") || "").toUpperCase(), view, asOf };
}

function link(changes) {
  const next = { ...state(), ...changes };
  const params = new URLSearchParams();
  if (next.country) params.set("country", next.country);
  params.set("view", next.view);
  if (next.asOf) params.set("asOf", next.asOf);
  return `${window.location.pathname}?${params}`;
}

function go(changes) {
  const url = link(changes);
  if (url === window.location.pathname + window.location.search) return;
  window.history.pushState(null, "", url);
  render();
}

function say(message, error = false) {
  $("#status").textContent = message;
  $("#status").classList.toggle("error", error);
}

/** The country the person typed: an ISO code, a name, or a picked suggestion. */
function findCountry(typed) {
  const value = typed.trim().toLowerCase();
  if (!value) return null;
  const exact = countries.find(
    (c) => c.iso3.toLowerCase() === value || c.name.toLowerCase() === value || suggestion(c).toLowerCase() === value,
  );
  if (exact) return exact;
  const partial = countries.filter((c) => c.name.toLowerCase().includes(value));
  return partial.length === 1 ? partial[0] : null;
}

function suggestion(country) {
  return `${country.iso3} — ${country.name}`;
}

function fillPicker() {
  const list = $("#countries");
  list.replaceChildren(
    ...countries.map((c) => Object.assign(document.createElement("option"), { value: suggestion(c) })),
  );
}

function markNavigation({ country, view, asOf }) {
  for (const a of document.querySelectorAll("#views a")) {
    a.href = link({ view: a.dataset.view });
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const known = countries.find((c) => c.iso3 === country);
  if (document.activeElement !== $("#country")) $("#country").value = known ? suggestion(known) : country;
  $("#as-of").value = asOf || today;
  $("#as-of-control").hidden = view !== "chart";
  for (const button of document.querySelectorAll("#downloads button")) button.disabled = !country;
}

function selectBody(body, group) {
  for (const node of document.querySelectorAll("#view .body.selected")) node.classList.remove("selected");
  group.classList.add("selected");
  chart.showMembers($("#details"), body, state().asOf || today);
}

async function render() {
  const current = state();
  const mine = ++generation;
  markNavigation(current);
  $("#details").hidden = true;
  const view = $("#view");
  view.dataset.state = "loading";
  if (!current.country) {
    view.replaceChildren();
    shown = null;
    say("Pick a country by name or ISO code.");
    view.dataset.state = "empty";
    return;
  }
  say("Loading…");
  try {
    const result = await VIEWS[current.view].render({
      iso3: current.country, asOf: current.asOf, today, onSelect: selectBody,
    });
    if (mine !== generation) return;
    shown = result;
    view.replaceChildren(result.picture);
    const name = countries.find((c) => c.iso3 === current.country)?.name || current.country;
    document.title = `${name} · ${$(`#views a[data-view="${current.view}"]`).textContent} · unct-graph`;
    say(current.view === "chart" ? "Click a box for its members; change the date to replay the chart." : "");
    view.dataset.state = "ready";
    view.dataset.view = current.view;
    view.dataset.country = current.country;
  } catch (error) {
    if (mine !== generation) return;
    shown = null;
    view.replaceChildren();
    view.dataset.state = "error";
    say(error.message, true);
  }
}

function download(format) {
  if (!shown) return;
  const { country, view, asOf } = state();
  const name = `${country}-${view}${view === "chart" ? `-${asOf || today}` : ""}.${format}`;
  const save = (blob) => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  if (format === "csv") save(new Blob([csv(shown.rows)], { type: "text/csv" }));
  if (format === "svg") save(new Blob([serialize(shown.picture)], { type: "image/svg+xml" }));
  if (format === "png") png(shown.picture).then(save);
}

function wire() {
  $("#picker").addEventListener("submit", (event) => {
    event.preventDefault();
    const found = findCountry($("#country").value);
    if (found) go({ country: found.iso3 });
    else say(`No single country matches “${$("#country").value}”.`, true);
  });
  $("#country").addEventListener("change", () => {
    const found = findCountry($("#country").value);
    if (found && found.iso3 !== state().country) go({ country: found.iso3 });
  });
  for (const a of document.querySelectorAll("#views a")) {
    a.addEventListener("click", (event) => {
      event.preventDefault();
      go({ view: a.dataset.view });
    });
  }
  $("#as-of").addEventListener("change", () => go({ asOf: $("#as-of").value === today ? "" : $("#as-of").value }));
  $("#today").addEventListener("click", () => go({ asOf: "" }));
  for (const button of document.querySelectorAll("#downloads button")) {
    button.addEventListener("click", () => download(button.dataset.format));
  }
  $("#key").addEventListener("click", () => {
    const key = window.prompt("API key (kept in this tab only; empty to forget it)");
    if (key !== null) {
      setKey(key.trim());
      wire();
start();
    }
  });
  window.addEventListener("popstate", render);
}

async function start() {
  try {
    countries = (await graphql("{ countries { iso3 name } }")).countries;
    fillPicker();
  } catch (error) {
    say(error.message, true);
  }
  await render();
}

wire();
start();
