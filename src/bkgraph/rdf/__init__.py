"""The typed model → RDF quads (pyoxigraph terms), with the URI policy of `uris`."""
