// The org chart: a country's coordination bodies laid out by reporting line
// (ELK's layered layout: the Steering Committee and the UNCT on the left, each
// body right of the bodies it reports to, arrows pointing up the line), each
// box showing the body's kind, chair and co-chair on the day asked.

import { graphql } from "./graphql.js";
import { clip, el, svg, text, title, wrap } from "./svg.js";

const QUERY = `query OrgChart($iso3: ID!, $asOf: Date) {
  country(iso3: $iso3) {
    iso3 name
    bodies {
      id name kind
      members(asOf: $asOf) { role since until agency { id name } partner { id name } }
      reportsTo(asOf: $asOf) { id }
    }
  }
}`;

const BOX = 236; // box width
const PAD = 10;
const MARGIN = 24;
const HEADER = 44;
const KIND_COLOURS = {
  STEERING_COMMITTEE: "#19486A",
  UNCT: "#1f6fb2",
  RESULTS_GROUP: "#3F7E44",
  THEME_GROUP: "#A21942",
  OPERATIONS_MANAGEMENT_TEAM: "#BF8B2E",
  PROGRAMME_MANAGEMENT_TEAM: "#0A97D9",
  RC_OFFICE: "#00689D",
};

export function kindLabel(kind) {
  if (kind === "UNCT") return "UNCT";
  if (kind === "RC_OFFICE") return "RC office";
  const words = kind.toLowerCase().replaceAll("_", " ");
  return words[0].toUpperCase() + words.slice(1);
}

function memberName(member) {
  if (member.agency) return member.agency.id;
  return member.partner ? member.partner.name : "?";
}

/** Who holds `role` in `body` (agencies by acronym, partners by name). */
export function holders(body, role) {
  return body.members.filter((m) => m.role === role).map(memberName);
}

function boxLines(body) {
  const lines = [{ text: kindLabel(body.kind).toUpperCase(), size: 10, weight: "bold", kind: true }];
  for (const line of wrap(body.name, BOX - 2 * PAD, 13, "bold", 3)) {
    lines.push({ text: line, size: 13, weight: "bold" });
  }
  const chair = holders(body, "CHAIR");
  const coChair = holders(body, "CO_CHAIR");
  const roles = [["chair", `Chair: ${chair.join(", ") || "none recorded"}`]];
  if (coChair.length) roles.push(["co-chair", `Co-chair: ${coChair.join(", ")}`]);
  for (const [role, content] of roles) {
    wrap(content, BOX - 2 * PAD, 12, "normal", 2).forEach((line, i) => {
      lines.push({ text: line, size: 12, role: i === 0 ? role : `${role}-more` });
    });
  }
  return lines;
}

function lineHeight(line) {
  return line.size + 5;
}

function box(body, node, onSelect) {
  const colour = KIND_COLOURS[body.kind] || "#5b6876";
  const lines = boxLines(body);
  const children = [
    title(`${body.name} (${body.id}) — click for its members`),
    el("rect", {
      class: "frame", width: node.width, height: node.height, rx: 6, fill: "#ffffff",
      stroke: colour, "stroke-width": 1.5,
    }),
    el("rect", { width: 6, height: node.height, rx: 3, fill: colour }),
  ];
  let y = PAD;
  for (const line of lines) {
    y += lineHeight(line) - 3;
    const shown = clip(line.text, BOX - 2 * PAD, line.size, line.weight || "normal");
    children.push(
      text(PAD + 4, y, shown, {
        "font-size": line.size,
        "font-weight": line.weight || "normal",
        fill: line.kind ? colour : "#1d2733",
        class: line.role || null,
      }),
    );
  }
  const group = el(
    "g",
    {
      class: "body", "data-id": body.id, "data-kind": body.kind,
      transform: `translate(${node.x + MARGIN},${node.y + HEADER})`,
      tabindex: 0, role: "button", "aria-label": `${body.name}: members`,
    },
    children,
  );
  group.addEventListener("click", () => onSelect(body, group));
  group.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") onSelect(body, group);
  });
  return group;
}

function boxHeight(body) {
  // Each line advances by its height less 3 (see box); 4 more for descenders.
  return boxLines(body).reduce((sum, line) => sum + lineHeight(line) - 3, 2 * PAD + 4);
}

function edgePath(edge) {
  const points = [];
  for (const section of edge.sections || []) {
    points.push(section.startPoint, ...(section.bendPoints || []), section.endPoint);
  }
  const [first, ...rest] = points.map((p) => `${p.x + MARGIN} ${p.y + HEADER}`);
  return first ? `M ${first}` + rest.map((p) => ` L ${p}`).join("") : "";
}

