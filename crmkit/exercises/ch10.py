"""Questions of chapter 10: customer credit management (客户信用管理).

Q1-Q2 recall the seeds (B.14, B.18); Q3-Q7 are the syllabus's worked exercises (C.11) and one more
computation; Q8-Q11 use the course data (`invoices`, `credit_applicants`): a computation, a ranking,
an interpretation and a design.
"""

from __future__ import annotations

import pandas as pd

from .. import credit
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, SequenceQuestion

ASOF = "2024-12-31"


def c11_invoices() -> pd.DataFrame:
    """The four unpaid invoices of SYLLABUS C.11 (issued 30 days before they fall due)."""
    due = pd.to_datetime(["2024-11-20", "2025-01-15", "2024-09-15", "2024-12-10"])
    return pd.DataFrame({"invoice_id": ["I1", "I2", "I3", "I4"], "customer_id": "X",
                         "issue_date": due - pd.Timedelta(days=30), "due_date": due, "paid_date": pd.NaT,
                         "amount": [100_000.0, 50_000.0, 80_000.0, 30_000.0]})


def _c11_ageing() -> dict:
    return {str(k): float(a) for k, a in credit.ageing(c11_invoices(), ASOF)["amount"].items()}


def _ledger_dso() -> float:
    from ..data import load

    return credit.ledger_dso(load("invoices"), ASOF, days=365).dso


def _top_excess() -> list:
    from ..data import load

    return credit.limit_warnings(load("credit_applicants")).head(5).index.tolist()


def _worst_bucket() -> str:
    from ..data import load

    bad = credit.expected_bad_debt(credit.ageing(load("invoices"), ASOF))
    return str(bad["expected_bad_debt"].idxmax())


def _highest_b_cutoff() -> int:
    from ..data import load

    scores = credit.credit_score(load("credit_applicants"))["score"]
    return max(c for c in range(0, 101) if (scores < c).mean() <= 0.10)


q1 = ChoiceQuestion(
    "Q1",
    "The seed lists six methods of customer credit management in order: build a credit-management system under "
    "information asymmetry, set up a credit-management organisation, build a customer credit evaluation system, set "
    "credit standards, ..., set collection measures. Which method comes right after 'set credit standards' "
    "(确定客户的信用标准)? Answer with its text, e.g. 'set collection measures'.",
    expected=lambda: credit.METHODS[credit.METHODS.index("set credit standards") + 1],
    choices=list(credit.METHODS),
    aliases={"选择客户的信用条件": "choose credit terms", "credit terms": "choose credit terms",
             "选择信用条件": "choose credit terms", "制定收账措施": "set collection measures"},
    hints=["Standards say WHO gets credit; the next method says ON WHAT TERMS.",
           "The Chinese is 选择客户的信用条件."],
)

q2 = ChoiceQuestion(
    "Q2",
    "From the seeds' question bank: a customer leaves while avoiding payment of the balance he owes. Which form of "
    "churn is it: 'natural', 'competitive', 'malicious' or 'negligent'? Answer one option as text, e.g. 'natural'.",
    expected=lambda: "malicious",
    choices=["natural", "competitive", "malicious", "negligent"],
    aliases={"自然流失": "natural", "竞争流失": "competitive", "恶意流失": "malicious", "过失流失": "negligent"},
    hints=["He leaves on purpose, and at the company's expense."],
)

q3 = NumberQuestion(
    "Q3",
    "Receivables are ¥1.62 m and annual credit sales ¥12.6 m. What is the DSO (days sales outstanding) over a "
    "365-day year? Answer a number of days, e.g. 41.3.",
    expected=lambda: credit.dso(1_620_000, 12_600_000, days=365),
    hints=["DSO = receivables / credit sales x days in the period.", "1.62 / 12.6 x 365"],
    unit="days",
    graded_hints=1,  # the last hint spells out the computation: practice only
)

q4 = MappingQuestion(
    "Q4",
    "A customer's 5C scores (0-100): character 80, capacity 70, capital 60, collateral 90, conditions 50. With "
    "weights 0.30, 0.25, 0.20, 0.15, 0.10 and the bands >= 85 AAA, >= 75 AA, >= 65 A, >= 50 B, else C: his score "
    "and grade. Answer a dict, e.g. {'score': 61.5, 'rating': 'B'}.",
    expected=lambda: {"score": credit.five_c_score([80, 70, 60, 90, 50], credit.DEFAULT_WEIGHTS),
                      "rating": credit.rating(credit.five_c_score([80, 70, 60, 90, 50]))},
    hints=["Multiply each score by its weight and add: 0.30 x 80 + 0.25 x 70 + ...",
           "Then find the best grade whose lowest score the total reaches."],
)

