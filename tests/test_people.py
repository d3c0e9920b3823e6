"""crmkit.people: social styles, the buying centre, buying situations (chapter 06).

Every expected value below is computed by hand in the comment beside it: an item scores
sign x (answer - 3); an axis is the mean of its four items; confidence = min(|A|, |R|) / 2.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmkit import i18n, people
from crmkit.errors import CrmkitError, DataError, ParameterError

# signs: A1 +, A2 -, A3 +, A4 -, R1 +, R2 -, R3 +, R4 -
EAGLE = {"A1": 5, "A2": 1, "A3": 4, "A4": 2, "R1": 2, "R2": 4, "R3": 1, "R4": 5}  # A (2+2+1+1)/4 = 1.5; R (-1-1-2-2)/4 = -1.5
PEACOCK = {"A1": 4, "A2": 2, "A3": 5, "A4": 3, "R1": 5, "R2": 1, "R3": 4, "R4": 2}  # A (1+1+2+0)/4 = 1.0; R (2+2+1+1)/4 = 1.5
OWL = {"A1": 1, "A2": 5, "A3": 2, "A4": 4, "R1": 1, "R2": 5, "R3": 2, "R4": 4}  # A -1.5; R -1.5
DOVE = {"A1": 2, "A2": 4, "A3": 1, "A4": 5, "R1": 4, "R2": 2, "R3": 5, "R4": 1}  # A (-1-1-2-2)/4 = -1.5; R 1.5


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("answers, style, a, r, conf", [
    (EAGLE, "eagle", 1.5, -1.5, 0.75),
    (PEACOCK, "peacock", 1.0, 1.5, 0.5),
    (OWL, "owl", -1.5, -1.5, 0.75),
    (DOVE, "dove", -1.5, 1.5, 0.75),
])
def test_hand_made_answer_sets_land_in_their_bird(answers, style, a, r, conf):
    res = people.social_style(answers)
    assert (res.style, res.assertiveness, res.responsiveness, res.confidence) == (style, a, r, conf)
    assert res.candidates == (style,) and not res.uncertain
    assert res.advice.style == style and res.advice.sell and res.advice.serve


def test_result_is_a_frozen_dataclass():
    res = people.social_style(EAGLE)
    with pytest.raises(AttributeError):
        res.style = "dove"


def test_a_tie_on_one_axis_has_zero_confidence_and_two_candidates():
    # A: A1 5 -> +2, A2 5 -> -2, A3 3, A4 3 -> 0;  R: R1 5 -> +2, R2 1 -> +2, R3 3, R4 3 -> 1.0
    res = people.social_style({"A1": 5, "A2": 5, "A3": 3, "A4": 3, "R1": 5, "R2": 1, "R3": 3, "R4": 3})
    assert (res.assertiveness, res.responsiveness) == (0.0, 1.0)
    assert res.confidence == 0.0 and res.uncertain
    assert res.candidates == ("peacock", "dove")
    assert res.style == "dove"  # a zero counts as the low side ("asks")


def test_near_a_line_is_low_confidence():
    # A: A1 4 -> +1, rest 3 -> 0.25;  R: 5, 1, 5, 1 -> +2 each -> 2.0;  confidence min(0.25, 2) / 2 = 0.125
    res = people.social_style({"A1": 4, "A2": 3, "A3": 3, "A4": 3, "R1": 5, "R2": 1, "R3": 5, "R4": 1})
    assert (res.style, res.assertiveness, res.responsiveness) == ("peacock", 0.25, 2.0)
    assert res.confidence == 0.125 and res.uncertain and res.candidates == ("peacock",)


def test_always_answering_5_is_no_style_at_all():
    # reversed items cancel: A (2-2+2-2)/4 = 0, R 0 -> the centre, every bird possible
    res = people.social_style([5] * 8)
    assert (res.assertiveness, res.responsiveness, res.confidence) == (0.0, 0.0, 0.0)
    assert res.candidates == people.STYLES


def test_list_series_and_numpy_answers_agree_with_the_dict():
    order = [q.id for q in people.QUIZ]
    as_list = [EAGLE[i] for i in order]
    assert people.social_style(as_list) == people.social_style(EAGLE)
    assert people.social_style(pd.Series(EAGLE)) == people.social_style(EAGLE)
    assert people.social_style(np.array(as_list)) == people.social_style(EAGLE)
    assert people.social_style({k: np.int64(x) for k, x in EAGLE.items()}).style == "eagle"
    assert people.social_style({k: float(x) for k, x in EAGLE.items()}).style == "eagle"  # 5.0 is on the scale


@pytest.mark.parametrize("change, named", [
    ({"A2": None}, "A2"),
    ({"R3": float("nan")}, "R3"),
    ({"R4": np.nan, "A1": None}, "A1, R4"),
    ({"A3": pd.NA}, "A3"),
    ({"A4": ...}, "A4"),
])
def test_unanswered_items_are_named_never_scored(change, named):
    with pytest.raises(CrmkitError, match=f"Unanswered quiz item\\(s\\): {named}\\."):
        people.social_style({**EAGLE, **change})


def test_missing_keys_and_short_lists_are_unanswered():
    partial = {k: x for k, x in EAGLE.items() if k not in ("R1", "R2")}
    with pytest.raises(ParameterError, match="Unanswered quiz item\\(s\\): R1, R2\\."):
        people.social_style(partial)
    with pytest.raises(ParameterError, match="R3, R4"):
        people.social_style([3, 3, 3, 3, 3, 3])
    with pytest.raises(ParameterError, match="A1, A2, A3, A4, R1, R2, R3, R4"):
        people.social_style({})


@pytest.mark.parametrize("bad", [0, 6, 2.5, -1, True, "3", 1 + 0j, float("inf")])
def test_answers_off_the_scale_are_refused_naming_the_item(bad):
    with pytest.raises(ParameterError, match="R2 must be answered with a whole number from 1 to 5"):
        people.social_style({**EAGLE, "R2": bad})


def test_unknown_items_too_many_answers_and_wrong_containers():
    with pytest.raises(ParameterError, match="unknown item"):
        people.social_style({**EAGLE, "A9": 3})
    with pytest.raises(ParameterError, match="9 values"):
        people.social_style([3] * 9)
    with pytest.raises(ParameterError, match="dict"):
        people.social_style("53421534")
    with pytest.raises(ParameterError, match="dict"):
        people.social_style(42)


# --- C.7 exercise 1: axis scores on -2..+2 ---------------------------------------------------

@pytest.mark.parametrize("a, r, style", [(2, -1, "eagle"), (1, 2, "peacock"), (-2, -1, "owl"), (-1, 2, "dove")])
def test_syllabus_exercise_1(a, r, style):
    res = people.style_from_axes(a, r)
    assert res.style == style and res.confidence == 0.5  # min(|a|, |r|) / 2 = 1 / 2 in all four


def test_axes_out_of_range_are_refused():
    with pytest.raises(ParameterError, match="assertiveness must be at most 2"):
        people.style_from_axes(3, 0)
    with pytest.raises(ParameterError, match="responsiveness"):
        people.style_from_axes(0, float("nan"))


def test_the_quiz_is_data_with_a_stated_scale():
    table = people.quiz_table()
    assert list(table.index) == ["A1", "A2", "A3", "A4", "R1", "R2", "R3", "R4"]
    assert table.groupby("axis")["sign"].sum().to_dict() == {"assertiveness": 0, "responsiveness": 0}
    assert people.SCALE == (1, 2, 3, 4, 5)
    with pytest.raises(Exception):
        people.QUIZ[0].sign = -1  # frozen
    assert table.loc["A1", "left (1)"] == "people.q.A1.left"  # a label key: the same table in either language
    i18n.set_language("zh")
    assert people.quiz_table().equals(table)
    assert i18n.describe(table).loc["A1", "left (1)"] == "开会时先提问，让别人先说"


def test_advice_is_data_and_i18n_names_it_in_either_language():
    advice = people.style_advice("eagle")
    assert advice.name == "people.eagle" and advice.sell == "people.eagle.sell"
    assert i18n.describe(advice)["name"] == "Eagle (control)"
    i18n.set_language("zh")
    assert people.style_advice("老鹰型") == advice  # the analytics return the same data in either language
    assert i18n.describe(people.style_advice("老鹰型"))["name"] == "老鹰型（控制）"
    assert i18n.describe(people.social_style(DOVE).advice)["name"] == "鸽子型（随和）"
    zh = i18n.describe(people.style_advice("owl"))
    assert zh["name"] == "猫头鹰型（分析）" and zh["style"] == "owl" and zh["sell"] == i18n.t("people.owl.sell", "zh")
    assert i18n.describe(people.style_advice("孔雀"))["name"] == "孔雀型（表现）"
    with pytest.raises(ParameterError, match="style must be one of"):
        people.style_advice("sparrow")


def test_each_style_gets_different_advice():
    advice = [i18n.describe(people.style_advice(s)) for s in people.STYLES]
    assert len({a["sell"] for a in advice}) == 4 and len({a["serve"] for a in advice}) == 4
    for lang in ("en", "zh"):  # every key the advice names has a text in both languages, all different
        texts = [i18n.t(getattr(people.style_advice(s), f), lang) for s in people.STYLES
                 for f in ("name", "wants", "sell", "serve", "avoid")]
        assert len(set(texts)) == 20
    assert len({a["sell"] for a in advice}) == 4 and len({a.serve for a in advice}) == 4


# --- C.7 exercises 2-5: buying situation, process, roles, the decider -----------------------

def test_syllabus_exercise_2_buying_situations():
    assert people.buying_situation(first_time=False) == "straight rebuy"  # same paper, same supplier
    assert people.buying_situation(first_time=False, new_spec=True) == "modified rebuy"
    assert people.buying_situation(first_time=False, new_supplier=True) == "modified rebuy"
    assert people.buying_situation(first_time=True) == "new task"  # first ERP system
    with pytest.raises(ParameterError, match="first_time must be True or False"):
        people.buying_situation(first_time="no")


def test_syllabus_exercise_3_the_stage_after_the_formal_order():
    assert people.next_stage("formal order") == "performance evaluation"
    assert people.next_stage("正式订购") == "performance evaluation"
    assert people.next_stage("performance evaluation") is None
    assert len(people.BUYING_PROCESS) == 8 and people.BUYING_PROCESS.index("formal order") == 6  # stage 7
    with pytest.raises(ParameterError):
        people.next_stage("haggling")


def test_syllabus_exercise_4_manager_is_not_a_buying_centre_role():
    options = ["manager", "initiator", "gatekeeper", "user"]  # the seed quiz [001], key A
    not_roles = []
    for o in options:
        try:
            people.role_treatment(o)
        except ParameterError:
            not_roles.append(o)
    assert not_roles == ["manager"]


def test_syllabus_exercise_5_decider_with_the_highest_influence():
    contacts = pd.DataFrame({
        "contact_id": ["Li", "Ma", "Qian", "Tang"],
        "buying_role": ["decider", "approver", "buyer", "decider"],
        "influence": [4, 5, 3, 4],
        "attitude": [0, -1, 1, 2],
    })
    centre = people.buying_centre(contacts)
    assert centre.loc["decider", "top_contact"] == "Ma"  # approver counts as decider; 5 > 4
    assert centre.loc["decider", "contacts"] == 3 and centre.loc["decider", "opponents"] == 1
    assert centre.loc["decider", "supporters"] == 1
    assert centre["covered"].to_dict() == {"initiator": False, "user": False, "influencer": False,
                                           "decider": True, "buyer": True, "gatekeeper": False}
    assert centre.loc["user", "top_contact"] == "" and centre.loc["user", "top_influence"] == 0
    assert centre.loc["decider", "top_attitude"] == -1.0  # Ma's


def test_buying_centre_of_the_sample_account():
    c = people.buying_centre(people.SAMPLE_CONTACTS)
    assert c["contacts"].tolist() == [1, 1, 2, 1, 1, 1]
    assert c.loc["influencer", "top_contact"] == "P6" and c.loc["influencer", "top_influence"] == 4.0
    assert c.loc["influencer", "opponents"] == 1 and c.loc["influencer", "supporters"] == 0
    assert c["covered"].all()
    assert c.loc["decider", "treatment"] == people.role_treatment("decider").treatment


def test_buying_centre_refuses_bad_tables():
    df = people.SAMPLE_CONTACTS.copy()
    df.loc[2, "buying_role"] = "janitor"
    with pytest.raises(DataError, match="unknown roles in row 2"):
        people.buying_centre(df)
    df = people.SAMPLE_CONTACTS.copy()
    df.loc[0, "influence"] = 9
    with pytest.raises(DataError, match="above 5"):
        people.buying_centre(df)
    df = people.SAMPLE_CONTACTS.copy()
    df.loc[1, "contact_id"] = "P1"
    with pytest.raises(DataError, match="repeats ids"):
        people.buying_centre(df)
    with pytest.raises(DataError, match="no column 'buying_role'"):
        people.buying_centre(df.drop(columns="buying_role"))


def test_buying_role_precedence_and_treatment():
    r = people.buying_role(uses_product=True, raised_need=True)
    assert (r.primary, r.roles) == ("user", ("user", "initiator"))
    r = people.buying_role(final_say=True, shapes_specification=True)
    assert r.primary == "decider" and r.treatment == people.role_treatment("decider").treatment
    with pytest.raises(ParameterError, match="not in the buying centre"):
        people.buying_role()
    with pytest.raises(ParameterError, match="final_say must be True or False"):
        people.buying_role(final_say=1)


def test_role_tables():
    roles = people.buying_roles()
    assert list(roles.index) == list(people.ROLES) and len(roles) == 6
    assert roles.loc["gatekeeper", "treatment"] == "people.role.gatekeeper.treat"
    assert i18n.describe(roles)["treatment"].str.len().min() > 30
    assert people.role_treatment("approver").role == "decider"
    assert people.role_treatment("把关者").role == "gatekeeper"
    kinds = people.influential_customers()
    assert len(kinds) == 6 and kinds["source"].str.startswith("[").all()
    assert kinds["kind"].tolist() == [k for k, _ in people.INFLUENTIAL_KINDS]
    assert (i18n.describe(kinds)["how"] != kinds["how"]).all()
    i18n.set_language("zh")
    assert people.buying_roles().equals(roles)
    assert i18n.describe(people.buying_roles()).loc["gatekeeper", "name"] == "把关者"
    assert i18n.describe(people.role_treatment("把关者"))["name"] == "把关者"


# --- the chapter's exercises (crmkit/exercises/ch06.py), computed by hand ---------------------

def test_ch06_expected_values_match_the_hand_computation():
    from crmkit.exercises import ch06

    assert ch06.q1.expected == "manager"
    assert ch06.q2.expected == "performance evaluation"
    # A: +1 (A1 4), -(1-3) = +2 (A2 1), 0 (A3 3), -(2-3) = +1 (A4 2) -> 4/4 = 1.0
    # R: +1 (R1 4), 0 (R2 3), +1 (R3 4), -(2-3) = +1 (R4 2) -> 3/4 = 0.75; confidence 0.75/2 = 0.375
    assert ch06.q3.expected == {"assertiveness": 1.0, "responsiveness": 0.75, "confidence": 0.375, "style": "peacock"}
    assert ch06.q4.expected == {"a": "eagle", "b": "peacock", "c": "owl", "d": "dove"}
    assert ch06.q5.expected == {"paper": "straight rebuy", "spec": "modified rebuy", "erp": "new task"}
    assert ch06.q6.expected == "Cao"  # approver (influence 5) counts as decider, above Bai (4)
    # W: A (2+1+1+1)/4 = 1.25, R (-2-1-1-1)/4 = -1.25 -> 0.625;  Y: A -2, R (-1-1-1-1)/4 = -1 -> 0.5
    # X: A (-1-1+0+0)/4 = -0.5, R (2+2+1+2)/4 = 1.75 -> 0.25;    Z: A (1+1+1+0)/4 = 0.75, R (0+1+0+0)/4 = 0.25 -> 0.125
    assert ch06.q7.expected == ["W", "Y", "X", "Z"]
    assert [people.social_style(ch06.Q7_SHEETS[k]).confidence for k in "WYXZ"] == [0.625, 0.5, 0.25, 0.125]
    owl = ch06.q8.expected
    assert owl == {"A1": 1, "A2": 5, "A3": 1, "A4": 5, "R1": 1, "R2": 5, "R3": 1, "R4": 5}
    r = people.social_style(owl)
    assert (r.style, r.assertiveness, r.responsiveness, r.confidence) == ("owl", -2.0, -2.0, 1.0)


def test_the_docstring_examples_run():
    import doctest

    failed, tried = doctest.testmod(people)
    assert tried >= 4 and failed == 0
