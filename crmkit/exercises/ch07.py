"""Questions of chapter 07: satisfaction and loyalty (提升客户价值,培育客户忠诚).

Graded recall -> compute -> interpret -> design. The chapter's worked examples use other numbers
(its weighted index is the syllabus's 77.0; it prints NPS by segment for everyone, never for the
very satisfied or by complaint; it shows path coefficients, never their products)."""

from __future__ import annotations

from functools import lru_cache

from .. import loyalty
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

#: Q1: five situations at a hotel, one per gap of the five-gap model (五种差距).
GAP_SITUATIONS = {
    "brochure": "The brochure promises a sea view; the room looks onto the car park.",
    "managers": "Managers think guests care most about the lobby; guests care most about a quiet night.",
    "procedure": "Managers know guests want a fast check-out, but the procedure still needs three signatures.",
    "staff": "The procedure says 'greet every guest by name'; the night clerk does not.",
    "guest": "Everything was done as designed, yet the guest felt the service was worse than he expected.",
}
_GAPS = {"brochure": "promotion", "managers": "understanding", "procedure": "procedure", "staff": "behaviour",
         "guest": "perception"}
GAP_NAMES = ("promotion", "understanding", "procedure", "behaviour", "perception")

#: Q2: four statements, one per kind of loyalty (忠诚感).
LOYALTY_STATEMENTS = {
    "price_rise": "I would stay even if they raised prices by 10 %",
    "renew": "I plan to renew my membership in March",
    "visits": "I ate there 14 times this year",
    "proud": "I am proud to be their customer",
}
_TYPES = {"price_rise": "cognitive", "renew": "intentional", "visits": "behavioural", "proud": "affective"}

#: Q3: a weighted index (the chapter works the syllabus's 0.30/0.25/... example).
CSI_SCORES = [72, 88, 65, 90]
CSI_WEIGHTS = [0.35, 0.25, 0.20, 0.20]

#: Q8: cost per customer of raising perceived quality / perceived value by one point (¥, assumptions).
COST_PER_POINT = {"quality": 40.0, "value": 20.0}


def _survey():
    from ..data import load

    return load("survey")


@lru_cache(maxsize=1)
def _acsi():
    return loyalty.satisfaction_index(_survey())


def _total_effects() -> dict:
    """Total effect on satisfaction of +1 on each driver, through every path of the ACSI model."""
    c = _acsi().coefficient
    q_to_s = c("quality", "satisfaction") + c("value", "satisfaction") * c("quality", "value")
    e_to_s = (c("expectations", "satisfaction") + c("quality", "satisfaction") * c("expectations", "quality")
              + c("value", "satisfaction") * (c("expectations", "value") + c("quality", "value") * c("expectations", "quality")))
    return {"expectations": e_to_s, "quality": q_to_s, "value": c("value", "satisfaction")}


def _loyalty_per_satisfaction() -> float:
    c = _acsi().coefficient
    return c("satisfaction", "loyalty") + c("complaints", "loyalty") * c("satisfaction", "complaints")


DRIVERS = {"expectations": "customer expectations", "quality": "perceived quality", "value": "perceived value"}


def _ranking():
    t = _total_effects()
    return [DRIVERS[k] for k in sorted(t, key=t.get, reverse=True)]


def _nps_by_complaint():
    s = _survey()
    return {"complained": loyalty.nps(s.loc[s["complained"], "nps_score"]),
            "not_complained": loyalty.nps(s.loc[~s["complained"], "nps_score"])}


def _trap_reading():
    s = _survey()
    very = s[s["sat_1"] >= 9]
    by = very.groupby("segment", observed=True)["nps_score"].apply(loyalty.nps)
    if very.groupby("segment", observed=True).size().min() < 30:
        return "too few to tell"
    gap = by.max() - by["price-sensitive"]
    if gap >= 30:
        return "satisfied but not loyal"
    return "price-sensitive most loyal" if by.idxmax() == "price-sensitive" and gap <= -30 else "no difference between segments"


def _design():
    per_sat = _loyalty_per_satisfaction()
    t = _total_effects()
    gain = {k: t[k] * per_sat / COST_PER_POINT[k] * 100 for k in ("quality", "value")}
    return {**gain, "choose": max(gain, key=gain.get)}


