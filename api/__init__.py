"""The HTTP service: GraphQL (with GraphiQL), health."""
