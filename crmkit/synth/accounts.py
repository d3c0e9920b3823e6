"""B2B key accounts and the people inside them (synthetic, chapter 11).

A supplier of industrial equipment and services and its 30 key accounts: what each buys in our
category, how much of it from us (share of wallet), at what margin, the scorecard's criterion
scores, the relationship score sheet, and the contacts of each account's power map.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data import Column, DatasetSpec

SEED = 1111
N = 30
INDUSTRIES = ("manufacturing", "retail chain", "hospital", "logistics", "telecom", "energy")
SUFFIX = {"manufacturing": "Machinery", "retail chain": "Stores", "hospital": "Hospital",
          "logistics": "Logistics", "telecom": "Telecom", "energy": "Energy"}
PREFIXES = ("Huaxin", "Dongfang", "Jinlong", "Tianhe", "Hengda", "Xinghai", "Ruifeng", "Zhongyuan", "Baisheng",
            "Kaida", "Minghua", "Yongtai", "Shenghe", "Lianchuang", "Haitong", "Jiahe", "Fuxing", "Longteng",
            "Changjiang", "Huamei", "Xinda", "Guangming", "Taifeng", "Hongyun", "Anda", "Weiye", "Qianhai",
            "Chenguang", "Yuhua", "Boyuan")
#: Median annual purchases in our category (¥) and the log-scale spread.
SPEND_MEDIAN, SPEND_SIGMA = 8_000_000, 0.7
#: Share of wallet = clip(SOW_BASE + SOW_SLOPE × r + N(0, SOW_NOISE), 0.02, 0.9), r ~ Beta(2, 2) the
#: account's latent relationship strength: the closer the relationship, the larger our share.
SOW_BASE, SOW_SLOPE, SOW_NOISE = 0.05, 0.60, 0.08
#: Offsets of the four key points of the score sheet (identification is the hardest to earn).
SHEET_OFFSET = {"communication": 0.3, "matching": 0.0, "alliance": -0.3, "identification": -0.5}
SHEET_NOISE = 0.7
STRATEGIC_FIT = {"manufacturing": 4, "retail chain": 2, "hospital": 3, "logistics": 3, "telecom": 4, "energy": 3}
# How our relationship with a person differs by role.
ROLE_SHIFT = {"buyer": 0.5, "decider": -0.3}
#: Probability that we have no contact with the decider (the general manager).
P_NO_DECIDER = 0.2
#: Probability that an influencer is allied with a competitor (attitude -1 or -2).
P_HOSTILE_INFLUENCER = 0.2

SURNAMES = ("Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu",
            "Gao", "Lin", "He", "Guo", "Ma", "Luo")
GIVEN = ("Wei", "Fang", "Min", "Jing", "Lei", "Jun", "Yan", "Tao", "Ming", "Hui", "Qiang", "Na", "Gang", "Ping", "Hong")
#: The organisation template: (title, role, influence, boss, probability of being in the map, hidden).
ORG = (
    ("General manager", "decider", 5, "", 1.0, False),
    ("Technical director", "influencer", 4, "General manager", 1.0, False),
    ("Finance director", "influencer", 4, "General manager", 0.6, False),
    ("Purchasing manager", "buyer", 3, "General manager", 1.0, False),
    ("Operations manager", "user", 3, "General manager", 0.7, False),
    ("Engineer", "user", 2, "Technical director", 0.9, False),
    ("Purchasing clerk", "gatekeeper", 2, "Purchasing manager", 0.5, False),
    ("Chairman's adviser", "influencer", 4, "", 0.3, True),  # outside the formal chart
)


def _quintile(x: np.ndarray) -> np.ndarray:
    """1-5 by rank: the lowest fifth 1, the highest fifth 5."""
    ranks = pd.Series(x).rank(method="first").to_numpy()
    return np.ceil(ranks / len(x) * 5).astype(int)


def _latent(rng):
    industry = rng.choice(len(INDUSTRIES), N)
    r = rng.beta(2, 2, N)
    return industry, r


def _build_accounts() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    industry, r = _latent(rng)
    spend = np.round(SPEND_MEDIAN * rng.lognormal(0, SPEND_SIGMA, N), -4)
    sow = np.clip(SOW_BASE + SOW_SLOPE * r + rng.normal(0, SOW_NOISE, N), 0.02, 0.9)
    ours = np.round(spend * sow, -4)
    margin = np.round(rng.uniform(0.12, 0.35, N), 3)
    ind = np.array(INDUSTRIES)[industry]
    fit = np.clip(np.array([STRATEGIC_FIT[i] for i in ind]) + rng.integers(-1, 2, N), 1, 5)
    sheet = {k: np.clip(np.round(1 + 4 * r + off + rng.normal(0, SHEET_NOISE, N)), 1, 5).astype(int)
             for k, off in SHEET_OFFSET.items()}
    out = pd.DataFrame({
        "account_id": [f"KA{i:02d}" for i in range(1, N + 1)],
        "name": [f"{p} {SUFFIX[i]}" for p, i in zip(PREFIXES, ind)],
        "industry": ind,
        "annual_purchases": spend,
        "our_sales": ours,
        "margin": margin,
        "purchase_volume": _quintile(ours),
        "profit_contribution": _quintile(ours * margin),
        "growth_potential": _quintile(spend - ours),
        "strategic_fit": fit,
        "relationship_credit": np.clip(np.round(1 + 4 * r + rng.normal(0, 0.6, N)), 1, 5).astype(int),
        **sheet,
    })
    return out


def _build_contacts() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    _, r = _latent(rng)  # the same accounts and relationship strengths as key_accounts
    rng = np.random.default_rng(SEED + 1)
    rows = []
    for a in range(N):
        ka = f"KA{a + 1:02d}"
        present = {t: rng.random() < p for t, _, _, _, p, _ in ORG}
        if rng.random() < P_NO_DECIDER:
            present["General manager"] = False
        used = set()
        names = {}
        for title, *_ in ORG:
            while True:
                n = f"{SURNAMES[rng.integers(len(SURNAMES))]} {GIVEN[rng.integers(len(GIVEN))]}"
                if n not in used:
                    used.add(n)
                    names[title] = n
                    break
        k = 0
        for title, role, infl, boss, _, hidden in ORG:
            if not present[title]:
                continue
            k += 1
            while boss and not present[boss]:  # report to the next person up who is in the map
                boss = next(b for t, _, _, b, _, _ in ORG if t == boss)
            shift = ROLE_SHIFT.get(role, 0.0)
            rel = int(np.clip(np.round(1 + 3 * r[a] + shift + rng.normal(0, 0.6)), 1, 4))
            att = int(np.clip(np.round(rng.normal(rel - 2.0, 0.8)), -2, 2))
            if role == "influencer" and rng.random() < P_HOSTILE_INFLUENCER:
                att = int(rng.choice([-2, -1]))
            rows.append({
                "account_id": ka, "contact_id": f"{ka}-{k}", "name": names[title], "title": title, "role": role,
                "influence": infl if role != "influencer" else int(np.clip(infl + rng.integers(-1, 2), 1, 5)),
                "attitude": att, "relationship": rel, "reports_to": names[boss] if boss else "", "hidden": hidden,
            })
    return pd.DataFrame(rows)


_TRUE = {
    "seed": SEED,
    "relationship strength r ~ Beta(2, 2) per account": "shared by both tables",
    "share of wallet = clip(base + slope * r + N(0, noise), 0.02, 0.9)": {"base": SOW_BASE, "slope": SOW_SLOPE,
                                                                           "noise": SOW_NOISE},
    "annual purchases ~ median * lognormal(0, sigma)": {"median": SPEND_MEDIAN, "sigma": SPEND_SIGMA},
    "score sheet point = clip(round(1 + 4 r + offset + N(0, 0.7)), 1, 5)": SHEET_OFFSET,
}

DATASETS = [
    DatasetSpec(
        name="key_accounts",
        title="B2B key accounts: wallet, margin, scorecard criteria and relationship sheet (synthetic)",
        description=f"""\
{N} key accounts of an industrial supplier. Each has a latent relationship strength r ~ Beta(2, 2) (seed {SEED})
that drives our share of wallet (钱包份额), the relationship-and-credit criterion and the four key points of the
relationship score sheet (沟通/匹配/联合/认同). The scorecard criteria are scored 1-5: purchase volume and profit
contribution are quintiles of our sales and of our sales × margin, growth potential the quintile of the wallet we
do not have (annual purchases − our sales), strategic fit an industry base ± 1.
""",
        columns={
            "account_id": Column("str", "account id"),
            "name": Column("str", "company name (fictitious)"),
            "industry": Column("category", "industry", categories=INDUSTRIES),
            "annual_purchases": Column("float", "the customer's yearly spend in our category (its wallet)", "CNY"),
            "our_sales": Column("float", "our sales to the customer in the year", "CNY"),
            "margin": Column("float", "our gross margin rate on those sales", "share 0-1"),
            "purchase_volume": Column("int", "scorecard criterion: purchase volume", "1-5"),
            "profit_contribution": Column("int", "scorecard criterion: profit contribution", "1-5"),
            "growth_potential": Column("int", "scorecard criterion: growth potential", "1-5"),
            "strategic_fit": Column("int", "scorecard criterion: strategic fit", "1-5"),
            "relationship_credit": Column("int", "scorecard criterion: relationship and credit", "1-5"),
            "communication": Column("int", "score sheet: communication (沟通)", "1-5"),
            "matching": Column("int", "score sheet: matching (匹配)", "1-5"),
            "alliance": Column("int", "score sheet: alliance / joint action (联合)", "1-5"),
            "identification": Column("int", "score sheet: identification (认同)", "1-5"),
        },
        build=_build_accounts,
        true_parameters=_TRUE,
        chapters=("11",),
    ),
    DatasetSpec(
        name="account_contacts",
        title="The people inside each key account: the power map (synthetic)",
        description=f"""\
