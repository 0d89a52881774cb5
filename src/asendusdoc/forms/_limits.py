"""The most entries a list of a form may hold: real-world maxima, so that size bounds cost.

Every list field of every form names one of these as its ``max_length`` (a test checks that no
list is left without one). The figures are generous for real cases — the largest foster
families and family homes raise about ten children; a year of weekly contacts is about 50
diary entries, and the 5,000 entries cover several years of daily ones — and small enough that
the worst allowed form validates and renders in seconds (``docs/performance.md``). Why each
figure was chosen is in ``docs/decisions.md``.
"""

from __future__ import annotations

__all__ = [
    "ACTIVITIES",
    "ACTIVITIES_PER_GOAL",
    "CAREGIVERS",
    "CHILDREN",
    "CONTACT_KINDS",
    "DIARY_ENTRIES",
    "FACTORS",
    "GOALS",
    "NETWORK_MEMBERS",
    "PROBLEM_AREAS",
]

CAREGIVERS = 10
"""Parents and carers of one family (vanemad ja hooldajad)."""

CHILDREN = 20
"""Children of one family or one referral (lapsed)."""

GOALS = 50
"""Goals of a referral, agreement, plan or action plan, and the goals a report or closure
looks back on (eesmärgid)."""

ACTIVITIES = 200
"""Activities of the family or of the worker, first cooperation tasks, activities undertaken
(tegevused)."""

ACTIVITIES_PER_GOAL = 50
"""Activities to reach one goal of the family support plan."""

PROBLEM_AREAS = 30
"""Topics and problem areas of a needs-based referral (teemad ja probleemkohad)."""

FACTORS = 50
"""Protective factors, and risk factors, of a family group conference referral."""

NETWORK_MEMBERS = 50
"""Members of the family's network named in a family group conference referral."""

CONTACT_KINDS = 50
"""Lines of the contacts summary of a progress report."""

DIARY_ENTRIES = 5000
"""Entries of one client diary (sissekanded)."""