q5 = MappingQuestion(
    "Q5",
    "Age these unpaid invoices at 2024-12-31 (amount, due date): I1 ¥100k due 2024-11-20, I2 ¥50k due 2025-01-15, "
    "I3 ¥80k due 2024-09-15, I4 ¥30k due 2024-12-10. The amount (¥) in each bucket of days past due. Answer a dict, e.g. "
    "{'current': 0, '1-30': 0, '31-60': 0, '61-90': 0, '>90': 0} with your numbers ('current' = not yet due).",
    expected=_c11_ageing,
    hints=["Days past due = 2024-12-31 minus the due date; 0 or less is 'current'.",
           "I1 is 41 days past due, I3 is 107."],
)

q6 = MappingQuestion(
    "Q6",
    "A customer owes ¥1.35 m against a credit limit (授信额度) of ¥1.20 m. Does the receivables warning (外欠款预警) "
    "fire, and by how much (¥) do his receivables exceed the limit? Answer a dict, e.g. {'warning': 'no', 'excess': 0}.",
    expected=lambda: {"warning": "yes" if credit.limit_warning(1_350_000, 1_200_000).warning else "no",
                      "excess": credit.limit_warning(1_350_000, 1_200_000).excess},
    hints=["The warning fires when the debt exceeds the limit.", "excess = receivables - limit"],
)

q7 = NumberQuestion(
    "Q7",
    "Expected bad debt of the receivables of Q5 with the course's rates by bucket: current 1 %, 1-30 days 3 %, "
    "31-60 days 10 %, 61-90 days 25 %, over 90 days 50 %. Answer a number in ¥, e.g. 12345.",
    expected=lambda: float(credit.expected_bad_debt(credit.ageing(c11_invoices(), ASOF))["expected_bad_debt"].sum()),
    hints=["Multiply each bucket's amount by its rate and add.", "The >90 bucket alone is ¥80k x 50 %."],
    unit="¥",
)

q8 = NumberQuestion(
    "Q8",
    "From load('invoices'): the DSO of the whole ledger at 2024-12-31 over 365 days, i.e. the amount outstanding at "
    "2024-12-31 (issued by then and not paid by then) divided by the amount invoiced from 2024-01-01 to 2024-12-31, "
    "times 365. Answer a number of days, e.g. 38.2.",
    expected=_ledger_dso,
    hints=["Outstanding: issue_date <= asof and (paid_date empty or after asof).",
           "credit.ledger_dso(invoices, '2024-12-31') does it all; or compute the two sums by hand."],
    unit="days",
    abs_tol=0.05,
)

q9 = SequenceQuestion(
    "Q9",
    "From load('credit_applicants'): the five customers whose receivables exceed their credit limit by the most, "
    "largest excess first. Answer a list of customer ids, e.g. ['D001', 'D002', 'D003', 'D004', 'D005'].",
    expected=_top_excess,
    hints=["excess = receivables - credit_limit; sort it from largest to smallest.",
           "credit.limit_warnings(applicants) sorts them for you."],
)

q10 = ChoiceQuestion(
    "Q10",
    "Age the whole ledger load('invoices') at 2024-12-31 and apply the bad-debt rates of Q7. Which bucket carries "
    "the largest expected bad debt: 'current', '1-30', '31-60', '61-90' or '>90'? (Compare with its share of the "
    "receivables: what does that tell a collection team?) Answer the bucket's name as text, e.g. 'current'.",
    expected=_worst_bucket,
    choices=["current", "1-30", "31-60", "61-90", ">90"],
    aliases={"not yet due": "current", "未到期": "current", "over 90": ">90", "90+": ">90"},
    hints=["credit.ageing(invoices, '2024-12-31'), then credit.expected_bad_debt(...).",
           "A small bucket with a high rate can outweigh a big one with a low rate."],
)

q11 = NumberQuestion(
    "Q11",
    "Design a credit standard: the credit committee wants at most 10 % of the customers in load('credit_applicants') "
    "graded C. Keeping the course's weights, what is the highest whole-number lowest score for grade B (now 50) "
    "for which no more than 10 % of the customers score below it? Answer a whole number, e.g. 47.",
    expected=_highest_b_cutoff,
    hints=["Score every customer with credit.credit_score(applicants).",
           "Try cut-offs c = 50, 51, 52 ...: the share of customers with a score below c must stay <= 0.10."],
    abs_tol=0.0,
    rel_tol=0.0,
)
