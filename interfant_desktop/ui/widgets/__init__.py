"""Reusable widgets: banners, rule cards, the MRD chart and the roadmap timeline."""
