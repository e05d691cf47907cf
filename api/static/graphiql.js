// GraphiQL over this service's /graphql, from vendored assets only.
// The query and variables live in the URL (?q=...&variables=...), so a query
// can be shared as a link; without one GraphiQL opens the default query.
// (Not ?query=: a GET with `query` runs the query, GraphQL over HTTP.)
(function () {
  "use strict";

  const params = new URLSearchParams(window.location.search);
  const defaultQuery = JSON.parse(document.getElementById("default-query").textContent);

  function remember(name, value) {
    if (value) params.set(name, value);
    else params.delete(name);
    const search = params.toString();
    window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
  }

  const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  const explorer = GraphiQLPluginExplorer.explorerPlugin();

  function App() {
    return React.createElement(GraphiQL, {
      fetcher: fetcher,
      plugins: [explorer],
      defaultQuery: defaultQuery,
      query: params.get("q") || undefined,
      variables: params.get("variables") || undefined,
      onEditQuery: (query) => remember("q", query),
      onEditVariables: (variables) => remember("variables", variables),
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      inputValueDeprecation: true,
    });
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(App));
})();
