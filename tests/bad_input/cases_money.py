"""crmkit.money in the bad-input harness: every target derived from the function's own declaration
(``@_validate.params``), so the checks and the cases cannot drift apart."""

from __future__ import annotations

from crmkit import money

from .harness import Target, declared

TARGETS = [
    declared("money.present_value", money.present_value,
             lambda: {"margin": 100.0, "discount": 0.1, "horizon": 10, "retention": 0.8, "timing": "start"}),
    declared("money.present_value_factor", money.present_value_factor,
             lambda: {"discount": 0.1, "horizon": 10, "growth": 0.02}),
    declared("money.annuity_factor", money.annuity_factor, lambda: {"discount": 0.08, "horizon": 10}),
    declared("money.perpetuity", money.perpetuity, lambda: {"margin": 100.0, "discount": 0.1}),
    declared("money.discount_factors", money.discount_factors, lambda: {"discount": 0.1, "periods": 5}),
    Target("money.discount_factors (120,000 periods)", money.discount_factors,
           lambda: {"discount": 0.1, "periods": 120_000}, rates=("discount",)),
    declared("money.survival", money.survival, lambda: {"retention": 0.8, "periods": 5}),
    declared("money.expected_lifetime", money.expected_lifetime, lambda: {"retention": 0.8}),
    declared("money.retention_lift", money.retention_lift, lambda: {"retention": 0.8, "increase": 0.05}),
    declared("money.per_period_factor", money.per_period_factor, lambda: {"discount": 0.1, "retention": 0.8}),
]
