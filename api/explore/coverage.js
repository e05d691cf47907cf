// The SDG coverage map: outcomes x the 17 goals, each cell in the goal's
// official colour, stronger the more of the goal's targets the outcome names;
// the goals no outcome serves and the outcomes with no SDG link called out.

import { graphql } from "./graphql.js";
import { GOAL_COLOURS } from "./sdg.js";
import { clip, el, svg, text, title, wrap } from "./svg.js";

const QUERY = `query SdgCoverage($iso3: ID!) {
  country(iso3: $iso3) { iso3 name }
  sdgGoals { code title }
  sdgCoverage(country: $iso3) {
    uncoveredGoals { code title }
    outcomesWithoutSdg { id code title }
  }
  outcomes(country: $iso3) {
    id code title framework { id title }
    sdgGoals { code }
    sdgTargets { code }
  }
}`;

const LABEL = 380;
const CELL = 34;
const WIDTH = LABEL + 17 * CELL + 140;

/** goal code -> how many of its targets the outcome names (0: the goal alone). */
function links(outcome) {
  const found = new Map(outcome.sdgGoals.map((g) => [g.code, 0]));
  for (const target of outcome.sdgTargets) {
    const goal = target.code.split(".")[0];
    found.set(goal, (found.get(goal) || 0) + 1);
  }
  return found;
}

function shade(targets) {
  return Math.min(1, 0.4 + 0.2 * targets);
}

function callout(y, heading, items, colour, className) {
  const lines = wrap(items.join(" · ") || "none", WIDTH - 48, 12, "normal", 6);
  const height = 34 + lines.length * 17;
  return {
    height,
    node: el("g", { class: className, transform: `translate(16,${y})` }, [
      el("rect", { width: WIDTH - 32, height: height - 8, rx: 4, fill: "#fff8f6", stroke: colour }),
      text(10, 18, heading, { "font-weight": "bold", fill: colour }),
      ...lines.map((line, i) => text(10, 36 + i * 17, line, { class: "item" })),
    ]),
  };
}

function csvRows(goals, outcomes, without) {
  const rows = [["outcome", "code", "title", "framework", ...goals.map((g) => `goal ${g.code}`), "no SDG link"]];
  for (const outcome of outcomes) {
    const found = links(outcome);
    rows.push([
      outcome.id, outcome.code, outcome.title, outcome.framework.title,
      ...goals.map((g) => (found.has(g.code) ? found.get(g.code) || "goal" : "")),
      without.has(outcome.id) ? "yes" : "",
    ]);
  }
  return rows;
}

export async function render({ iso3 }) {
  const data = await graphql(QUERY, { iso3 });
  if (!data.country) throw new Error(`no country ${iso3} in the graph`);
  const { sdgGoals: goals, outcomes } = data;
  const uncovered = new Set(data.sdgCoverage.uncoveredGoals.map((g) => g.code));
  const without = new Set(data.sdgCoverage.outcomesWithoutSdg.map((o) => o.id));
  const children = [
    text(16, 28, `${data.country.name}: how the Cooperation Framework outcomes cover the SDGs`, {
      "font-size": 15, "font-weight": "bold",
    }),
  ];
  let y = 44;
  const goalsOut = callout(
    y, `Goals no outcome serves (${uncovered.size})`,
    data.sdgCoverage.uncoveredGoals.map((g) => `${g.code} ${clip(g.title, 220)}`), "#b3261e", "uncovered-goals",
  );
  children.push(goalsOut.node);
  y += goalsOut.height;
  const outcomesOut = callout(
    y, `Outcomes with no SDG link (${without.size})`,
    data.sdgCoverage.outcomesWithoutSdg.map((o) => `${o.code} ${clip(o.title, 300)}`), "#b3261e",
    "outcomes-without-sdg",
  );
  children.push(outcomesOut.node);
  y += outcomesOut.height + 8;

  goals.forEach((goal, i) => {
    const x = LABEL + i * CELL;
    const missing = uncovered.has(goal.code);
    children.push(
      el("g", {
        class: "goal", "data-goal": goal.code, "data-uncovered": missing ? "true" : "false",
        transform: `translate(${x},${y})`,
      }, [
        title(`Goal ${goal.code}: ${goal.title}${missing ? " (no outcome serves it)" : ""}`),
        el("rect", {
          width: CELL - 2, height: CELL - 2, rx: 3, fill: GOAL_COLOURS[goal.code],
          opacity: missing ? 0.35 : 1,
        }),
        text((CELL - 2) / 2, 21, goal.code, {
          "text-anchor": "middle", fill: "#ffffff", "font-weight": "bold", "font-size": 13,
        }),
        missing ? text((CELL - 2) / 2, CELL + 12, "none", {
          "text-anchor": "middle", "font-size": 9, fill: "#b3261e",
        }) : null,
      ]),
    );
  });
  y += CELL + 18;

  let framework = null;
  for (const outcome of outcomes) {
    if (outcome.framework.id !== framework) {
      framework = outcome.framework.id;
      children.push(text(16, y + 18, clip(outcome.framework.title, WIDTH - 32, 12, "bold"), {
        "font-weight": "bold", fill: "#5b6876", class: "framework",
      }));
      y += 26;
    }
    const found = links(outcome);
    const noLink = without.has(outcome.id);
    const row = [
      title(`${outcome.code} ${outcome.title}`),
      text(16, 21, clip(`${outcome.code}  ${outcome.title}`, LABEL - 28, 12), {
        fill: noLink ? "#b3261e" : "#1d2733", class: "label",
      }),
    ];
    goals.forEach((goal, i) => {
      const x = LABEL + i * CELL;
      if (!found.has(goal.code)) {
        row.push(el("rect", { x, width: CELL - 2, height: CELL - 2, fill: "#f1f5f9", rx: 2 }));
        return;
      }
      const targets = found.get(goal.code);
      row.push(
        el("g", { class: "cell", "data-goal": goal.code, "data-targets": targets, transform: `translate(${x},0)` }, [
          title(`${outcome.code} serves goal ${goal.code}` + (targets ? ` through ${targets} target(s)` : " (goal only)")),
          el("rect", { width: CELL - 2, height: CELL - 2, rx: 2, fill: GOAL_COLOURS[goal.code], opacity: shade(targets) }),
          targets ? text((CELL - 2) / 2, 21, targets, { "text-anchor": "middle", fill: "#ffffff", "font-size": 11 }) : null,
        ]),
      );
    });
    if (noLink) {
      row.push(text(LABEL + 17 * CELL + 6, 21, "no SDG link", { fill: "#b3261e", "font-size": 11, "font-weight": "bold" }));
    }
    children.push(el("g", {
      class: "outcome", "data-outcome": outcome.id, "data-no-sdg": noLink ? "true" : "false",
      transform: `translate(0,${y})`,
    }, row));
    y += CELL;
  }
  if (!outcomes.length) {
    children.push(text(16, y + 20, "No outcomes are recorded for this country."));
    y += 30;
  }
  return { picture: svg(WIDTH, y + 20, children), rows: csvRows(goals, outcomes, without) };
}
