"""Content -> Answer: query analysis, scorers, fusion, decision and composition."""
