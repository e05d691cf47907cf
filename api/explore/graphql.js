// The explorer speaks to the service only through its public GraphQL API.

const KEY = "unct-graph-key";

export class GraphQLError extends Error {}

/** The data of `query`, or a GraphQLError with the service's own words. */
export async function graphql(query, variables = {}) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  const key = sessionStorage.getItem(KEY);
  if (key) headers.Authorization = `Bearer ${key}`;
  const response = await fetch("/graphql", {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLError(`the service answered ${response.status} ${response.statusText}`);
  }
  if (response.status === 401) {
    throw new GraphQLError(`${body.error || "this service needs a key"} (the Key button sets one)`);
  }
  if (body.errors && body.errors.length) {
    throw new GraphQLError(body.errors.map((e) => e.message).join("; "));
  }
  if (!response.ok) throw new GraphQLError(`the service answered ${response.status}`);
  return body.data;
}

/** Keep an API key for this browser tab (services that refuse anonymous reads). */
export function setKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}
