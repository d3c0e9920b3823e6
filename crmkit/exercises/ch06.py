"""Questions of chapter 06: influential customers, the buying centre and social styles (六类有影响的客户与客户类型分析).

Recall (Q1-Q2, from the seeds' question bank and buying process) -> compute (Q3-Q4) -> interpret
(Q5-Q7, Q7 a checked ranking) -> design (Q8); on the key accounts' power maps (dataset ``account_contacts``):
compute how many deciders oppose us (Q9) -> rank the accounts by net support, influence x attitude (Q10) ->
interpret whom our relationships reach (Q11). Every expected value is computed by crmkit.people (``buying_centre`` per account) from
the data; the chapter works one invented account (A01) and never loads the dataset.
"""

from __future__ import annotations

import pandas as pd

from .. import people
from ..errors import ParameterError
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

#: Q1: the options of the seed quiz item [001] no. 15 (key A).
Q1_OPTIONS = ("manager", "initiator", "gatekeeper", "user")


def _not_roles(options) -> list:
    out = []
    for o in options:
        try:
            people.role_treatment(o)
        except ParameterError:
            out.append(o)
    return out


q1 = ChoiceQuestion(
    "Q1",
    "(Seed quiz [001], item 15.) Which of these is NOT a role in the customer's buying-decision process: "
    "'manager', 'initiator', 'gatekeeper' or 'user'? Answer with one of the four words, e.g. 'user'.",
    expected=lambda: _not_roles(Q1_OPTIONS)[0],
    choices=Q1_OPTIONS,
    aliases={"管理者": "manager", "发起者": "initiator", "把关者": "gatekeeper", "使用者": "user", "a": "manager"},
    hints=["The six buying-centre roles are in people.ROLES.", "Three of the four options are in that list."],
)

q2 = ChoiceQuestion(
    "Q2",
    "The seed keeps only the last two of the eight stages of an organisation's buying process. Which stage follows "
    "'formal order' (正式订购)? Answer with a stage name of people.BUYING_PROCESS, e.g. 'supplier search'.",
    expected=lambda: people.next_stage("formal order"),
    choices=people.BUYING_PROCESS,
    aliases={"绩效评估": "performance evaluation", "performance review": "performance evaluation"},
    hints=["After the order is placed and the product delivered, the buyer looks back.",
           "people.next_stage(...) answers it."],
)

#: Q3: one customer's answer sheet (1 = left statement fits, 5 = right statement fits).
Q3_ANSWERS = {"A1": 4, "A2": 1, "A3": 3, "A4": 2, "R1": 4, "R2": 3, "R3": 4, "R4": 2}

q3 = MappingQuestion(
    "Q3",
    "Score this answer sheet by hand (item score = sign x (answer - 3), axis = mean of its four items, "
    "confidence = min(|A|, |R|) / 2): ch06.Q3_ANSWERS = {'A1': 4, 'A2': 1, 'A3': 3, 'A4': 2, 'R1': 4, 'R2': 3, "
    "'R3': 4, 'R4': 2}. Answer {'assertiveness': ..., 'responsiveness': ..., 'confidence': ..., 'style': ...} with style one of 'eagle', 'peacock', 'owl', 'dove', "
    "e.g. {'assertiveness': -0.5, 'responsiveness': 1.25, 'confidence': 0.25, 'style': 'dove'}.",
    expected=lambda: {"assertiveness": people.social_style(Q3_ANSWERS).assertiveness,
                      "responsiveness": people.social_style(Q3_ANSWERS).responsiveness,
                      "confidence": people.social_style(Q3_ANSWERS).confidence,
                      "style": people.social_style(Q3_ANSWERS).style},
    hints=["The signs are in people.quiz_table(): A2, A4, R2 and R4 are reversed (sign -1).",
           "Assertiveness: (+1) + (+2) + 0 + (+1), divided by 4.",
           "Check yourself with people.social_style(ch06.Q3_ANSWERS)."],
)

#: Q4: four points (assertiveness, responsiveness) on the -2..+2 axes (SYLLABUS C.7 exercise 1).
Q4_POINTS = {"a": (2, -1), "b": (1, 2), "c": (-2, -1), "d": (-1, 2)}

q4 = MappingQuestion(
    "Q4",
    "Which bird is each customer? Axis scores (assertiveness, responsiveness) on -2..+2: a (+2, -1), b (+1, +2), "
    "c (-2, -1), d (-1, +2). Answer 'eagle', 'peacock', 'owl' or 'dove' for each: {'a': ..., 'b': ..., 'c': ..., "
    "'d': ...}, e.g. {'a': 'owl', ...}.",
    expected=lambda: {k: people.style_from_axes(*p).style for k, p in Q4_POINTS.items()},
    hints=["Assertiveness above 0 = tells (eagle or peacock); responsiveness above 0 = shows feelings "
           "(peacock or dove)."],
)

