"""The one options object of film resolution: weights, thresholds and block limits."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResolveOptions:
    """Every knob of the resolver; the defaults are the shipped settings (see docs/resolution.md)."""

    # -- blocking
    max_block: int = 400            # blocks larger than this are split by year (keeps pairs ≈ linear)
    cast_blocking_untitled: bool = True  # records without a title are blocked on cast names
    # -- comparison (log-odds-like points; a pair links at `threshold` or above)
    title_exact: float = 3.0        # whole titles equal
    title_form: float = 2.0         # a main title / subtitle / original title equal
    title_fuzzy: float = 1.0        # token-sort ratio >= fuzzy_ratio
    title_mismatch: float = -3.0
    fuzzy_ratio: float = 90.0
    rare_title_bonus: float = 2.0   # added for a title key held by one film; shrinks with frequency
    sequel_conflict: float = -6.0   # "Dune" vs "Dune 2"
    year_close: float = 2.0         # |Δ| <= 1
    year_near: float = 0.5          # |Δ| == 2
    year_far: float = -5.0          # |Δ| > 2
    director_match: float = 3.0
    director_mismatch: float = -4.0
    crew_match: float = 2.0         # a person who directed or wrote one is a director or writer of the other
    cast_each: float = 1.0          # per shared cast member, up to cast_cap
    cast_cap: int = 3
    cast_none: float = -0.5         # both list cast, none shared
    release_date_equal: float = 1.0
    platform_equal: float = 0.3
    platform_differs: float = -0.3
    genre_overlap: float = 0.3
    unique_name: float = 4.0        # the people rule: mutually unique best match by shared people (full runs only)
    unique_name_links: bool = True
    people_titled_year_gap: int = 0  # the people rule links two differently titled records only this many years apart
    # rule T: two clusters whose directors this many reviews each state, and that name no director in
    # common, never merge (namesakes of one title and year bridged by reviews naming no director); 0: off
    directed_apart: int = 2
    titled_lone_crew: bool = False   # rule G2: one shared director/writer links two differently titled records (rule R: off)
    threshold: float = 4.0
    uncertain_margin: float = 2.0   # links scoring below threshold + margin are "uncertain"
    assign_band: bool = True        # full runs: pairs in [threshold - margin, threshold) join by elimination
    assign_rounds: int = 5          # passes of that elimination (each pass sees the joins of the last)
    career_fit: float = 0.3         # band, one side without a year: a person's career reaches the other's year
    career_miss: float = -1.5       # ... every dated person's career ends too far from it
    career_slack: int = 10          # years a career may extend past the records that show it
    # -- hard constraints
    max_year_gap_same_director: int = 3   # above this, not one film even with the same director
    max_year_gap_other_director: int = 1  # different directors and a larger gap never merge
    one_review_per_site: bool = True      # a site reviews a film once: two reviews of one site stay apart,
    # unless they are site twins: the same whole title (or one's original title), the same stated year and a
    # shared director (a site's language versions of one review, a festival review and the later one)
    site_twins: bool = True


DEFAULT_OPTIONS = ResolveOptions()
