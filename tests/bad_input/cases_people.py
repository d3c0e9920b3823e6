"""crmkit.people in the bad-input harness: every public function of the module."""

from __future__ import annotations

from crmkit import people

from .harness import Table, Target, declared

EAGLE = {"A1": 5, "A2": 1, "A3": 4, "A4": 2, "R1": 2, "R2": 4, "R3": 1, "R4": 5}


def _answers(**items):
    """social_style with two quiz items exposed as parameters, so the number classes reach them."""
    return people.social_style({**EAGLE, **items})


CONTACTS = Table(ids=("contact_id",), numbers=("influence", "attitude"),
                 required=("contact_id", "buying_role", "influence", "attitude"))

TARGETS = [
    # an answer of NaN, inf, 1+2j, True, '12', None, -1, 10**9 or 1e308 must be refused, never scored
    Target("people.social_style", _answers, lambda: {"A1": 5, "R4": 5}, numbers=("A1", "R4"),
           nonnegative=("A1", "R4"), huge=("A1", "R4")),
    declared("people.style_from_axes", people.style_from_axes, lambda: {"assertiveness": 1.5, "responsiveness": -0.5},
             huge=("assertiveness", "responsiveness")),
    declared("people.style_advice", people.style_advice, lambda: {"style": "owl"}, options=("style",)),
    declared("people.quiz_table", people.quiz_table, lambda: {}),
    declared("people.buying_roles", people.buying_roles, lambda: {}),
    declared("people.role_treatment", people.role_treatment, lambda: {"role": "gatekeeper"}, options=("role",)),
    declared("people.buying_role", people.buying_role, lambda: {"final_say": True, "uses_product": False},
             options=("final_say", "uses_product")),  # flags: an unknown option is refused as well
    declared("people.buying_centre", people.buying_centre, lambda: {"contacts": people.SAMPLE_CONTACTS.copy()},
             tables={"contacts": CONTACTS}),
    declared("people.influential_customers", people.influential_customers, lambda: {}),
    declared("people.buying_situation", people.buying_situation,
             lambda: {"first_time": False, "new_supplier": True, "new_spec": False},
             options=("first_time", "new_supplier", "new_spec")),
    declared("people.next_stage", people.next_stage, lambda: {"stage": "formal order"}, options=("stage",)),
]
