"""Dissatisfied customers and what they did: the complaint iceberg (synthetic, chapter 09)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data import Column, DatasetSpec

SEED = 912
N = 4000
START, END = pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31")
ISSUES = ("product", "delivery", "service", "price")
ISSUE_P = (0.35, 0.25, 0.30, 0.10)
VOICES = ("formal", "frontline", "silent")
#: Share of dissatisfied customers who complain formally / to frontline staff / not at all, at severity 3.
#: [added] assumption: the seed's blanks are often filled with about 5 % / 26 % / 69 % (SYLLABUS B.12).
VOICE_P = (0.05, 0.26, 0.69)
#: How much more likely a severity-s problem is voiced: the odds of voicing are multiplied by this per level above 3.
SEVERITY_ODDS = 1.8
#: Probability of buying again within 12 months, by what happened ([added] assumptions, in the spirit of TARP):
REPURCHASE = {"resolved": 0.70, "unresolved": 0.20, "silent": 0.37}
#: Probability that a voiced complaint is resolved to the customer's satisfaction, formal vs frontline.
RESOLVED_P = {"formal": 0.75, "frontline": 0.55}
#: Mean number of people told about the experience (Poisson), by outcome.
TOLD = {"resolved": 4.0, "unresolved": 11.0, "silent": 8.0}


def _build() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    severity = rng.choice([1, 2, 3, 4, 5], N, p=(0.15, 0.25, 0.30, 0.20, 0.10))
    base = np.log(np.array(VOICE_P[:2]) / VOICE_P[2])
    shift = np.log(SEVERITY_ODDS) * (severity - 3)
    logits = np.column_stack([base[0] + shift, base[1] + shift, np.zeros(N)])
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    u = rng.random(N)
    voice_idx = (u[:, None] > np.cumsum(p, axis=1)).sum(axis=1)
    voice = np.array(VOICES)[voice_idx]
    resolved_p = np.where(voice == "formal", RESOLVED_P["formal"], RESOLVED_P["frontline"])
    resolved = np.where(voice == "silent", False, rng.random(N) < resolved_p)
    outcome = np.where(voice == "silent", "silent", np.where(resolved, "resolved", "unresolved"))
    repurchased = rng.random(N) < np.vectorize(REPURCHASE.get)(outcome)
    told = rng.poisson(np.vectorize(TOLD.get)(outcome))
    days = np.where(voice == "silent", -1, rng.gamma(2.0, np.where(voice == "formal", 3.0, 1.0)).round().astype(int))
    date = START + pd.to_timedelta(rng.integers(0, (END - START).days + 1, N), "D")
    return pd.DataFrame({
        "case_id": [f"D{i:05d}" for i in range(1, N + 1)],
        "date": date,
        "issue": np.array(ISSUES)[rng.choice(4, N, p=ISSUE_P)],
        "severity": severity,
        "voice": voice,
        "resolved": resolved,
        "resolution_days": pd.array(np.where(days < 0, pd.NA, days), dtype="Int64"),
        "repurchased_12m": repurchased,
        "people_told": told,
    }).sort_values(["date", "case_id"], ignore_index=True)


DATASETS = [
    DatasetSpec(
        name="complaints",
        title="Dissatisfied customers and the complaint iceberg (synthetic)",
        description=f"""\
{N:,} customers who were dissatisfied with a purchase in {START.year}, and what they did (seed {SEED}). Most never
complain (`voice` = silent): the complaints a company sees are the tip of the iceberg (投诉冰山). A customer voices
the problem formally or to frontline staff with the shares in the true parameters at severity 3, more often for
severe problems (the odds multiply by {SEVERITY_ODDS} per severity level). Whether the customer buys again within
12 months and how many people they tell depend on the outcome: resolved, unresolved, or silent. All shares are the
course's **[added]** assumptions (the seed's own percentages are missing, SYLLABUS B.12), chosen to be plausible
and to make the lesson visible: a complaint resolved well keeps more customers than silence does.
""",
        columns={
            "case_id": Column("str", "id of the dissatisfied customer's case"),
            "date": Column("date", "date of the dissatisfying purchase"),
            "issue": Column("category", "what went wrong", categories=ISSUES),
            "severity": Column("int", "how bad it was, 1 (minor) to 5 (severe)"),
            "voice": Column("category", "formal complaint, complaint to frontline staff, or silent", categories=VOICES),
            "resolved": Column("bool", "the complaint was resolved to the customer's satisfaction (False if silent)"),
            "resolution_days": Column("int", "days to resolve or close the complaint; empty if silent", "days"),
            "repurchased_12m": Column("bool", "bought again within 12 months"),
            "people_told": Column("int", "people the customer told about the experience"),
        },
        build=_build,
        true_parameters={
            "voice shares at severity 3 (formal, frontline, silent)": dict(zip(VOICES, VOICE_P)),
            "odds of voicing per severity level": SEVERITY_ODDS,
            "P(resolved) by voice": RESOLVED_P,
            "P(repurchase within 12 months) by outcome": REPURCHASE,
            "mean people told by outcome": TOLD,
            "seed": SEED,
        },
        chapters=("09",),
    )
]
