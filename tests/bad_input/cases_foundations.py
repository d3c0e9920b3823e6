"""crmkit.foundations (chapters 01-02) in the bad-input harness."""

from __future__ import annotations

import pandas as pd

from crmkit import foundations as f

from .harness import Table, Target, declared

X = dict(product=500.0, service=200.0, personnel=100.0, image=100.0, money=600.0, time=50.0, energy=20.0, psychic=30.0)
Y = dict(product=450.0, service=300.0, personnel=150.0, image=50.0, money=650.0, time=20.0, energy=10.0, psychic=20.0)
COMPONENTS = tuple(X)


def _offers():
    return pd.DataFrame([X, Y], index=["X", "Y"])


STATES = f.LADDER_STATES
MATRIX = Table(numbers=STATES, nonnegative=STATES)
OFFERS = Table(numbers=COMPONENTS, nonnegative=COMPONENTS)
MAN = Table(numbers=("need", "money", "authority"), nonnegative=("need", "money", "authority"))  # yes/no columns

TARGETS = [
    declared("foundations.customer_funnel", f.customer_funnel,
             lambda: dict(population=10_000, potential_rate=0.2, target_rate=0.4, purchase_rate=0.25, churn_rate=0.1),
             numbers=("population", "potential_rate", "target_rate", "purchase_rate", "churn_rate"),
             nonnegative=("population", "potential_rate", "target_rate", "purchase_rate", "churn_rate"),
             huge=("population",)),
    declared("foundations.ladder_transitions", f.ladder_transitions,
             lambda: dict(first_purchase=0.1, repeat=0.4, loyal=0.3, churn=0.2, loyal_churn=0.05),
             numbers=("first_purchase", "repeat", "loyal", "churn", "loyal_churn"),
             nonnegative=("first_purchase", "repeat", "loyal", "churn", "loyal_churn")),
    declared("foundations.state_flow", f.state_flow,
             lambda: dict(start={"prospect": 1000.0}, transitions=f.ladder_transitions(), periods=4),
             numbers=("periods",), nonnegative=("periods",), huge=("periods",), tables={"transitions": MATRIX}),
    declared("foundations.relationship_vs_transaction", f.relationship_vs_transaction,
             lambda: dict(margin=100.0, years=5, retention=0.8, discount=0.1, referral_rate=0.25),
             numbers=("margin", "years", "retention", "discount", "referral_rate"),
             nonnegative=("margin", "years", "retention", "discount", "referral_rate"), huge=("margin", "years")),
    declared("foundations.combs_to_monks", f.combs_to_monks, lambda: dict(price=10.0, unit_cost=4.0),
             numbers=("price", "unit_cost"), nonnegative=("price", "unit_cost"), huge=("price", "unit_cost")),
    declared("foundations.grain_of_wheat", f.grain_of_wheat,
             lambda: dict(seasons=3, grains_per_grain=30.0, sow_share=0.5),
             numbers=("seasons", "grains_per_grain", "sow_share"), nonnegative=("seasons", "grains_per_grain", "sow_share"),
             huge=("seasons", "grains_per_grain")),
    declared("foundations.delivered_value", f.delivered_value, lambda: dict(X),
             numbers=COMPONENTS, nonnegative=COMPONENTS, huge=COMPONENTS),
    declared("foundations.compare_offers", f.compare_offers, lambda: dict(offers=_offers()),
             tables={"offers": OFFERS}),
    declared("foundations.relationship_level", f.relationship_level, lambda: dict(customers="few", margin="high"),
             options=("customers", "margin")),
    declared("foundations.relationship_level_from_counts", f.relationship_level_from_counts,
             lambda: dict(n_customers=500, margin_rate=0.2, few_up_to=50, many_from=5000, low_below=0.1, high_from=0.3),
             numbers=("n_customers", "margin_rate", "few_up_to", "many_from", "low_below", "high_from"),
             nonnegative=("n_customers", "few_up_to", "many_from"), huge=("n_customers", "few_up_to", "many_from")),
    declared("foundations.qualify_prospects", f.qualify_prospects,
             lambda: dict(prospects=pd.DataFrame({"need": [True, False, True], "money": [1, 1, 0],
                                                  "authority": ["yes", "no", "是"]}, index=["P1", "P2", "P3"]),
                          need="need", money="money", authority="authority"),
             tables={"prospects": MAN}, skip=("bool_cell",)),  # True/False is a valid yes/no cell
    declared("foundations.bond_level", f.bond_level, lambda: dict(tool="customer club"), options=("tool",)),
    declared("foundations.selling_time", f.selling_time, lambda: dict(hours=40.0),
             numbers=("hours",), nonnegative=("hours",), huge=("hours",)),
]

# The pure functions behind the widgets (crmkit.widgets.foundations).
from crmkit.widgets import foundations as wf  # noqa: E402

TARGETS += [
    Target("widgets.foundations.funnel_view", wf.funnel_view,
           lambda: dict(population=8000, potential_rate=0.25, target_rate=0.5, purchase_rate=0.3, churn_rate=0.15),
           numbers=("population", "potential_rate", "target_rate", "purchase_rate", "churn_rate"),
           nonnegative=("population", "churn_rate"), huge=("population",)),
    Target("widgets.foundations.chooser_view", wf.chooser_view,
           lambda: dict(offers=_offers(), customers="many", margin="medium"),
           tables={"offers": OFFERS}, options=("customers", "margin"),
           skip=("none_table:offers",)),  # offers=None means the widget's starting offers
]