q5 = MappingQuestion(
    "Q5",
    "Which buying situation (采购类型) is each purchase: 'straight rebuy', 'modified rebuy' or 'new task'? "
    "(paper) reordering the same copy paper from the same supplier; (spec) the same machine again but with new "
    "specifications; (erp) the company's first ERP system. Answer {'paper': ..., 'spec': ..., 'erp': ...}, "
    "e.g. {'paper': 'new task', ...}.",
    expected=lambda: {"paper": people.buying_situation(first_time=False),
                      "spec": people.buying_situation(first_time=False, new_spec=True),
                      "erp": people.buying_situation(first_time=True)},
    hints=["A first purchase of its kind is always the biggest decision.",
           "Anything changed (supplier or specification) makes a repeat purchase 'modified'."],
)

#: Q6: the buying centre of one account (an invented example).
CONTACTS = pd.DataFrame({
    "contact_id": ["Bai", "Cao", "Deng", "Fang", "Gu", "Hu"],
    "title": ["General manager", "Chairman of the board", "Purchasing manager", "Head of IT", "Engineer",
              "Secretary to the GM"],
    "buying_role": ["decider", "approver", "buyer", "influencer", "user", "gatekeeper"],
    "influence": [4, 5, 3, 4, 2, 2],
    "attitude": [0, -1, 1, -2, 2, 0],
})

q6 = ChoiceQuestion(
    "Q6",
    "In the contacts table ch06.CONTACTS, who is the decider with the highest influence (the person to win above "
    "all)? The course folds the approver into the decider role. Answer with a contact_id, e.g. 'Gu'.",
    expected=lambda: people.buying_centre(CONTACTS).loc["decider", "top_contact"],
    choices=tuple(CONTACTS["contact_id"]),
    hints=["Look at the rows whose role is 'decider' or 'approver'.", "people.buying_centre(ch06.CONTACTS)."],
)

#: Q7: four customers' answer sheets, in the order of people.QUIZ (A1 A2 A3 A4 R1 R2 R3 R4).
Q7_SHEETS = {
    "W": [5, 2, 4, 2, 1, 4, 2, 4],
    "X": [2, 4, 3, 3, 5, 1, 4, 1],
    "Y": [1, 5, 1, 5, 2, 4, 2, 4],
    "Z": [4, 2, 4, 3, 3, 2, 3, 3],
}

q7 = SequenceQuestion(
    "Q7",
    "Rank the four customers of ch06.Q7_SHEETS by how far you can trust their quiz result, most certain first "
    "(by the confidence of people.social_style). Answer a list of the four letters, e.g. ['X', 'Z', 'W', 'Y'].",
    expected=lambda: sorted(Q7_SHEETS, key=lambda k: -people.social_style(Q7_SHEETS[k]).confidence),
    hints=["Score each sheet with people.social_style(...) and read .confidence.",
           "The confidence depends on the weaker of the two axes only."],
)


def _corner_sheet(style: str) -> dict:
    """The answers that put a customer in the far corner of ``style`` (confidence 1)."""
    high_a, high_r = {"eagle": (1, -1), "peacock": (1, 1), "owl": (-1, -1), "dove": (-1, 1)}[style]
    target = {"assertiveness": high_a, "responsiveness": high_r}
    return {q.id: 3 + 2 * q.sign * target[q.axis] for q in people.QUIZ}


q8 = MappingQuestion(
    "Q8",
    "Design a test case for the quiz: the answer sheet of a textbook owl (猫头鹰型), i.e. the answers 1-5 to the "
    "eight items that put a customer in the owl's far corner with confidence 1. "
    "Answer {'A1': ..., 'A2': ..., 'A3': ..., 'A4': ..., 'R1': ..., 'R2': ..., 'R3': ..., 'R4': ...}, e.g. {'A1': 3, ...}.",
    expected=lambda: _corner_sheet("owl"),
    hints=["An owl asks (low assertiveness) and controls his feelings (low responsiveness): both axes at -2.",
           "For a reversed item (sign -1) the low pole is the right-hand statement, answer 5."],
)


# --- on the data: the power maps of the key accounts (dataset account_contacts) ---------------

#: Q10: how many accounts to rank. Q11: the readings of the buyers' and the deciders' relationship strength.
HOSTILE = 4
READINGS = ("comfort zone", "top-down", "even")


def _contacts() -> pd.DataFrame:
    from ..data import load

    return load("account_contacts")


def _centres() -> pd.DataFrame:
    """people.buying_centre of every account, one row per (account, role)."""
    c = _contacts()
    return pd.concat({a: people.buying_centre(g, role="role") for a, g in c.groupby("account_id", sort=True)},
                     names=["account_id", "role"])


def _opposing_deciders() -> int:
    d = _centres().xs("decider", level="role")
    return int((d["covered"] & (d["top_attitude"] < 0)).sum())


def _net_support() -> pd.Series:
    """Per account: the sum of influence x attitude over the people on its map (negative: the map leans against us)."""
    c = _contacts()
    return (c["influence"] * c["attitude"]).groupby(c["account_id"]).sum()


def _most_hostile(n: int = HOSTILE) -> list:
    return _net_support().sort_values(kind="stable").index[:n].tolist()


