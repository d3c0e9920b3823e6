"""The course's CRM database ``crm.sqlite`` (synthetic, chapter 12).

A year (2024) of a CRM system at the retail chain of ``retail_customers``: the chain's sales team
sells larger packages (home-appliance bundles, group purchases, gift cards ...) to its members,
and its service centre answers the hotline, WeChat and e-mail. Accounts are a seeded sample of the
chain's customers (same ids, regions, city tiers, member levels, sign-up dates). Everything else is
drawn from the process documented in the spec below, so the chapter's queries have known answers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import crm
from ._db import DatabaseSpec

SEED = 1212
START, END = pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31")
N_ACCOUNTS = 800
N_LEADS = 1400
N_TICKETS = 1500
SOURCES = ("store", "online ads", "app", "referral", "social media", "hotline")
#: Probability that a followed-up lead becomes an opportunity, by source.
QUALIFY = {"store": 0.55, "online ads": 0.30, "app": 0.45, "referral": 0.65, "social media": 0.35, "hotline": 0.50}
#: Multiplier of every stage-advance probability, by source (referrals close best).
SOURCE_FACTOR = {"store": 1.00, "online ads": 0.80, "app": 0.95, "referral": 1.20, "social media": 0.85, "hotline": 1.00}
#: Probability of moving from each open stage to the next (before the source factor; capped at 0.95).
ADVANCE = {"prospecting": 0.75, "qualification": 0.70, "proposal": 0.65, "negotiation": 0.75}
#: Mean days in each open stage (1 + exponential).
STAY_DAYS = {"prospecting": 6, "qualification": 12, "proposal": 18, "negotiation": 10}
SLOW_SHARE, SLOW_FACTOR = 0.25, 4.0  # a quarter of opportunities stall: 4 times longer in every stage
FOLLOW_UP = 0.88  # share of leads that are ever followed up
PRODUCTS = {"home-appliance bundle": 12000, "group purchase": 20000, "gift cards": 6000, "membership upgrade": 2500}
N_SALES, N_SERVICE = 16, 6
LAX_OWNERS = ("S04", "S11")  # update their opportunities every ~45 days instead of ~12
SILENT = {"S07": "2024-12-06", "V03": "2024-12-13"}  # last login: away since (two weeks and more at year end)
TICKET_KIND = {"enquiry": 0.50, "complaint": 0.20, "repair": 0.20, "suggestion": 0.10}
TICKET_CHANNEL = {"hotline": 0.55, "wechat": 0.25, "email": 0.10, "store": 0.10}

_SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu",
             "Gao", "Lin", "He", "Guo", "Ma", "Luo"]
_GIVEN = ["Wei", "Fang", "Na", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong", "Yan", "Jie", "Tao",
          "Ming", "Chao", "Xiu", "Xia", "Ping", "Gang", "Hui", "Hong", "Bin", "Ying", "Hua", "Dan", "Lin", "Peng"]


def _names(rng, n):
    return [f"{_SURNAMES[i]} {_GIVEN[j]}" for i, j in zip(rng.integers(0, len(_SURNAMES), n),
                                                          rng.integers(0, len(_GIVEN), n))]


def _d(ts) -> str:
    return pd.Timestamp(ts).strftime("%Y-%m-%d")


def _customers() -> pd.DataFrame:
    from . import retail

    spec = next(s for s in retail.DATASETS if s.name == "retail_customers")
    return spec.build()


def _build() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    days = (END - START).days + 1

    # -- staff and their logins (the daily-login rule) --------------------------------------
    staff_ids = [f"S{i:02d}" for i in range(1, N_SALES + 1)] + [f"V{i:02d}" for i in range(1, N_SERVICE + 1)] + ["M01", "M02"]
    roles = ["sales"] * N_SALES + ["service"] * N_SERVICE + ["manager"] * 2
    hired = [_d(START - pd.Timedelta(days=int(x))) for x in rng.integers(30, 2000, len(staff_ids))]
    hired[staff_ids.index("S16")] = "2024-03-01"  # a newcomer in the year
    staff = pd.DataFrame({"staff_id": staff_ids, "name": _names(rng, len(staff_ids)), "role": roles,
                          "hired": hired, "active": 1})
    staff.loc[staff["staff_id"] == "S15", "active"] = 0  # left in October: no longer checked
    workdays = pd.bdate_range(START, END)
    rows = []
    diligence = rng.beta(18, 1.5, len(staff_ids))
    for sid, hire, p in zip(staff_ids, staff["hired"], diligence):
        last = pd.Timestamp(SILENT.get(sid, "2024-10-15" if sid == "S15" else _d(END)))
        for day in workdays[(workdays >= pd.Timestamp(hire)) & (workdays <= last)]:
            if rng.random() < p or day == last:
                minute = int(rng.integers(8 * 60 + 15, 10 * 60))
                rows.append((sid, f"{_d(day)} {minute // 60:02d}:{minute % 60:02d}:{int(rng.integers(0, 60)):02d}"))
    logins = pd.DataFrame(rows, columns=["staff_id", "login_at"])

    # -- accounts (a sample of the chain's customers) and contacts ------------------------------
    cust = _customers()
    cust = cust[cust["state"].astype(str) != "lost"]
    pick = np.sort(rng.choice(len(cust), N_ACCOUNTS, replace=False))
    cust = cust.iloc[pick].reset_index(drop=True)
    sales = staff_ids[:N_SALES - 1]  # S16 joins in March: takes over leads only
    accounts = pd.DataFrame({
        "account_id": cust["customer_id"].astype(str),
        "name": _names(rng, N_ACCOUNTS),
        "region": cust["region"].astype(str),
        "city_tier": cust["city_tier"].astype(int),
        "member_level": cust["member_level"].astype(str),
        "owner_id": rng.choice(sales, N_ACCOUNTS),
        "created": pd.to_datetime(cust["signup_date"]).dt.strftime("%Y-%m-%d"),
    })
    second = rng.random(N_ACCOUNTS) < 0.3
    crows = []
    for i, acc in enumerate(accounts["account_id"]):
        crows.append((f"P{len(crows) + 1:05d}", acc, accounts["name"][i], "self", rng.choice(["phone", "wechat", "email"], p=[0.4, 0.5, 0.1]), 1))
        if second[i]:
            crows.append((f"P{len(crows) + 1:05d}", acc, _names(rng, 1)[0], rng.choice(["spouse", "family", "assistant"]),
                          rng.choice(["phone", "wechat", "email"], p=[0.4, 0.5, 0.1]), 0))
    contacts = pd.DataFrame(crows, columns=["contact_id", "account_id", "name", "relation", "channel", "is_primary"])

    # -- leads, follow-ups, opportunities and their stage history -------------------------------
    acq = dict(zip(accounts["account_id"], cust["acquisition_channel"].astype(str)))
    owner_of = dict(zip(accounts["account_id"], accounts["owner_id"]))
    stages = crm.STAGES
    open_stages = stages.loc[stages["is_closed"] == 0, "stage"].tolist()
    leads, acts, opps, hist, orders = [], [], [], [], []
    gap = {s: (45.0 if s in LAX_OWNERS else 12.0) for s in staff_ids}

    def act(sid, acc, day, kind, lead=None, opp=None):
        acts.append((sid, acc, lead, opp, kind, _d(day)))

    lead_days = np.sort(rng.integers(0, days, N_LEADS))
    for k, dd in enumerate(lead_days):
        lid = f"L{k + 1:05d}"
        acc = accounts["account_id"][int(rng.integers(0, N_ACCOUNTS))]
        source = acq[acc] if rng.random() < 0.75 else "hotline"
        owner = owner_of[acc] if rng.random() < 0.9 else "S16"
        if owner == "S16" and START + pd.Timedelta(days=int(dd)) < pd.Timestamp("2024-03-01"):
            owner = owner_of[acc]
        created = START + pd.Timedelta(days=int(dd))
        status = "open"
        if rng.random() < FOLLOW_UP:
            first = created + pd.Timedelta(days=int(rng.exponential(3.0)))
            if first <= END:
                act(owner, acc, first, rng.choice(["call", "wechat", "visit"]), lead=lid)
                if rng.random() < QUALIFY[source]:
                    conv = first + pd.Timedelta(days=1 + int(rng.exponential(6.0)))
                    if conv <= END:
                        status = "converted"
                        oid = f"O{len(opps) + 1:05d}"
                        product = rng.choice(list(PRODUCTS), p=[0.35, 0.2, 0.25, 0.2])
                        opps.append((oid, acc, lid, owner, source, product, _d(conv)))
                        amount = round(float(PRODUCTS[product] * rng.lognormal(-0.08, 0.4)), -1)
                        day, factor = conv, SOURCE_FACTOR[source]
                        slow = SLOW_FACTOR if rng.random() < SLOW_SHARE else 1.0
                        for st in open_stages:
                            if st == "proposal":
                                amount = round(amount * float(rng.uniform(0.8, 1.25)), -1)
                            elif st == "negotiation":
                                amount = round(amount * float(rng.uniform(0.85, 1.0)), -1)
                            hist.append((oid, st, _d(day), amount))
                            act(owner, acc, day, rng.choice(["meeting", "visit", "call"]), opp=oid)
                            leave = day + pd.Timedelta(days=1 + int(rng.exponential(STAY_DAYS[st] * slow)))
                            # general actions while the opportunity sits in the stage (the monthly-update rule)
                            g = day + pd.Timedelta(days=1 + int(rng.exponential(gap[owner])))
                            while g < min(leave, END + pd.Timedelta(days=1)):
                                act(owner, acc, g, "general action", opp=oid)
                                g += pd.Timedelta(days=1 + int(rng.exponential(gap[owner])))
                            if leave > END:
                                break
                            day = leave
                            if rng.random() >= min(0.95, ADVANCE[st] * factor):
                                hist.append((oid, "lost", _d(day), amount))
                                break
                        else:
                            hist.append((oid, "won", _d(day), amount))
                            orders.append((f"D{len(orders) + 1:05d}", acc, oid, _d(day), amount))
                elif rng.random() < 0.8:
                    status = "disqualified"
        leads.append((lid, acc, source, owner, _d(created), status))
    leads = pd.DataFrame(leads, columns=["lead_id", "account_id", "source", "owner_id", "created", "status"])
    opps = pd.DataFrame(opps, columns=["opportunity_id", "account_id", "lead_id", "owner_id", "source", "product", "created"])
    hist = pd.DataFrame(hist, columns=["opportunity_id", "stage", "entered", "amount"])
    acts = pd.DataFrame(acts, columns=["staff_id", "account_id", "lead_id", "opportunity_id", "kind", "date"])
    acts = acts.sort_values(["date", "staff_id", "account_id"], kind="stable", ignore_index=True)
    acts.insert(0, "activity_id", [f"A{i + 1:06d}" for i in range(len(acts))])
    orders = pd.DataFrame(orders, columns=["order_id", "account_id", "opportunity_id", "date", "amount"])

    # -- service tickets (collaborative CRM: the service centre) -------------------------------
    hours = np.array([0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 5, 9, 10, 9.5, 7, 8, 9, 9, 8, 6.5, 5, 4.5, 4, 3, 2, 1])
    t_day = rng.integers(0, days, N_TICKETS)
    t_hour = rng.choice(24, N_TICKETS, p=hours / hours.sum())
    t_min = rng.integers(0, 3600, N_TICKETS)
    opened = START + pd.to_timedelta(t_day, "D") + pd.to_timedelta(t_hour * 3600 + t_min, "s")
    kind = rng.choice(list(TICKET_KIND), N_TICKETS, p=list(TICKET_KIND.values()))
    hours_to_close = rng.lognormal(np.where(kind == "complaint", 3.2, np.where(kind == "repair", 3.8, 1.0)), 1.0)
    closed = opened + pd.to_timedelta(np.round(hours_to_close * 3600), "s")
    closed = pd.Series(closed).where(closed <= END + pd.Timedelta(days=1) - pd.Timedelta(seconds=1))
    t_acc = accounts["account_id"].to_numpy()[rng.integers(0, N_ACCOUNTS, N_TICKETS)]
    primary = contacts[contacts["is_primary"] == 1].set_index("account_id")["contact_id"]
    sat = np.clip(np.round(rng.normal(np.where(kind == "complaint", 3.2, 4.2) - 0.15 * np.log1p(hours_to_close), 0.9)), 1, 5)
    tickets = pd.DataFrame({
        "opened": opened, "account_id": t_acc,
        "contact_id": primary.loc[t_acc].to_numpy(),
        "staff_id": rng.choice(staff_ids[N_SALES:N_SALES + N_SERVICE], N_TICKETS),
        "kind": kind,
        "channel": rng.choice(list(TICKET_CHANNEL), N_TICKETS, p=list(TICKET_CHANNEL.values())),
        "closed": closed.to_numpy(),
        "satisfaction": np.where(closed.notna() & (rng.random(N_TICKETS) < 0.6), sat, np.nan),
    }).sort_values(["opened", "account_id"], ignore_index=True)
    tickets.insert(0, "ticket_id", [f"T{i + 1:05d}" for i in range(N_TICKETS)])
    tickets["opened"] = tickets["opened"].dt.strftime("%Y-%m-%d %H:%M:%S")
    tickets["closed"] = pd.to_datetime(tickets["closed"]).dt.strftime("%Y-%m-%d %H:%M:%S")
    tickets["satisfaction"] = tickets["satisfaction"].astype("Int64")

    return {"stages": stages, "staff": staff, "accounts": accounts, "contacts": contacts, "leads": leads,
            "opportunities": opps, "stage_history": hist, "activities": acts, "orders": orders,
            "tickets": tickets, "logins": logins}


DATABASES = [
    DatabaseSpec(
        name="crm",
        title="A CRM system's database (synthetic, SQLite)",
        description=f"""\
