"""filmcat's database side: models, storage, film resolution, queries and reports."""
