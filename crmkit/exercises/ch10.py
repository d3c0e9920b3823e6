"""Questions of chapter 10: customer credit management (客户信用管理).

Q1-Q2 recall the seeds (B.14, B.18); Q3-Q7 are the syllabus's worked exercises (C.11) and one more
computation; Q8-Q11 use the course data (`invoices`, `credit_applicants`): a computation, a ranking,
an interpretation and a design. Q12-Q15 decide a credit policy by its incremental profit (the textbook's
method, [added]): a cash discount, a credit standard, a collection effort and a standard on the course data;
Q16 is open: recommend a credit policy, graded by hand against a rubric.
"""

from __future__ import annotations

import pandas as pd

from .. import credit
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

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


# -- credit policy (信用政策): incremental profit, the textbook's method ------------------------------------

#: The lowest 5C scores among which Q15 chooses.
Q15_CUTOFFS = (30, 40, 50, 60, 70)


def _q12() -> float:
    now = credit.credit_policy(5_400_000, 50)
    t = credit.cash_discount(now, discount_rate=0.01, discount_days=10, discount_share=0.4, sales_growth=0.04,
                             variable_cost_ratio=0.7, cost_of_capital=0.12)
    return float(t.loc["net_profit", "change"])


def _q13() -> float:
    now = credit.credit_policy(8_000_000, 40, bad_debt_rate=0.02, collection_cost=60_000)
    t = credit.credit_standard(now, added_sales=2_400_000, added_collection_days=75, added_bad_debt_rate=0.06,
                               added_collection_cost=30_000, variable_cost_ratio=0.75, cost_of_capital=0.12)
    return float(t.loc["net_profit", "change"])


def _q14() -> float:
    now = credit.credit_policy(6_000_000, 60, bad_debt_rate=0.04, collection_cost=40_000)
    t = credit.collection_effort(now, collection_cost=180_000, collection_days=30, bad_debt_rate=0.015,
                                 variable_cost_ratio=0.65, cost_of_capital=0.10)
    return float(t.loc["net_profit", "change"])


def _q15() -> str:
    from ..data import load

    apps = load("credit_applicants")
    profit = {c: credit.policy_lines(credit.standard_policy(apps, c, cost_per_customer=1_000),
                                     variable_cost_ratio=0.9, cost_of_capital=0.10)["net_profit"]
              for c in Q15_CUTOFFS}
    return str(max(profit, key=profit.get))


q12 = NumberQuestion(
    "Q12",
    "A cash discount (现金折扣): a wholesaler sells ¥5.4 m a year on credit and its customers pay after 50 days on "
    "average. It offers '1/10, n/50' (1 % off for payment within 10 days). It expects sales to grow by 4 %, 40 % of "
    "the sales to take the discount (paid on day 10) and the rest to pay after 50 days as now; there are no bad "
    "debts and the collection cost does not change. Variable costs are 70 % of sales, the cost of capital is 12 %, "
    "a year has 360 days. What is the incremental profit of the discount (¥; negative if it loses money)? Answer a "
    "number in ¥, e.g. -12345.6.",
    expected=_q12,
    hints=["Incremental profit = added margin - added carrying cost of receivables - cost of the discount.",
           "Carrying cost = sales / 360 x collection days x variable-cost ratio x cost of capital; the new collection "
           "period is 0.4 x 10 + 0.6 x 50 days.",
           "credit.cash_discount(credit.credit_policy(5_400_000, 50), discount_rate=0.01, discount_days=10, ...)"],
    unit="¥",
    abs_tol=1.0,
    graded_hints=2,  # the last hint writes the call
)

q13 = NumberQuestion(
    "Q13",
    "Relaxing the credit standard (信用标准): a firm sells ¥8.0 m a year on credit (paid after 40 days, 2 % bad "
    "debts, collection cost ¥60,000 a year). A looser standard would add ¥2.4 m of sales to weaker customers, who "
    "pay after 75 days on average and of whose sales 6 % is never paid; collecting from them costs ¥30,000 more a "
    "year. Variable costs are 75 % of sales, the cost of capital is 12 %, a year has 360 days. What is the "
    "incremental profit of the looser standard (¥)? Answer a number in ¥, e.g. 123456.",
    expected=_q13,
    hints=["Only the added customers change the profit: their margin minus their carrying cost, bad debts and "
           "collection cost.",
           "Added carrying cost = 2.4 m / 360 x 75 x 0.75 x 12 %."],
    unit="¥",
    abs_tol=1.0,
    graded_hints=1,
)

