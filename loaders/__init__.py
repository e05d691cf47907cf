"""File formats -> validated records -> the store, one transaction per file."""
