// The contribution matrix: outcomes x agencies; each cell marks the paths by
// which the agency contributes to the outcome (D direct, R through a results
// group, J through a joint programme) and the resources available for the
// sub-outputs it delivers beneath the outcome.

import { graphql } from "./graphql.js";
import { short } from "./money.js";
import { clip, el, svg, text, title } from "./svg.js";

const QUERY = `query ContributionMatrix($iso3: ID!) {
  country(iso3: $iso3) { iso3 name }
  outcomes(country: $iso3) {
    id code title framework { id title }
    budget { required available }
    contributors { via agency { id name } budget { available } }
  }
}`;

export const PATHS = [
  { via: "DIRECT", letter: "D", colour: "#1f6fb2", label: "direct (delivers it or an output beneath it)" },
  { via: "RESULTS_GROUP", letter: "R", colour: "#3F7E44", label: "through a results group covering it" },
  { via: "JOINT_PROGRAMME", letter: "J", colour: "#DD6B20", label: "through a joint programme serving it" },
];

const LABEL = 380; // width of the outcome column
const CELL_W = 54;
const CELL_H = 38;
const TOP = 150; // heading, legend and rotated agency names
const TOTAL_W = 86;

function agenciesOf(outcomes) {
  const found = new Map();
  for (const outcome of outcomes) {
    for (const c of outcome.contributors) found.set(c.agency.id, c.agency);
  }
  return [...found.values()].sort((a, b) => a.id.localeCompare(b.id, "en", { sensitivity: "base" }));
}

function legend(x, y) {
  const items = PATHS.map((path, i) =>
    el("g", { transform: `translate(${x + i * 290},${y})` }, [
      el("rect", { width: 16, height: 16, rx: 3, fill: path.colour }),
      text(4, 12, path.letter, { fill: "#ffffff", "font-size": 11, "font-weight": "bold" }),
      text(22, 12, path.label, { "font-size": 11 }),
    ]),
  );
  return el("g", { class: "legend" }, items);
}

function cell(outcome, contributor, x, y) {
  const paths = new Set(contributor.via);
  const marks = PATHS.filter((p) => paths.has(p.via)).map((path, i) =>
    el("g", { transform: `translate(${4 + i * 16},4)` }, [
      el("rect", { width: 14, height: 14, rx: 3, fill: path.colour }),
      text(3.5, 11, path.letter, { fill: "#ffffff", "font-size": 10, "font-weight": "bold" }),
    ]),
  );
  const available = contributor.budget.available;
  const via = PATHS.filter((p) => paths.has(p.via)).map((p) => p.label).join("; ");
  const money = available === null ? "" : `; available for its sub-outputs here: ${available.toLocaleString("en")}`;
  return el(
    "g",
    {
      class: "cell", transform: `translate(${x},${y})`,
      "data-outcome": outcome.id, "data-agency": contributor.agency.id,
      "data-paths": contributor.via.join(" "),
      "data-available": available === null ? null : available,
    },
    [
      title(`${contributor.agency.id} → outcome ${outcome.code}: ${via}${money}`),
      el("rect", { width: CELL_W - 2, height: CELL_H - 2, fill: "#f1f5f9", rx: 3 }),
      ...marks,
      available === null ? null : text(5, 32, short(available), { "font-size": 10, class: "available" }),
    ],
  );
}

function csvRows(outcomes) {
  const rows = [[
    "outcome", "code", "title", "framework", "agency", "direct", "results group",
    "joint programme", "available for the agency's sub-outputs", "outcome available",
  ]];
  for (const outcome of outcomes) {
    for (const c of outcome.contributors) {
      const paths = new Set(c.via);
      rows.push([
        outcome.id, outcome.code, outcome.title, outcome.framework.title, c.agency.id,
        ...PATHS.map((p) => (paths.has(p.via) ? "yes" : "")),
        c.budget.available, outcome.budget.available,
      ]);
    }
  }
  return rows;
}

export async function render({ iso3 }) {
  const data = await graphql(QUERY, { iso3 });
  if (!data.country) throw new Error(`no country ${iso3} in the graph`);
  const outcomes = data.outcomes;
  const agencies = agenciesOf(outcomes);
  const heading = text(16, 28, `${data.country.name}: which agencies contribute to which outcome, and how`, {
    "font-size": 15, "font-weight": "bold",
  });
  if (!outcomes.length) {
    const picture = svg(640, 90, [heading, text(16, 62, "No outcomes are recorded for this country.")]);
    return { picture, rows: csvRows(outcomes) };
  }
  const children = [heading, legend(16, 44)];
  agencies.forEach((agency, i) => {
    const x = LABEL + i * CELL_W + CELL_W / 2;
    children.push(
      el("g", { class: "agency", "data-agency": agency.id, transform: `translate(${x},${TOP - 8}) rotate(-55)` }, [
        title(agency.name),
        text(0, 0, clip(agency.id, 84, 11), { "font-size": 11 }),
      ]),
    );
  });
  const totalX = LABEL + agencies.length * CELL_W + 8;
  children.push(text(totalX, TOP - 8, "Available", { "font-size": 11, "font-weight": "bold" }));
  let y = TOP;
  let framework = null;
  for (const outcome of outcomes) {
    if (outcome.framework.id !== framework) {
      framework = outcome.framework.id;
      children.push(
        text(16, y + 20, clip(outcome.framework.title, totalX + TOTAL_W - 32, 12, "bold"), {
          "font-weight": "bold", fill: "#5b6876", class: "framework",
        }),
      );
      y += 28;
    }
    const row = [
      title(`${outcome.code} ${outcome.title}`),
      el("rect", { x: 8, y: -2, width: totalX + TOTAL_W - 16, height: CELL_H, fill: "none", stroke: "#e2e8f0" }),
      text(16, 22, clip(`${outcome.code}  ${outcome.title}`, LABEL - 28, 12), { class: "label" }),
    ];
    const byAgency = new Map(outcome.contributors.map((c) => [c.agency.id, c]));
    agencies.forEach((agency, i) => {
      const contributor = byAgency.get(agency.id);
      if (contributor) row.push(cell(outcome, contributor, LABEL + i * CELL_W, 0));
    });
    const available = outcome.budget.available;
    row.push(text(totalX, 22, available === null ? "–" : short(available), { class: "total" }));
    children.push(el("g", { class: "outcome", "data-outcome": outcome.id, transform: `translate(0,${y})` }, row));
    y += CELL_H;
  }
  const width = Math.max(totalX + TOTAL_W, 920);
  return { picture: svg(width, y + 20, children), rows: csvRows(outcomes) };
}
