"""One module per kind of page or endpoint, as Datasette does it."""
