"""User annotations: W3C selectors, re-anchoring after text changes, corrections of the analysis."""