q14 = NumberQuestion(
    "Q14",
    "Collection effort (收账政策): a firm sells ¥6.0 m a year on credit; with ¥40,000 a year of collection work its "
    "customers pay after 60 days and 4 % of sales is never paid. A firmer collection plan costs ¥180,000 a year and "
    "is expected to bring the collection period to 30 days and the bad debts to 1.5 % of sales, without losing "
    "sales. Variable costs are 65 % of sales, the cost of capital is 10 %, a year has 360 days. What is the "
    "incremental profit of the firmer plan (¥; negative if it does not pay)? Answer a number in ¥, e.g. -2500.",
    expected=_q14,
    hints=["Saving = less carrying cost + less bad debt; cost = the added collection spending.",
           "Carrying cost now: 6.0 m / 360 x 60 x 0.65 x 10 %."],
    unit="¥",
    abs_tol=1.0,
    graded_hints=1,
)

q15 = ChoiceQuestion(
    "Q15",
    "Choose a credit standard on the course data: from load('credit_applicants'), give credit to the customers whose "
    "5C score (the course's weights) is at least a cut-off. Read each standard's policy with "
    "credit.standard_policy(applicants, cutoff, cost_per_customer=1_000) (collection costs ¥1,000 a year per customer "
    "given credit; a customer who defaulted loses what he owed). With variable costs at 90 % of sales and a cost of "
    "capital of 10 % (a 360-day year), which cut-off gives the highest profit after credit costs: '30', '40', '50', "
    "'60' or '70'? Answer the cut-off as text, e.g. '70'.",
    expected=_q15,
    choices=[str(c) for c in Q15_CUTOFFS],
    hints=["credit.policy_lines(policy, variable_cost_ratio=0.9, cost_of_capital=0.1)['net_profit'] is the profit "
           "after credit costs of one policy; compare the five.",
           "A thin margin (10 %) makes each weak customer's bad debt weigh more against what he brings."],
    computed=True,
)

q16 = OpenQuestion(
    "Q16",
    "Recommend a credit policy for the course's grade-B customers (load('credit_applicants'), rating 'B'), who buy "
    "on 30-day terms: should the distributor keep selling to them on credit, change their credit terms (e.g. offer "
    "a cash discount), tighten the standard for them, or spend more on collecting from them? Use the course data "
    "(their default rate, receivables and sales) and the incremental-profit method of chapter 10, state your "
    "assumptions (variable-cost ratio, cost of capital, the effect you expect), and justify your recommendation "
    "with at least one incremental-profit figure. Answer as a text (a Python str) of 120-250 words.",
    rubric=[("uses the grade-B customers' figures from the data (default rate, sales, receivables or collection "
             "period)", 2),
            ("states the assumptions: variable-cost ratio, cost of capital and the expected effect of the change", 2),
            ("computes at least one incremental profit with the textbook's lines (margin, carrying cost, bad debts, "
             "collection cost, discount cost) and reads its sign correctly", 3),
            ("the recommendation follows from the figures and names its main risk or what would change it "
             "(e.g. a thinner margin)", 2),
            ("links to the chapter's credit-management tools: credit limits, the receivables warning or the 5C "
             "evaluation", 1)],
    model_answer=(
        "The grade-B customers (5C score 50-65) are 206 of the 500; 23 of them (11 %) defaulted in 2025, against "
        "about 1-3 % of the A and AA customers. They owe about 58 days of their sales on 30-day terms. With variable "
        "costs at 80 % "
        "of sales and a 10 % cost of capital, credit.standard_policy shows that refusing credit to the customers "
        "scoring 50-55 would save about ¥4 m of bad debts and ¥1 m of carrying cost but lose ¥14.6 m of margin: "
        "an incremental profit of about -¥9.4 m. So I keep selling to them on credit. A 2/10 cash discount would "
        "not pay: 2 % for paying about 20-35 days early is an annual rate above 20 %, far above our 10 % cost of "
        "capital. Instead I spend more on collection for the B customers: reminders before the due date and a call "
        "on day 5 past due; if that brings their collection period down by 5 days and their bad debts by a third, "
        "the saving (about ¥0.4 m of carrying cost and ¥2.5 m of bad debt for the whole grade) far exceeds a "
        "doubled collection budget for them (about ¥0.2 m). I keep their credit limits at 15 % of annual sales and "
        "act on the receivables warning, since 42 % of them are over their limit. The main risk is the margin: "
        "at a 10 % margin the weakest B customers no longer pay for their bad debts, and the standard should be "
        "tightened."),
    hints=["Start from the data: credit.credit_score(applicants) and the defaulted_next_year column by grade.",
           "credit.standard_policy(applicants, 50) and (applicants, 65) differ by the B customers: compare them with "
           "credit.compare_policies to see what refusing them all would cost.",
           "Write the recommendation, the figure that supports it, and what would make you change it."],
    min_words=100,
)
