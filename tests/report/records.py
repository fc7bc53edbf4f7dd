"""Review records that give the report something in every section (added to tests.query.catalogue.RECORDS)."""
from __future__ import annotations

from tests.query.catalogue import record

EXTRA = [
    # one site reviewing one film twice, the second page without its year: not site twins (they need the
    # same stated year), so the resolver keeps them apart -> a likely duplicate
    record("kino-a.example", "nebel-1", "Nebelhorn", year=2012, directors=["Kai Brandt"], rating=60),
    record("kino-a.example", "nebel-2", "Nebelhorn", directors=["Kai Brandt"], rating=62),
    # near-identical titles, one director and year
    record("kino-b.example", "leucht-1", "Der Leuchtturmwärter", year=2008, directors=["Sven Olsen"]),
    record("kino-b.example", "leucht-2", "Leuchtturmwaerter", year=2008, directors=["Sven Olsen"]),
    # linked on the title alone: a low-confidence link
    record("kino-a.example", "funk-1", "Funkstille", year=2016, directors=["Lou Bach"], cast=["Ana Bo"]),
    record("kino-c.example", "funk-2", "Funkstille"),
]