q1 = MappingQuestion(
    "Q1",
    "Recall: name the gap of the five-gap model (五种差距) in each situation of `ch07.GAP_SITUATIONS`. "
    "Answer a dict keyed like `ch07.GAP_SITUATIONS` with values among `'promotion'`, `'understanding'`, "
    "`'procedure'`, `'behaviour'`, `'perception'`, e.g. `{'brochure': 'perception', ...}`.",
    expected=lambda: {k: _GAPS[k] for k in GAP_SITUATIONS},
    hints=["Gap 1 is between what promotion promises and what is delivered; gap 5 is what the customer "
           "perceives against what he expected.",
           "Understanding: managers vs customers; procedure: what managers know vs the procedures they "
           "design; behaviour: procedures vs the service actually delivered."],
)

q2 = MappingQuestion(
    "Q2",
    "Recall: classify each statement of `ch07.LOYALTY_STATEMENTS` as `'behavioural'`, `'affective'`, "
    "`'cognitive'` or `'intentional'` loyalty. Answer a dict keyed like `ch07.LOYALTY_STATEMENTS`, e.g. "
    "`{'price_rise': 'affective', ...}`.",
    expected=lambda: {k: _TYPES[k] for k in LOYALTY_STATEMENTS},
    hints=["Behavioural = what the customer did; intentional = what he says he will do.",
           "The seed measures cognitive loyalty by, among others, the range of price changes the customer accepts."],
)

q3 = NumberQuestion(
    "Q3",
    "Compute: a weighted satisfaction index of four attributes scored 72, 88, 65 and 90 (0–100) with "
    "weights 0.35, 0.25, 0.20 and 0.20. Answer a number on the 0–100 scale, to 2 decimals, e.g. `65.25`.",
    expected=lambda: loyalty.weighted_csi(CSI_SCORES, CSI_WEIGHTS),
    hints=["Multiply each score by its weight and add up: the weights already add up to 1.",
           "`loyalty.weighted_csi(scores, weights)` does it."],
)

q4 = MappingQuestion(
    "Q4",
    "Compute on the survey (`data.load(\"survey\")`): the NPS (−100..100) of the respondents who "
    "complained and of those who did not (`complained` True / False; the answers are in `nps_score`). "
    "Answer a dict, to 1 decimal, e.g. `{'complained': -5.0, 'not_complained': 12.5}`.",
    expected=_nps_by_complaint,
    hints=["Select with survey[survey['complained']] and survey[~survey['complained']].",
           "NPS = % answering 9-10 minus % answering 0-6; `loyalty.nps(...)`."],
    abs_tol=0.05,
)

q5 = SequenceQuestion(
    "Q5",
    "Compute and rank on the survey: fit the ACSI model (`loyalty.satisfaction_index(survey)`) and rank "
    "the three drivers by their *total* effect on satisfaction of +1 point: the direct path plus every "
    "path through the other drivers (e.g. quality → value → satisfaction). Answer a list of "
    "`'customer expectations'`, `'perceived quality'`, `'perceived value'`, largest total effect first, e.g. "
    "`['perceived value', 'customer expectations', 'perceived quality']`.",
    expected=_ranking,
    aliases={"expectations": "customer expectations", "quality": "perceived quality", "value": "perceived value",
             "顾客预期": "customer expectations", "感知质量": "perceived quality", "感知价值": "perceived value"},
    hints=["A path's effect is the product of its coefficients; the total effect adds all paths.",
           "Expectations reach satisfaction directly, through quality, through value, and through quality "
           "then value (four paths)."],
)

