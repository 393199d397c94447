"""`bkgraph validate`: SHACL shapes (pyshacl) and OWL consistency (owlready2 + HermiT)."""
