"""The domain model and the graph stores behind it."""
