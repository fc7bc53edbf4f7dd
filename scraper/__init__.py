"""filmcat's web side: spiders, extraction, normalization and pipelines."""
