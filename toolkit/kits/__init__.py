"""Workshop kits: many profiles × languages, built in parallel, with an index per language."""
