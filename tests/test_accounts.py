"""crmkit.accounts: the key-account scorecard, share of wallet, relationship levels, the power map.

Every expected number here is worked by hand in the comments (or is the syllabus's, C.12)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmkit import accounts as A
from crmkit import data, i18n
from crmkit.errors import DataError, ParameterError

W = A.DEFAULT_WEIGHTS


def xyz():
    """Syllabus C.12, exercise 2 (the table chapter 11's exercises use)."""
    from crmkit.exercises import ch11

    return ch11.XYZ.copy()


def org():
    """Syllabus C.12, exercise 5, with who reports to whom."""
    from crmkit.exercises import ch11

    return ch11.ORG.assign(reports_to=["", "Li", "Li", "Wang"])


# --- the scorecard ---------------------------------------------------------------------------

def test_the_syllabus_scorecard():
    # X: .3*5 + .25*3 + .2*4 + .15*4 + .1*2 = 1.5 + .75 + .8 + .6 + .2 = 3.85
    # Y: 1.2 + 1.0 + .6 + .45 + .4 = 3.65;  Z: .9 + 1.25 + 1.0 + .3 + .3 = 3.75
    sc = A.scorecard(xyz(), W)
    assert list(sc.index) == ["X", "Z", "Y"]
    assert sc.loc["X", "score"] == pytest.approx(3.85)
    assert sc.loc["Z", "score"] == pytest.approx(3.75)
    assert sc.loc["Y", "score"] == pytest.approx(3.65)
    assert sc["rank"].tolist() == [1, 2, 3]
    assert sc.loc["X", "purchase_volume_points"] == pytest.approx(1.5)
    pts = sc[[c for c in sc.columns if c.endswith("_points")]].sum(axis=1)
    assert np.allclose(pts, sc["score"])


def test_current_and_potential_value_and_the_four_kinds():
    sc = A.scorecard(xyz(), W)
    # X current = (1.5 + .75) / .55 = 4.0909; potential = (.8 + .6 + .2) / .45 = 3.5556 -> core
    assert sc.loc["X", "current_value"] == pytest.approx(2.25 / 0.55)
    assert sc.loc["X", "potential_value"] == pytest.approx(1.6 / 0.45)
    # Y potential = (.6 + .45 + .4) / .45 = 3.2222, current = 2.2 / .55 = 4 -> core
    # Z current = 2.15 / .55 = 3.909; potential = 1.6 / .45 = 3.556 -> core
    assert set(sc["segment"]) == {"core"}
    # a stricter cut: X potential 3.56, Y 3.22, Z 3.56 -> below 3.6 they are "maintain"
    sc = A.scorecard(xyz(), W, cut=3.6)
    assert sc["segment"].tolist() == ["maintain"] * 3


def test_ka_quadrant_by_hand():
    q = A.ka_quadrant(pd.Series([4, 2, 4, 2], index=list("abcd")), pd.Series([4, 4, 2, 2], index=list("abcd")))
    assert q["segment"].to_dict() == {"a": "core", "b": "growth", "c": "maintain", "d": "reconsider"}
    assert A.ka_quadrant([3.0], [3.0])["segment"].tolist() == ["core"]  # at the cut counts as high


def test_ranks_on_a_small_table_with_a_tie():
    # a: .5*4 + .5*2 = 3; b: .5*2 + .5*4 = 3; c: .5*5 + .5*5 = 5; d: 1
    t = pd.DataFrame({"account_id": list("abcd"), "p": [4, 2, 5, 1], "q": [2, 4, 5, 1]})
    sc = A.scorecard(t, {"p": 0.5, "q": 0.5})
    assert sc["rank"].to_dict() == {"c": 1, "a": 2, "b": 2, "d": 4}
    assert list(sc.index) == ["c", "a", "b", "d"]
    # a tie that only floating point could break: .1*3 + .2*3 (0.9000000000000001) vs .3*3 (0.9)
    t = pd.DataFrame({"account_id": ["u", "v"], "p": [3, 3], "q": [3, 3], "r": [3, 3]})
    assert A.scorecard(t, {"p": 0.1, "q": 0.2, "r": 0.7})["rank"].tolist() == [1, 1]


def test_other_weights_change_the_ranking():
    sc = A.scorecard(xyz(), {"purchase_volume": 0, "profit_contribution": 0.5, "growth_potential": 0.5,
                             "strategic_fit": 0, "relationship_credit": 0})
    # Z: 2.5 + 2.5 = 5; X: 1.5 + 2 = 3.5; Y: 2 + 1.5 = 3.5 -> Z first, X and Y tie
    assert sc.index[0] == "Z" and sc.loc["Z", "score"] == pytest.approx(5.0)
    assert sc.loc["X", "rank"] == sc.loc["Y", "rank"] == 2


@pytest.mark.parametrize("weights, match", [
    ({"purchase_volume": 0.3, "profit_contribution": 0.3, "growth_potential": 0.2, "strategic_fit": 0.15,
      "relationship_credit": 0.1}, "sum to 1"),
    ({"purchase_volume": 0.6, "profit_contribution": -0.1, "growth_potential": 0.2, "strategic_fit": 0.2,
      "relationship_credit": 0.1}, "at least 0"),
    ({"purchase_volume": float("nan"), "profit_contribution": 1.0}, "finite"),
    ({"purchase_volume": True, "profit_contribution": 0.0}, "number"),
    ({}, "empty"),
    ([0.5, 0.5], "criterion"),
])
def test_bad_weights_are_parameter_errors(weights, match):
    with pytest.raises(ParameterError, match=match):
        A.scorecard(xyz(), weights)


def test_bad_scorecard_tables():
    with pytest.raises(DataError, match="strategic_fit"):
        A.scorecard(xyz().drop(columns="strategic_fit"), W)
    t = xyz()
    t.loc[1, "growth_potential"] = 7
    with pytest.raises(DataError, match="above 5"):
        A.scorecard(t, W)
    t = xyz()
    t.loc[2, "account_id"] = "X"
    with pytest.raises(DataError, match="repeats"):
        A.scorecard(t, W)


def test_reweight_keeps_the_proportions():
    w = A.reweight(W, "purchase_volume", 0.5)
    assert w.sum() == pytest.approx(1.0)
    assert w["purchase_volume"] == 0.5
    # the other four (.25, .2, .15, .1 = .7) shrink to fill .5: x 5/7
    assert w["profit_contribution"] == pytest.approx(0.25 * 0.5 / 0.7)
    w = A.reweight({"a": 1.0, "b": 0.0, "c": 0.0}, "a", 0.4)
    assert w.tolist() == pytest.approx([0.4, 0.3, 0.3])
    with pytest.raises(ParameterError):
        A.reweight(W, "no-such", 0.5)
    with pytest.raises(ParameterError, match="0.5"):
        A.reweight(W, "purchase_volume", 50)


def test_weight_sensitivity_finds_where_the_leader_changes():
    s = A.weight_sensitivity(xyz(), W, criterion="purchase_volume", steps=11)
    assert len(s) == 33 and set(s["weight"].round(1)) == {round(x / 10, 1) for x in range(11)}
    lead = s[s["rank"] == 1].groupby("weight")["account_id"].first()
    # at weight 0 the others are scaled by 1/.7: Z = (1.25 + 1 + .3 + .3) / .7 = 4.071 leads; at 1, X (5) leads
    assert lead.iloc[0] == "Z" and lead.iloc[-1] == "X"
    at0 = s[(s["weight"] == 0) & (s["account_id"] == "Z")]["score"].iloc[0]
    assert at0 == pytest.approx(2.85 / 0.7)


# --- share of wallet --------------------------------------------------------------------------

def test_share_of_wallet_of_the_syllabus():
    assert A.share_of_wallet(2.0e6, 8.0e6) == pytest.approx(0.25)
    assert A.share_of_wallet(0, 5) == 0.0
    with pytest.raises(ParameterError, match="exceed"):
        A.share_of_wallet(9, 8)
    with pytest.raises(ParameterError):
        A.share_of_wallet(1, 0)


def test_wallet_table_by_hand():
    t = pd.DataFrame({"account_id": ["a", "b"], "our_sales": [2.0e6, 6.0e6], "annual_purchases": [8.0e6, 10.0e6],
                      "margin": [0.2, 0.3]})
    w = A.wallet_table(t, target_share=0.5)
    # a: 25 %, headroom 6 m, gain to 50 % = 4 m - 2 m = 2 m, margin gain .4 m; b: 60 %, above target: 0
    assert w["share_of_wallet"].tolist() == pytest.approx([0.25, 0.6])
    assert w["headroom"].tolist() == pytest.approx([6.0e6, 4.0e6])
    assert w["gain_at_target"].tolist() == pytest.approx([2.0e6, 0.0])
    assert w["margin_gain"].tolist() == pytest.approx([0.4e6, 0.0])
    t.loc[1, "our_sales"] = 11e6
    with pytest.raises(DataError, match="exceed"):
        A.wallet_table(t)


# --- relationship levels ------------------------------------------------------------------------

def test_the_syllabus_relationship_sheet():
    lv = A.relationship_level({"communication": 4, "matching": 3, "alliance": 4, "identification": 3})
    assert lv.score == 14 and lv.level == "strategic"
    assert lv.next_level == "partner" and lv.points_to_next == 3  # 17 - 14
    assert lv.weakest == "matching"  # the first of the two 3s


@pytest.mark.parametrize("points, level", [((1, 1, 1, 1), "initial"), ((2, 2, 2, 2), "initial"),
                                           ((3, 2, 2, 2), "ordinary"), ((3, 3, 3, 3), "ordinary"),
                                           ((4, 3, 3, 3), "strategic"), ((4, 4, 4, 4), "strategic"),
                                           ((5, 4, 4, 4), "partner"), ((5, 5, 5, 5), "partner")])
def test_level_bands(points, level):
    assert A.relationship_level(dict(zip(A.SHEET_POINTS, points))).level == level


def test_bad_sheets():
    with pytest.raises(ParameterError, match="missing"):
        A.relationship_level({"communication": 4, "matching": 3, "alliance": 4})
    with pytest.raises(ParameterError, match="at most 5"):
        A.relationship_level({"communication": 6, "matching": 3, "alliance": 4, "identification": 3})
    with pytest.raises(ParameterError):
        A.relationship_level([4, 3, 4, 3])


def test_relationship_levels_table_and_the_grid():
    t = pd.DataFrame({"account_id": ["a", "b"], "communication": [4, 2], "matching": [3, 2], "alliance": [4, 1],
                      "identification": [3, 1], "score": [4.0, 2.0]})
    rl = A.relationship_levels(t)
    assert rl["relationship_score"].tolist() == [14, 6] and rl["level"].tolist() == ["strategic", "initial"]
    assert rl.loc["b", "points_to_next"] == 3  # 9 - 6
    g = A.assessment_grid(rl.join(t.set_index("account_id")[["score"]]))
    assert g["segment"].to_dict() == {"a": "consolidate", "b": "maintain"}
    g = A.assessment_grid(pd.DataFrame({"score": [4.0, 2.0], "relationship_score": [8, 16]}, index=["p", "q"]))
    assert g["segment"].to_dict() == {"p": "breakthrough", "q": "grow value"}


def test_pdca_plan_aims_one_level_up_on_the_weakest_point():
    st = A.pdca_plan("strategic", weakest="matching")
    assert st.target_level == "partner" and st.focus == "matching"
    assert st.modes == A.KEY_POINT_MODES["matching"] and "partnership" in i18n.describe(st)["plan"]
    keep = A.pdca_plan("partner")
    assert keep.target_level == "partner" and i18n.describe(keep)["plan"].startswith("Keep the partnership")
    i18n.set_language("zh")
    try:
        assert A.pdca_plan("partner") == keep  # data, the same in either language
        zh = i18n.describe(keep)
        assert zh["plan"].startswith("今年保持伙伴合作关系") and zh["act"] == i18n.t("accounts.pdca.act.partner", "zh")
    finally:
        i18n.set_language("en")
    with pytest.raises(ParameterError):
        A.pdca_plan("best friends")


# --- the power map ------------------------------------------------------------------------------

def test_the_syllabus_power_map_gaps():
    g = A.power_map_gaps(org())
    assert g[["gap", "contact"]].values.tolist() == [["influential opponent", "Wang"], ["weak decider", "Li"]]


def test_gaps_in_hand_made_organisations():
    # no decider at all, and an opponent with influence 5 who is also the only influencer
    o = pd.DataFrame({"name": ["Ma", "Hu", "Xu"], "role": ["influencer", "buyer", "user"], "influence": [5, 3, 4],
                      "attitude": [-2, 0, -1], "relationship": [3, 3, 2]})
    g = A.power_map_gaps(o)
    assert g[["gap", "contact", "role"]].values.tolist() == [
        ["no contact", "", "decider"], ["influential opponent", "Ma", "influencer"],
        ["influential opponent", "Xu", "user"]]
    # influence 3 with attitude -2 is not "influential"; a decider at relationship 3 is not weak
    o2 = pd.DataFrame({"name": ["Lu", "Ye", "Su", "Du"], "role": ["decider", "influencer", "buyer", "user"],
                       "influence": [5, 3, 3, 2], "attitude": [1, -2, 0, 0], "relationship": [3, 1, 2, 2]})
    assert A.power_map_gaps(o2).empty
    assert A.power_map_gaps(o2, influence_cut=3)["contact"].tolist() == ["Ye"]
    # several accounts at once
    both = pd.concat([o.assign(account_id="K1"), o2.assign(account_id="K2")], ignore_index=True)
    g = A.power_map_gaps(both, account="account_id")
    assert g["account_id"].tolist() == ["K1", "K1", "K1"]
    with pytest.raises(DataError, match="roles"):
        A.power_map_gaps(o.assign(role=["boss", "buyer", "user"]))
    with pytest.raises(DataError, match="above 2"):
        A.power_map_gaps(o.assign(attitude=[3, 0, 0]))


def test_power_map_layout():
    pm = A.power_map(org(), title="title").set_index("name")
    assert pm.loc["Li", "level"] == 0 and pm.loc["Chen", "level"] == 2
    # leaves Chen (under Wang) at 0 and Zhao at 1; Wang above Chen at 0; Li centred over 0 and 1
    assert pm["x"].to_dict() == {"Li": 0.5, "Wang": 0.0, "Zhao": 1.0, "Chen": 0.0}
    assert pm.loc["Wang", "gap"] == "influential opponent" and pm.loc["Li", "gap"] == "weak decider"
    assert pm.loc["Zhao", "gap"] == ""
    bad = org()
    bad.loc[0, "reports_to"] = "Chen"  # Li -> Chen -> Wang -> Li
    with pytest.raises(DataError, match="loop"):
        A.power_map(bad)
    bad = org()
    bad.loc[2, "reports_to"] = "Nobody"
    with pytest.raises(DataError, match="Nobody"):
        A.power_map(bad)


def test_responsibility_matrix():
    m = A.responsibility_matrix(org(), staff={"executive sponsor": "Mr Sun"})
    assert m.loc["Li", "Mr Sun"] == "R" and m.loc["Li", "account manager"] == "S"
    assert m.loc["Wang", "solution expert"] == "R" and m.loc["Wang", "Mr Sun"] == "S"  # an opponent
    assert m.loc["Zhao", "account manager"] == "R" and m.loc["Zhao", "Mr Sun"] == ""
    assert (m.drop(columns="role") == "R").sum(axis=1).tolist() == [1, 1, 1, 1]
    with pytest.raises(ParameterError, match="its own name"):
        A.responsibility_matrix(org(), staff={"executive sponsor": "Sun", "account manager": "Sun"})
    with pytest.raises(DataError, match="repeats names"):
        A.responsibility_matrix(pd.concat([org(), org()], ignore_index=True))


# --- the datasets -------------------------------------------------------------------------------

def test_the_datasets_follow_their_process():
    ka = data.load("key_accounts")
    ct = data.load("account_contacts")
    assert len(ka) == 30 and ka["account_id"].is_unique
    assert (ka["our_sales"] <= ka["annual_purchases"]).all()
    crit = list(A.DEFAULT_WEIGHTS) + list(A.SHEET_POINTS)
    assert ka[crit].isin([1, 2, 3, 4, 5]).all().all()
    # share of wallet rises with the relationship (the process: slope 0.6 on r)
    sow = ka["our_sales"] / ka["annual_purchases"]
    assert np.corrcoef(sow, ka[list(A.SHEET_POINTS)].sum(axis=1))[0, 1] > 0.5
    assert set(ct["account_id"]) <= set(ka["account_id"])
    assert ct.groupby("account_id")["name"].apply(lambda s: s.is_unique).all()
    gaps = A.power_map_gaps(ct, account="account_id")
    no_decider = set(gaps[(gaps["gap"] == "no contact") & (gaps["role"] == "decider")]["account_id"])
    assert no_decider == set(ka["account_id"]) - set(ct[ct["role"] == "decider"]["account_id"])
    assert 3 <= len(no_decider) <= 12  # P = 0.2 of 30
    for a in ("KA01", "KA16"):
        A.power_map(ct[ct["account_id"] == a], title="title", hidden="hidden")  # every map lays out


def test_every_public_function_is_in_the_bad_input_harness():
    import inspect

    from tests.bad_input import cases_accounts

    names = {t.name.split("[")[0] for t in cases_accounts.TARGETS}
    public = [n for n in A.__all__ if inspect.isfunction(getattr(A, n))]
    assert len(public) == 19
    assert [n for n in public if f"accounts.{n}" not in names] == []


# --- the chapter teaches, its exercises test -----------------------------------------------------

def _shown(path) -> str:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []) if c.cell_type == "code" else []:
            parts.append(str(o.get("text", "")))
            for kind in ("text/plain", "text/html", "text/markdown"):
                parts.append(str(o.get("data", {}).get(kind, "")))
    return "\n".join(parts)