q6 = ChoiceQuestion(
    "Q6",
    "Interpret: two shops both report an NPS of +10. Shop A: 40 % promoters, 30 % detractors. Shop B: "
    "10 % promoters, 0 % detractors. Which reading is right? Answer one option as text: "
    "`'A and B have equally loyal customers'`, `'B is safer: nobody dislikes it, but 90 % are passives "
    "the score ignores'`, `'A is better: more promoters'`, `'both have 10 % promoters'`, e.g. "
    "`'A is better: more promoters'`.",
    expected=lambda: ("B is safer: nobody dislikes it, but 90 % are passives the score ignores"
                      if round(loyalty.nps([10] * 10 + [8] * 90), 6) == round(loyalty.nps([10] * 40 + [8] * 30 + [3] * 30), 6) else
                      "A and B have equally loyal customers"),
    choices=["A and B have equally loyal customers",
             "B is safer: nobody dislikes it, but 90 % are passives the score ignores",
             "A is better: more promoters",
             "both have 10 % promoters"],
    hints=["The same NPS can hide very different distributions: compute the passives (7-8) of each shop.",
           "A third of shop A's customers would warn others away."],
)

q7 = ChoiceQuestion(
    "Q7",
    "Interpret on the survey: keep only the very satisfied respondents (`sat_1` of 9 or 10) and compute "
    "the NPS of each segment. Which reading do the numbers support? Answer one option as text: "
    "`'satisfied but not loyal'` (the satisfaction trap: a very satisfied price-sensitive customer is "
    "far less likely to recommend), `'no difference between segments'` (gaps under 30 points), "
    "`'price-sensitive most loyal'` (the price-sensitive recommend most) or `'too few to tell'` (fewer than 30 "
    "very satisfied respondents in a segment), e.g. `'no difference between segments'`.",
    expected=_trap_reading,
    choices=["satisfied but not loyal", "no difference between segments", "price-sensitive most loyal",
             "too few to tell"],
    hints=["survey[survey['sat_1'] >= 9].groupby('segment')['nps_score'].apply(loyalty.nps)",
           "Compare price-sensitive with quality-seeking: a gap of 30 points or more is not noise here."],
)

q8 = MappingQuestion(
    "Q8",
    "Design on the survey: raising perceived quality by one point costs ¥40 per customer, raising perceived "
    "value by one point (e.g. a better price) ¥20 (`ch07.COST_PER_POINT`). With the fitted ACSI model, "
    "how many points of loyalty does ¥100 per customer buy through each lever (its total effect on "
    "satisfaction, times the effect of satisfaction on loyalty directly and through complaints), and "
    "which lever do you choose? Answer a dict, to 3 decimals, e.g. `{'quality': 1.234, 'value': 0.987, "
    "'choose': 'quality'}`.",
    expected=_design,
    hints=["Loyalty per point of satisfaction = b(sat→loyalty) + b(complaints→loyalty) × b(sat→complaints).",
           "Per ¥100: total effect × loyalty per point of satisfaction / cost per point × 100."],
    abs_tol=0.002,
)

q9 = OpenQuestion(
    "Q9",
    "Open question: the chain's CEO wants to pay store managers a bonus on one number, the NPS of their store. "
    "Using the chapter's numbers (the overall NPS, its range by segment and its margin of error on 100 answers, "
    "and the satisfaction index), write your advice. Answer as a text (a Python str) of "
    "80-200 words.",
    rubric=[("uses the margin of error: on about 100 answers an NPS moves by ±11-12 points by chance", 2),
            ("notes that the customer mix (segments) drives NPS, so stores with different customers are not "
             "comparable on one number", 1),
            ("notes what one NPS leaves out (the passives) and that the score can rise without more customers "
             "staying", 1),
            ("proposes a better design: several measures, enough answers, compared within segment or over time", 2)],
    model_answer="Not on NPS alone. The chain's NPS is -12 overall, but -58.8 among price-sensitive customers and "
                 "+28.4 among quality seekers: a store in a price-sensitive district would lose its bonus because "
                 "of its customers, not its service. And a store's survey has perhaps 100 answers, on which an NPS "
                 "moves by about ±11 points by chance: a bonus would reward luck. NPS also ignores the passives, "
                 "so a manager could raise the score without keeping more customers. I would pay on a small set: the satisfaction index "
                 "(63.8 for the chain) and the repurchase rate, each compared with the store's own previous year "
                 "and within customer segments, with at least 300 answers a store, and a complaint-handling "
                 "measure, so that the bonus follows what the manager controls.",
    hints=["How much does an NPS on 100 answers move by chance?",
           "Would two stores with different customers have the same NPS with the same service?"],
    min_words=60,
)