def _whom_we_know() -> str:
    c = _contacts()
    mean = c.groupby("role", observed=True)["relationship"].mean()
    gap = float(mean["buyer"] - mean["decider"])
    return READINGS[2] if abs(gap) < 0.05 else (READINGS[0] if gap > 0 else READINGS[1])


q9 = NumberQuestion(
    "Q9",
    "The power maps of the key accounts: `data.load(\"account_contacts\")`, one row per person we know inside an "
    "account, with `role`, `influence` 1-5 and `attitude` to us -2 (opponent) .. +2 (supporter). In how many "
    "accounts is the decider (决策者) on the map against us (attitude below 0)? Accounts where we do not know the "
    "decider do not count. Answer a whole number of accounts, e.g. `12`.",
    expected=_opposing_deciders,
    hints=["people.buying_centre(account, role='role') reads one account: its 'decider' row has top_attitude.",
           "Or directly: the rows whose role is 'decider' and attitude < 0, counted by account_id."],
    abs_tol=0,
    rel_tol=0,
)

q10 = SequenceQuestion(
    "Q10",
    "Coverage is not enough: influence x attitude decides. Give each account of `account_contacts` its net "
    "support, the sum of influence x attitude over the people on its map (a supporter of influence 5 at +2 adds 10, "
    "an opponent of influence 4 at -1 takes 4 away). Which four accounts lean hardest against us? Answer a list of "
    "four account ids, lowest net support first, e.g. `['KA10', 'KA11', 'KA12', 'KA13']`.",
    expected=_most_hostile,
    hints=["(contacts['influence'] * contacts['attitude']).groupby(contacts['account_id']).sum()",
           "sort_values() puts the lowest first; take the first four labels of the index."],
)

q11 = ChoiceQuestion(
    "Q11",
    "Whom do our relationships reach? Compare the mean `relationship` strength (1-4) of the buyers (the people "
    "who place the order) with that of the deciders (who have the final say). Readings: `'comfort zone'` "
    "(stronger with the buyers: like the salesperson of the chapter's story, the team talks to whoever is easy to "
    "reach), `'top-down'` (stronger with the deciders: senior-level contact works), or `'even'` (less than 0.05 "
    "apart). Answer one option as text, e.g. `'top-down'`.",
    expected=_whom_we_know,
    choices=READINGS,
    computed=True,  # which reading holds is computed from the data (the README does not give it)
    hints=["contacts.groupby('role', observed=True)['relationship'].mean()",
           "gap = mean['buyer'] - mean['decider']: a positive gap means we know the buyers better."],
)

#: Q12: the account whose power map the contact plan works on.
PLAN_ACCOUNT = "KA21"

q12 = OpenQuestion(
    "Q12",
    f"Look up account {PLAN_ACCOUNT} in `data.load(\"account_contacts\")` (role, influence, attitude, relationship, "
    "hidden) and write the contact plan for the next quarter in 80-200 words: what the power map shows (who "
    "decides, who is for and against us, whom we hardly know, who is hidden); whom you meet, in which order and "
    "through whom; how you treat each key person by role; and how you will know after three months that the "
    "plan works. Answer as a text (a Python str).",
    rubric=[("Reads the map right: the general manager decides and is against us with our weakest relationship; "
             "the technical director is against us; the finance director and the hidden chairman's adviser "
             "support us", 3),
            ("An order of meetings that reaches the decider through the supporters (the hidden adviser, the "
             "finance director), not only the friendly buyer or users (the comfort zone)", 3),
            ("A treatment for each key person by role: the decider results and risk on one page, the technical "
             "director evidence or a trial, the finance director the cost", 2),
            ("A measurable sign of progress after three months (a meeting with the general manager, an attitude "
             "moved from -1 to 0, a trial agreed)", 2)],
    model_answer=(
        "The map of KA21: the general manager Xu Tao decides (influence 5) and is against us (attitude -1), and "
        "our relationship with him is the weakest on the map (1). The technical director Lin Na (influence 4) is "
        "against us too, and the engineer reports to her. For us are the finance director Sun Jing (4, +1) and "
        "the chairman's adviser Gao Na, a hidden key person of influence 4 (+1); the purchasing manager is friendly and "
        "the operations manager neutral, but both weigh less. Plan: first Gao Na, who has the chairman's ear and can "
        "open the general manager's door; then Sun Jing with a cost case (total cost over five years, payment "
        "terms). With both behind us, a short meeting with Xu Tao at his level: the result for the company and "
        "the risk of changing nothing, on one page. In parallel, win Lin Na with evidence: a reference visit and "
        "a trial on one line with her engineer. Do not spend the quarter with the friendly buyer only. Signs "
        "after three months: a meeting with Xu Tao held, Lin Na's attitude moved to 0 or better, a trial agreed."),
    hints=["Sort the people by influence and look at attitude and relationship together: who matters and is "
           "against us or hardly known?",
           "A hidden key person (hidden = True) may open a door the org chart does not show.",
           "people.role_treatment(role) gives the treatment of each role."],
    min_words=60,
)
