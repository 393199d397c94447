"""`python -m bkgraph` runs the command line."""

from bkgraph.cli import main

main()
