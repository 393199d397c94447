"""The on-disk pyoxigraph store: atomic builds, read-only opening, exports."""
