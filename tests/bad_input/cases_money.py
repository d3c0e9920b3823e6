"""crmkit.money in the bad-input harness."""

from __future__ import annotations

from crmkit import money

from .harness import Target

TARGETS = [
    Target("money.present_value", money.present_value,
           lambda: {"margin": 100.0, "discount": 0.1, "horizon": 10, "retention": 0.8, "timing": "start"},
           numbers=("margin", "discount", "retention"), nonnegative=("retention",), huge=("horizon", "margin"),
           options=("timing",), rates=("discount",)),
    Target("money.present_value_factor", money.present_value_factor,
           lambda: {"discount": 0.1, "horizon": 10, "growth": 0.02},
           numbers=("discount", "growth"), huge=("horizon",), skip=("none:horizon",), rates=("discount",)),
    Target("money.annuity_factor", money.annuity_factor, lambda: {"discount": 0.08, "horizon": 10},
           numbers=("discount", "horizon"), nonnegative=("horizon",), huge=("horizon",), rates=("discount",)),
    Target("money.perpetuity", money.perpetuity, lambda: {"margin": 100.0, "discount": 0.1},
           numbers=("margin", "discount"), nonnegative=("discount",), huge=("margin",)),
    Target("money.discount_factors", money.discount_factors, lambda: {"discount": 0.1, "periods": 5},
           numbers=("discount", "periods"), nonnegative=("periods",), huge=("periods",), rates=("discount",)),
    Target("money.discount_factors (120,000 periods)", money.discount_factors,
           lambda: {"discount": 0.1, "periods": 120_000}, rates=("discount",)),
    Target("money.survival", money.survival, lambda: {"retention": 0.8, "periods": 5},
           numbers=("retention", "periods"), nonnegative=("retention", "periods"), huge=("periods",)),
    Target("money.expected_lifetime", money.expected_lifetime, lambda: {"retention": 0.8},
           numbers=("retention",), nonnegative=("retention",)),
    Target("money.retention_lift", money.retention_lift, lambda: {"retention": 0.8, "increase": 0.05},
           numbers=("retention", "increase", "discount", "margin_growth"), nonnegative=("retention", "increase"),
           huge=("horizon",), rates=("discount",), tiny=("retention",)),
]

TARGETS += [
    Target("money.per_period_factor", money.per_period_factor, lambda: {"discount": 0.1, "retention": 0.8},
           numbers=("discount", "retention", "growth"), nonnegative=("retention",)),
]
