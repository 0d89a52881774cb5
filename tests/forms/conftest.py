"""Fixtures of the form tests; hypothesis settings kept small so the layer stays fast."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "forms", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("forms")
