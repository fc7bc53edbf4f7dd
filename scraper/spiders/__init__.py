"""filmcat's spiders: one generic review spider (site specifics live in scraper/profiles)."""
