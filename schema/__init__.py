"""The GraphQL schema: strawberry types over graph.repository, with DataLoaders."""