The contacts we know in each of the {N} key accounts (`account_id` as in `key_accounts`), from an org template
(general manager = decider; technical and finance directors, a chairman's adviser = influencers; purchasing
manager = buyer; operations manager and engineer = users; purchasing clerk = gatekeeper). Some people are not in
the map (we have no contact with them): the general manager is missing with probability {P_NO_DECIDER}. Relationship
strength 1-4 follows the account's r, shifted by the person's role (how the roles differ is for the data to show:
chapter 06 asks it); attitude -2..+2 follows the relationship, and an
influencer is allied with a competitor (attitude -1 or -2) with probability {P_HOSTILE_INFLUENCER}. `reports_to`
names the boss (empty at the top); `hidden` marks a hidden key person (隐性关键人).
""",
        columns={
            "account_id": Column("str", "account id (key_accounts)"),
            "contact_id": Column("str", "contact id"),
            "name": Column("str", "person's name (fictitious), unique within the account"),
            "title": Column("str", "job title"),
            "role": Column("category", "buying-centre role", categories=("initiator", "user", "influencer", "decider",
                                                                          "buyer", "gatekeeper")),
            "influence": Column("int", "influence on the buying decision", "1-5"),
            "attitude": Column("int", "attitude to us: -2 opponent .. +2 supporter", "-2..2"),
            "relationship": Column("int", "our relationship strength with the person", "1-4"),
            "reports_to": Column("str", "name of the boss in the map; empty at the top"),
            "hidden": Column("bool", "a hidden key person (not on the org chart)"),
        },
        build=_build_contacts,
        true_parameters={"seed": SEED, "P(no contact with the decider)": P_NO_DECIDER,
                         "P(influencer allied with a competitor)": P_HOSTILE_INFLUENCER,
                         "relationship = clip(round(1 + 3 r + role shift + N(0, 0.6)), 1, 4)":
                             "the role shifts are left to the data (an exercise of chapter 06 asks for them)",
                         "attitude = clip(round(N(relationship - 2.0, 0.8)), -2, 2)": "before the competitor allies"},
        chapters=("11",),
    ),
]
