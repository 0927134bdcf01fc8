"""Entity recognition: gazetteer automaton, title chains, unknown names, coreference."""