async function layout(bodies) {
  const ids = new Set(bodies.map((b) => b.id));
  const edges = [];
  for (const body of bodies) {
    for (const target of body.reportsTo) {
      if (ids.has(target.id)) {
        edges.push({ id: `${body.id}>${target.id}`, sources: [body.id], targets: [target.id] });
      }
    }
  }
  const graph = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "LEFT", // a body sits right of the bodies it reports to
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.spacing.nodeNode": "28",
      "elk.layered.spacing.nodeNodeBetweenLayers": "56",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
    },
    children: bodies.map((b) => ({ id: b.id, width: BOX, height: boxHeight(b) })),
    edges,
  };
  return new ELK().layout(graph);
}

function csvRows(country, bodies, asOf) {
  const rows = [["body", "name", "kind", "chair", "co-chair", "reports to", "members", "as of"]];
  for (const body of bodies) {
    rows.push([
      body.id, body.name, body.kind,
      holders(body, "CHAIR").join("; "),
      holders(body, "CO_CHAIR").join("; "),
      body.reportsTo.map((b) => b.id).join("; "),
      body.members.map((m) => `${m.role}: ${memberName(m)}`).join("; "),
      asOf,
    ]);
  }
  return rows;
}

/** Draws the chart of `iso3` on `asOf` (YYYY-MM-DD, or "" for today). */
export async function render({ iso3, asOf, today, onSelect }) {
  const data = await graphql(QUERY, { iso3, asOf: asOf || null });
  if (!data.country) throw new Error(`no country ${iso3} in the graph`);
  const { name, bodies } = data.country;
  const day = asOf || today;
  const heading = `${name}: coordination bodies and reporting lines on ${day}`;
  if (!bodies.length) {
    const picture = svg(640, 90, [
      text(MARGIN, 30, heading, { "font-size": 15, "font-weight": "bold" }),
      text(MARGIN, 62, "No coordination bodies are recorded for this country."),
    ]);
    return { picture, rows: csvRows(data.country, bodies, day), bodies };
  }
  const laid = await layout(bodies);
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const defs = el("defs", {}, [
    el("marker", {
      id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
      orient: "auto-start-reverse",
    }, [el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#5b6876" })]),
  ]);
  const lines = laid.edges.map((edge) =>
    el("path", {
      class: "line", "data-from": edge.sources[0], "data-to": edge.targets[0],
      d: edgePath(edge), fill: "none", stroke: "#5b6876", "stroke-width": 1.4,
      "marker-end": "url(#arrow)",
    }, [title(`${byId.get(edge.sources[0]).name} reports to ${byId.get(edge.targets[0]).name}`)]),
  );
  const boxes = laid.children.map((node) => box(byId.get(node.id), node, onSelect));
  const width = Math.max(laid.width + 2 * MARGIN, 640);
  const height = laid.height + HEADER + MARGIN;
  const picture = svg(width, height, [
    defs,
    text(MARGIN, 28, heading, { "font-size": 15, "font-weight": "bold" }),
    ...lines,
    ...boxes,
  ]);
  return { picture, rows: csvRows(data.country, bodies, day), bodies };
}

/** The members of `body` as an HTML table in `panel`. */
export function showMembers(panel, body, day) {
  panel.replaceChildren();
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Close";
  close.addEventListener("click", () => (panel.hidden = true));
  const heading = document.createElement("h2");
  heading.textContent = body.name;
  const about = document.createElement("p");
  about.textContent = `${kindLabel(body.kind)} · ${body.id} · members on ${day}`;
  const table = document.createElement("table");
  table.className = "members";
  const head = table.createTHead().insertRow();
  for (const label of ["Role", "Member", "Since", "Until"]) {
    const th = document.createElement("th");
    th.textContent = label;
    head.append(th);
  }
  const rows = table.createTBody();
  for (const member of body.members) {
    const row = rows.insertRow();
    const who = member.agency ? `${member.agency.id} (${member.agency.name})` : member.partner?.name;
    for (const value of [member.role.replaceAll("_", "-").toLowerCase(), who, member.since, member.until]) {
      row.insertCell().textContent = value || "";
    }
  }
  if (!body.members.length) rows.insertRow().insertCell().textContent = "No members on this day.";
  panel.append(close, heading, about, table);
  panel.hidden = false;
}