The CRM system of the retail chain of `retail_customers` for {START.year} (an SQLite file, no server; open it
read-only with `crmkit.data.connect()`, or a writable copy with `connect(writable_copy="my_crm.sqlite")`).
{N_ACCOUNTS} accounts are a seeded sample of the chain's customers who are not lost (same ids, regions, city
tiers, member levels, sign-up dates); the sales team works {N_LEADS:,} leads into opportunities for larger
packages, and the service centre logs {N_TICKETS:,} tickets. Generated with seed {SEED}: each lead is followed
up with probability {FOLLOW_UP} (first contact after about 3 days) and becomes an opportunity with a probability
that depends on its source; an opportunity moves through prospecting -> qualification -> proposal ->
negotiation -> won, leaving each open stage after 1 + an exponential number of days ({SLOW_SHARE:.0%} of them stall: {SLOW_FACTOR:g} times longer) and advancing with a stage
probability times a source factor, else it is lost; won opportunities become orders on the day they are won.
Owners record a "general action" (一般行动) every ~12 days while an opportunity is open ({', '.join(LAX_OWNERS)}:
every ~45 days, so their opportunities break the monthly-update rule). Staff log in on most working days;
{', '.join(f'{k} has not logged in since {d}' for k, d in SILENT.items())}; S15 left in October (inactive).
Dates are ISO text (`YYYY-MM-DD`, times `YYYY-MM-DD HH:MM:SS`); money in CNY. The stage probabilities of the
`stages` table are the course's own [added].
""",
        schema=crm.SCHEMA_SQL + crm.INDEX_SQL,
        tables={
            "stages": "a sales stage: order, win probability for the weighted forecast, open/closed, Chinese name",
            "staff": "a member of staff: sales, service or manager; hiring date; still active",
            "accounts": "a customer account (a customer of `retail_customers`), its owner in sales",
            "contacts": "a person to talk to at an account and the channel they prefer",
            "leads": "a sales lead (销售线索): source, owner, creation day, status at the end of the year",
            "opportunities": "a sales opportunity (销售机会) made from a lead: source, product, creation day",
            "stage_history": "an opportunity entering a stage on a day, with its amount then (¥)",
            "activities": "a call, visit, e-mail, WeChat message, meeting or general action on a lead or opportunity",
            "orders": "an order signed when an opportunity is won (¥)",
            "tickets": "a service ticket or complaint: kind, channel, opened and closed times, satisfaction 1-5",
            "logins": "one login of a member of staff to the CRM system",
        },
        build=_build,
        true_parameters={
            "P(lead becomes an opportunity | followed up), by source": QUALIFY,
            "stage-advance probability (before the source factor)": ADVANCE,
            "source factor on every advance probability (capped at 0.95)": SOURCE_FACTOR,
            "mean days in stage (1 + exponential)": STAY_DAYS,
            "share of stalling opportunities, and their factor on the days in every stage": (SLOW_SHARE, SLOW_FACTOR),
            "share of leads ever followed up": FOLLOW_UP,
            "mean amount by product (¥, lognormal)": PRODUCTS,
            "owners who update every ~45 days instead of ~12": LAX_OWNERS,
            "staff silent since": SILENT,
            "seed": SEED,
        },
        chapters=("12",),
    )
]
