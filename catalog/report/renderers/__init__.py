"""Renderers of the disambiguation report, one module per output format."""
