"""filmcat's own Scrapy components: origin confinement, incremental fetches, politeness, progress."""
