"""The HTTP service: SPARQL 1.1 Protocol endpoint, Linked Data documents, dataset metadata."""