def _number_patterns(x: float) -> list[str]:
    import re

    forms = {f"{x:g}", f"{x:.2f}", f"{x:.1f}"} if x != int(x) else {f"{int(x)}", f"{int(x)}.0"}
    pats = [rf"(?<![\w.]){re.escape(f)}(?![\d])" for f in forms]
    if 0 < x < 1:
        pats.append(rf"(?<![\w.]){x * 100:g} ?%")
    return pats


def test_the_chapter_prints_no_exercise_answer(root):
    import re

    from crmkit.exercises import questions

    shown = _shown(root / "notebooks" / "11_key_accounts.ipynb")
    for key, q in questions("ch11").items():
        e = q.expected
        pats = [re.escape(repr(e))]
        if isinstance(e, float):
            pats += _number_patterns(e)
        if isinstance(e, dict) and key != "q11":  # q11 is a design: any valid weights
            pats += [p for x in e.values() if isinstance(x, float) for p in _number_patterns(x)]
        if isinstance(e, list):
            pats.append(re.escape(", ".join(map(str, e))))
        for p in pats:
            assert not re.search(p, shown), f"the chapter shows the answer of ch11.{key}: /{p}/"


# --- the charts draw what the functions computed --------------------------------------------------

def test_charts_show_the_computed_numbers():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from crmkit import plots

    sc = A.scorecard(xyz(), W)
    ax = Figure().subplots()
    plots.scorecard_chart(sc, ax=ax)
    verts, _ = plots.scorecard_bars(sc)
    right_ends = verts[:, 1, 0].reshape(5, 3)[-1]  # the last criterion ends where the score does
    assert right_ends == pytest.approx(sc["score"].to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1. X", "2. Z", "3. Y"]
    grid = A.assessment_grid(pd.DataFrame({"score": [4.0, 2.0], "relationship_score": [8, 16]}, index=["p", "q"]))
    ax = Figure().subplots()
    plots.assessment_grid_chart(grid, ax=ax)
    assert ax.collections[0].get_offsets().tolist() == [[4.0, 8.0], [2.0, 16.0]]
    pm = A.power_map(org())
    ax = Figure().subplots()
    plots.power_map_chart(pm, ax=ax)
    colours = ax.collections[0].get_facecolors()
    assert len(colours) == 4 and ax.collections[0].get_sizes().tolist() == [240, 200, 160, 120]  # 40 + 40 x influence
    assert len(ax.collections) == 2  # nodes, and red rings round the two people with a gap
    assert ax.collections[1].get_offsets().tolist() == [[0.5, 0.0], [0.0, -1.0]]


def test_a_value_at_the_cut_on_paper_is_high():
    # current = (0.3 x 2 + 0.25 x 4.2) / 0.55 = 1.65 / 0.55, which floating point makes 2.9999999999999996
    t = pd.DataFrame({"account_id": ["a"], "purchase_volume": [2.0], "profit_contribution": [4.2],
                      "growth_potential": [3], "strategic_fit": [3], "relationship_credit": [3]})
    sc = A.scorecard(t, W)
    assert sc["current_value"].iloc[0] == pytest.approx(3.0)
    assert sc["segment"].iloc[0] == "core"


ODD = [None, 5, -1, "x", "", [], {}, [1, 2], {"a": 1}, float("nan"), True, pd.DataFrame(), pd.Series([1.0]),
       ("decider",), 1e308, [None]]


def test_odd_arguments_anywhere_are_crmkit_errors():
    """Every parameter of every public function (column names, options and lists included) given a
    value of the wrong kind: a CrmkitError with a message, never a raw pandas or Python error."""
    import inspect

    from crmkit.errors import CrmkitError
    from tests.bad_input import cases_accounts

    raw = []
    for t in cases_accounts.TARGETS:
        for p in inspect.signature(t.call).parameters:
            for odd in ODD:
                kw = {**t.kwargs(), p: odd}
                try:
                    t.call(**kw)
                except CrmkitError as exc:
                    assert str(exc).strip()
                except Exception as exc:  # noqa: BLE001 - the point of the test
                    raw.append(f"{t.name}({p}={odd!r:.20}): {type(exc).__name__}: {exc}")
    assert raw == []


# --- issue 22: large organisations, without recursion ---------------------------------------------------

def _chain(n, roles=("decider", "influencer", "buyer", "user")):
    names = [f"P{i}" for i in range(n)]
    return pd.DataFrame({"name": names, "role": [roles[i % len(roles)] for i in range(n)],
                         "influence": 3, "attitude": 1, "relationship": 3,
                         "reports_to": [""] + names[:-1]})


def test_power_map_lays_out_a_reporting_chain_deeper_than_the_recursion_limit():
    import sys

    n = sys.getrecursionlimit() + 500
    pm = A.power_map(_chain(n))
    assert pm["level"].tolist() == list(range(n))              # P0 at the top, each one level below the boss
    assert pm["x"].tolist() == [0.0] * n                       # a single line: every boss over its only report
    assert pm["y"].tolist() == [-float(i) for i in range(n)]


def test_power_map_of_a_tree_matches_the_rules():
    # P0 -> P1, P2; P1 -> P3, P4; P2 -> P5 : leaves spaced by one, bosses centred over their reports
    org = _chain(6).assign(reports_to=["", "P0", "P0", "P1", "P1", "P2"])
    pm = A.power_map(org).set_index("name")
    assert pm["level"].to_dict() == {"P0": 0, "P1": 1, "P2": 1, "P3": 2, "P4": 2, "P5": 2}
    assert pm.loc[["P3", "P4", "P5"], "x"].tolist() == [0.0, 1.0, 2.0]
    assert pm.loc["P1", "x"] == 0.5 and pm.loc["P2", "x"] == 2.0 and pm.loc["P0", "x"] == 1.25


def test_a_long_loop_is_named_without_recursion():
    org = _chain(3000)
    org.loc[0, "reports_to"] = "P2999"
    with pytest.raises(DataError, match=r"loop \(P0 -> P2999 -> P2998 .* -> \.\.\.\)"):
        A.power_map(org)


def test_responsibility_matrix_vectorised_keeps_the_rules():
    org = _chain(8).assign(attitude=[0, -1, 1, 1, 2, 0, 1, 1], influence=[5, 5, 3, 2, 1, 4, 4, 2],
                           relationship=[1, 2, 3, 4, 4, 2, 2, 3])
    m = A.responsibility_matrix(org)
    for name, r in zip(org["name"], org["role"]):
        owner = A.OUR_SIDE[r]
        assert m.loc[name, owner] == "R"
        assert (m.loc[name, list(A._STAFF)] == "R").sum() == 1
        assert m.loc[name, "account manager"] in ("R", "S")
    flagged = set(A.power_map_gaps(org, required_roles=())["contact"])
    assert flagged                                           # the example has gaps to support
    for name in flagged:
        assert m.loc[name, "executive sponsor"] in ("R", "S")
    for name in set(org["name"]) - flagged:
        if A.OUR_SIDE[org.set_index("name").loc[name, "role"]] != "executive sponsor":
            assert m.loc[name, "executive sponsor"] == ""


def test_weight_sensitivity_agrees_with_scorecard_at_every_step():
    rng = np.random.default_rng(4)
    t = pd.DataFrame({"account_id": [f"A{i}" for i in range(60)],
                      **{c: rng.integers(1, 6, 60) for c in A.DEFAULT_WEIGHTS}})
    ws = A.weight_sensitivity(t, steps=6)
    for x, part in ws.groupby("weight", sort=True):
        sc = A.scorecard(t, A.reweight(A.DEFAULT_WEIGHTS, "purchase_volume", x))
        assert part["account_id"].tolist() == sc.index.tolist()
        assert part["rank"].tolist() == sc["rank"].tolist()
        np.testing.assert_allclose(part["score"].to_numpy(), sc["score"].to_numpy(), rtol=0, atol=1e-12)


# --- the four kinds: the rule at the cut (issue 20, point 7) --------------------------------------

def _plain_kinds(ka: pd.DataFrame, decimals) -> pd.Series:
    """The chapter's stated rule written again with plain pandas: current value = weighted mean of purchase
    volume and profit contribution, potential value = weighted mean of the other three; high = at or above
    3, compared after rounding to ``decimals`` (None: not rounded)."""
    w = pd.Series(W)
    cur = ka[["purchase_volume", "profit_contribution"]].mul(w[["purchase_volume", "profit_contribution"]]).sum(axis=1) \
        / w[["purchase_volume", "profit_contribution"]].sum()
    rest = ["growth_potential", "strategic_fit", "relationship_credit"]
    pot = ka[rest].mul(w[rest]).sum(axis=1) / w[rest].sum()
    if decimals is not None:
        cur, pot = cur.round(decimals), pot.round(decimals)
    hi_c, hi_p = cur >= 3.0, pot >= 3.0
    kind = np.where(hi_c & hi_p, "core", np.where(hi_p, "growth", np.where(hi_c, "maintain", "reconsider")))
    return pd.Series(kind, index=ka["account_id"].to_numpy())


def test_the_four_kinds_follow_the_stated_rule_on_the_course_data():
    ka = data.load("key_accounts")
    kit = A.scorecard(ka, W)["segment"]
    plain = _plain_kinds(ka, A.CUT_DECIMALS)
    assert plain.reindex(kit.index).tolist() == kit.tolist()
    counts = kit.value_counts().reindex(list(A.KINDS)).tolist()
    assert counts == plain.value_counts().reindex(list(A.KINDS)).tolist()
    assert counts == [11, 4, 6, 9]  # core, growth, maintain, reconsider: the figures chapter 11 shows
    # unrounded floating point would move the accounts on the cut (the review's 9/6/4/11)
    assert _plain_kinds(ka, None).value_counts().reindex(list(A.KINDS)).tolist() == [9, 6, 4, 11]


def test_the_four_accounts_on_the_cut():
    ka = data.load("key_accounts")
    card = A.scorecard(ka, W)
    # on paper 3: (0.30 x 3 + 0.25 x 3) / 0.55; in floating point a hair below
    on_cut = card[(card["current_value"] - 3).abs() < 1e-9]
    assert sorted(on_cut.index) == ["KA02", "KA12", "KA24", "KA27"]
    assert (ka.set_index("account_id").loc[on_cut.index, ["purchase_volume", "profit_contribution"]] == 3).all().all()
    assert (on_cut["current_value"] < 3).all()  # what plain float comparison sees
    # at or above the cut = high today: core where the potential is high too, else maintain
    assert on_cut["segment"].to_dict() == {i: ("core" if p >= 3 - 1e-9 else "maintain")
                                           for i, p in on_cut["potential_value"].items()}
    assert set(on_cut["segment"]) == {"core", "maintain"}
    # the quadrant function and the grid apply the same rounding
    q = A.ka_quadrant(on_cut["current_value"], pd.Series(2.0, index=on_cut.index))
    assert (q["segment"] == "maintain").all()
    g = A.assessment_grid(pd.DataFrame({"score": on_cut["current_value"], "relationship_score": 12.5}))
    assert (g["segment"] == "consolidate").all()


# --- seed 004's other tools ------------------------------------------------------------------------

def test_seed_tools_are_twenty_distinct_names():
    names = [t.chinese for t in A.SEED_TOOLS]
    assert len(names) == len(set(names)) == 20
    assert {t.kit for t in A.SEED_TOOLS if t.kit != "worked template"} <= {
        " + ".join(f"accounts.{f}" for f in k.replace("accounts.", "").split(" + ")) for k in
        (t.kit for t in A.SEED_TOOLS)}
    for t in A.SEED_TOOLS:  # a computed tool names kit functions that exist
        if t.kit != "worked template":
            for f in t.kit.split(" + "):
                assert callable(getattr(A, f.removeprefix("accounts."))), t


def test_behaviour_calendar():
    cal = A.behaviour_calendar("ordinary")
    assert list(cal.index) == list(range(1, 13))
    assert cal.drop(columns="total").sum().to_dict() == {m: f["ordinary"] for m, f in A.CALENDAR_FREQUENCY.items()}
    assert (cal["total"] == cal.drop(columns="total").sum(axis=1)).all()
    # 4 a year: months 2, 5, 8, 11 (spread evenly); 1 a year: July
    assert cal.index[cal["quarterly / monthly planning meetings"] == 1].tolist() == [2, 5, 8, 11]
    assert cal.index[cal["top-management and strategy meetings"] == 1].tolist() == [7]
    # the weakest point pulls its modes up one level: matching -> technical exchanges 4 -> 6, planning 4 -> 4
    pushed = A.behaviour_calendar("ordinary", weakest="matching").drop(columns="total").sum()
    assert pushed["technical exchanges and service support"] == 6
    assert pushed.sum() == cal.drop(columns="total").sum().sum() + 2
    # partner stays partner
    assert A.behaviour_calendar("partner", weakest="alliance").equals(A.behaviour_calendar("partner"))
    with pytest.raises(ParameterError):
        A.behaviour_calendar("friend")


def _needs():
    return pd.DataFrame({
        "person": ["Li", "Li", "Li", "Wang"],
        "need": ["cost", "promotion", "safety", "a talk"],
        "kind": ["organisational", "personal", "personal", "personal"],
        "explicit": [True, False, False, "yes"],
        "weight": [5, 4, 2, 3],
    })


def test_key_person_needs_and_the_iceberg_by_hand():
    t = A.key_person_needs(_needs())
    assert list(t.index) == ["Li", "Wang"]
    assert t.loc["Li", ["organisational_explicit", "organisational_hidden", "personal_explicit",
                        "personal_hidden"]].tolist() == [5, 0, 0, 6]
    assert t.loc["Li", "hidden_share"] == pytest.approx(6 / 11)
    assert t.loc["Li", "top_hidden"] == "promotion" and t.loc["Wang", "top_hidden"] == ""
    assert t.loc["Wang", "hidden_share"] == 0
    ice = A.needs_iceberg(_needs())
    assert ice["needs"].tolist() == [2, 2] and ice["weight"].tolist() == [8, 6]
    assert ice.loc["hidden", "share"] == pytest.approx(6 / 14)
    assert A.needs_iceberg(_needs(), weight=None)["share"].tolist() == [0.5, 0.5]
    with pytest.raises(DataError, match="organisational"):
        A.key_person_needs(_needs().assign(kind="business"))


def test_expansion_card():
    card = A.expansion_card(org(), "Wang", needs=_needs(), title="title", staff={"solution expert": "Dr Qian"})
    assert card["role"] == "influencer" and card["title"] == "CTO"
    assert card["relationship"] == 2 and card["target"] == 3
    assert card["owner"] == "Dr Qian" and card["gap"] == "influential opponent"
    assert card["first mode"] == "top-management and strategy meetings"  # an opponent is met at the top
    assert card["explicit needs"] == "a talk" and card["hidden needs"] == ""
    zhao = A.expansion_card(org(), "Zhao")
    assert zhao["gap"] == "" and zhao["first mode"] == A.ROLE_MODES["buyer"] and "hidden needs" not in zhao
    assert A.expansion_card(org(), "Chen")["target"] == 4  # capped at 4
    with pytest.raises(ParameterError):
        A.expansion_card(org(), "Nobody")


def test_broad_coverage_by_hand():
    c = org().assign(account_id=["K1", "K1", "K2", "K2"])
    cov = A.broad_coverage(c)
    # K1: Li 1, Wang 2 -> 1 of 2 covered; K2: Zhao 3, Chen 4 -> 2 of 2
    assert cov["covered"].tolist() == [1, 2] and cov["coverage"].tolist() == [0.5, 1.0]
    assert cov.loc["K1", "roles_covered"] == 1 and cov.loc["K2", "roles"] == 2
    assert A.broad_coverage(c, min_level=4)["covered"].tolist() == [0, 1]


def test_annual_plan_is_the_pdca_step_of_each_account():
    ka = data.load("key_accounts")
    plan = A.annual_plan(ka)
    lv = A.relationship_levels(ka)
    for acc in ("KA03", "KA16", "KA22"):
        step = A.pdca_plan(lv.loc[acc, "level"], weakest=lv.loc[acc, "weakest"])
        assert plan.loc[acc, "target_level"] == step.target_level and plan.loc[acc, "focus"] == step.focus
        assert plan.loc[acc, "behaviours"] == A.behaviour_calendar(step.level, weakest=step.focus)["total"].sum()
    assert (plan["points_to_gain"] == lv["points_to_next"]).all()


def test_the_labels_of_the_new_tables_match_the_kit():
    assert [i18n.t(f"accounts.process.{k}", "en") for k in range(len(A.BROAD_PROCESS))] == list(A.BROAD_PROCESS)
    assert [i18n.t(f"accounts.mode.{k}", "en") for k in range(len(A.COMMUNICATION_MODES))] == list(A.COMMUNICATION_MODES)
    ice = A.needs_iceberg(_needs())
    assert all(i18n.t(f"accounts.waterline.{w}", "zh") for w in ice.index)
    assert {i18n.t(f"accounts.need_kind.{k}", "zh") for k in A.NEED_KINDS} == {"组织需求", "个人需求"}
