"""crmkit.segment against hand-computed expectations (SYLLABUS C.4 and C.5 oracles)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmkit import segment as seg
from crmkit.errors import DataError, ParameterError

REVENUE = pd.Series([520, 310, 260, 150, 120, 95, 80, 70, 60, 55, 40, 35, 30, 25, 20, 15, 12, 10, 8, 5],
                    index=[f"C{i:02d}" for i in range(1, 21)], dtype=float)
RFM = pd.DataFrame({"recency": [12, 45, 200, 20, 95, 60], "frequency": [14, 6, 15, 2, 3, 10],
                    "monetary": [8200, 2300, 9100, 600, 1200, 4999]},
                   index=pd.Index(["R1", "R2", "R3", "R4", "R5", "R6"], name="customer_id"))


# --- ABC ----------------------------------------------------------------------------------

def test_abc_by_count_matches_the_exercise():
    abc = seg.abc_classes(REVENUE, by="count", shares=(0.15, 0.25))
    assert list(abc.index[abc["segment"] == "A"]) == ["C01", "C02", "C03"]
    assert list(abc.index[abc["segment"] == "B"]) == ["C04", "C05", "C06", "C07", "C08"]
    s = seg.class_summary(abc)
    assert s["value_share"].round(4).tolist() == [0.5677, 0.2682, 0.1641]
    assert s["customers"].tolist() == [3, 5, 12]


def test_abc_by_value_uses_the_share_before_each_customer():
    abc = seg.abc_classes(REVENUE)  # 80 / 95
    assert abc["segment"].value_counts().sort_index().tolist() == [8, 5, 7]
    assert abc.loc["C08", "segment"] == "A"  # 79.9 % before it
    assert abc.loc["C09", "segment"] == "B"
    assert abc.loc["C14", "segment"] == "C"  # 95.05 % before it
    assert abc.loc["C01", "cum_share"] == pytest.approx(520 / 1920)
    assert abc["action"].str.len().gt(20).all()


def test_abc_edge_cases():
    one = seg.abc_classes(pd.Series([7.0], index=["x"]))
    assert one["segment"].tolist() == ["A"]
    equal = seg.abc_classes(pd.Series(10.0, index=list("abcdefghij")))
    assert equal["segment"].value_counts().sort_index().tolist() == [8, 2, 0]  # 0 %..70 % before -> A
    assert seg.abc_classes(pd.Series(10.0, index=list("abcdefghij")), by="count")["segment"].tolist().count("A") == 2
    ties = seg.abc_classes(pd.Series([5.0, 5.0, 1.0], index=["p", "q", "r"]))
    assert ties["rank"].tolist() == [1, 2, 3]  # ties keep their order


@pytest.mark.parametrize("values, match", [
    (pd.Series([], dtype=float), "empty"),
    (pd.Series([1.0, -2.0], index=["a", "b"]), "must not be negative; row b"),
    (pd.Series([1.0, np.nan], index=["a", "b"]), "missing \\(NaN\\)"),
    (pd.Series(["1", "x"], index=["a", "b"]), "must be numbers; row b"),
    (pd.Series([1.0, 2.0], index=["a", "a"]), "more than once"),
    (pd.Series([0.0, 0.0], index=["a", "b"]), "All values are zero"),
])
def test_abc_bad_values(values, match):
    with pytest.raises(DataError, match=match):
        seg.abc_classes(values)


def test_abc_bad_parameters():
    with pytest.raises(ParameterError, match="cutoffs"):
        seg.abc_classes(REVENUE, cutoffs=(0.95, 0.8))
    with pytest.raises(ParameterError, match="by must be"):
        seg.abc_classes(REVENUE, by="profit")
    with pytest.raises(ParameterError, match="shares"):
        seg.abc_classes(REVENUE, by="count", shares=(0.7, 0.5))


def test_concentration_and_pareto_curve():
    assert seg.concentration(REVENUE, 0.20) == pytest.approx(1240 / 1920)  # 64.58 %
    curve = seg.pareto_curve(REVENUE)
    assert curve.iloc[0].tolist() == [0, 0] and curve.iloc[-1].tolist() == [1, 1]
    assert np.all(np.diff(curve["value_share"]) >= 0)
    assert seg.gini(pd.Series(1.0, index=range(50))) == pytest.approx(0, abs=1e-12)
    one_has_all = pd.Series([0.0] * 99 + [1.0])
    assert seg.gini(one_has_all) == pytest.approx(0.99)


# --- tiers, pyramid, rules, matrices -------------------------------------------------------

def test_tiers_and_pyramid():
    t = seg.tiers(pd.Series(np.arange(100, 0, -1), index=range(100), dtype=float))
    assert t["segment"].value_counts().reindex(seg.TIERS).tolist() == [1, 4, 15, 80]
    p = seg.pyramid(pd.Series([100, 50, 40, 30, 20, 10, 5, -1, -5, 2], index=list("abcdefghij"), dtype=float),
                    shares=(0.1, 0.2, 0.3))
    assert p.loc["a", "segment"] == "platinum"
    assert p.loc[["b", "c"], "segment"].tolist() == ["gold", "gold"]
    assert p.loc[["h", "i"], "segment"].tolist() == ["lead", "lead"]  # losses are lead
    assert (p["segment"] == "iron").sum() == 3


def test_chase_rules():
    chase = pd.DataFrame({"benefit": [4.2, 2.0, 1.0], "fee": [0.8, 3.5, 0.5]}, index=list("PQR"))
    rules = [("blue", {"benefit": 5, "fee": 3}), ("green", {"benefit": 3, "fee": 1})]
    assert seg.rule_tier(chase, rules, default="lower tier").tolist() == ["green", "blue", "lower tier"]
    assert seg.rule_tier(chase, [("both", {"benefit": 2, "fee": 3})], how="all").tolist() == ["other", "both", "other"]
    with pytest.raises(DataError, match="no column 'profit'"):
        seg.rule_tier(chase, [("x", {"profit": 1})])


def test_value_and_loyalty_matrices():
    hist = pd.Series([10, 10, 1, 1], index=list("wxyz"), dtype=float)
    fut = pd.Series([1, 10, 10, 1], index=list("wxyz"), dtype=float)
    vm = seg.value_matrix(hist, fut, thresholds=(5, 5))
    assert vm["segment"].tolist() == ["uneconomic customers", "high-end customers", "expectant customers", "bad customers"]
    lm = seg.loyalty_matrix(hist, fut, thresholds=(5, 5))
    assert lm["segment"].tolist() == ["butterflies", "true friends", "barnacles", "strangers"]
    assert "享受" in lm.loc["w", "action"] and "放弃" in lm.loc["z", "action"]
    with pytest.raises(DataError, match="same customers"):
        seg.value_matrix(hist, fut.rename(index={"z": "q"}))


# --- RFM ----------------------------------------------------------------------------------

def tx():
    return pd.DataFrame({
        "customer_id": ["a", "a", "a", "b", "b", "c"],
        "date": ["2024-01-01", "2024-01-01", "2024-03-01", "2024-02-01", "2024-02-10", "2024-03-20"],
        "amount": [10.0, 5.0, 20.0, 100.0, -40.0, 7.0],
    })


def test_rfm_table_by_hand():
    r = seg.rfm_table(tx())
    # asof defaults to the day after the last transaction (2024-03-21): c bought on 2024-03-20
    assert r.loc["a"].tolist() == [20, 2, 35.0, 17.5]  # two occasions (same-day rows are one)
    assert r.loc["b"].tolist() == [49, 1, 60.0, 60.0]  # the return nets money, not recency/frequency
    assert r.loc["c", "recency"] == 1


def test_rfm_table_asof_leaves_out_later_transactions():
    r = seg.rfm_table(tx(), asof="2024-02-15")
    assert list(r.index) == ["a", "b"]
    assert r.loc["a"].tolist() == [45, 1, 15.0, 15.0]
    with pytest.raises(ParameterError, match="not after the first purchase"):
        seg.rfm_table(tx(), asof="2023-12-31")
    with pytest.raises(ParameterError, match="asof must be a date"):
        seg.rfm_table(tx(), asof="someday")


def test_rfm_table_bad_input():
    with pytest.raises(DataError, match="no column 'amount'"):
        seg.rfm_table(tx().drop(columns="amount"))
    bad = tx()
    bad.loc[2, "date"] = "not a date"
    with pytest.raises(DataError, match="cannot be read in row 2"):
        seg.rfm_table(bad)
    bad = tx()
    bad.loc[0, "customer_id"] = None
    with pytest.raises(DataError, match="missing ids"):
        seg.rfm_table(bad)
    with pytest.raises(DataError, match="empty"):
        seg.rfm_table(tx().iloc[:0])
    bad = tx().astype({"amount": object})
    bad.loc[1, "amount"] = "five"
    with pytest.raises(DataError, match="must hold numbers"):
        seg.rfm_table(bad)


def test_threshold_scores_match_the_exercise():
    s = seg.rfm_threshold_scores(RFM)
    assert s["RFM"].tolist() == ["333", "222", "133", "311", "112", "232"]
    assert s["score"].idxmax() == "R1" and s["score"].max() == 9
    edge = pd.DataFrame({"recency": [30, 31, 90, 91], "frequency": [3, 4, 9, 10],
                         "monetary": [999, 1000, 4999, 5000]})
    e = seg.rfm_threshold_scores(edge)
    assert e[["R", "F", "M"]].values.tolist() == [[3, 1, 1], [2, 2, 2], [2, 2, 2], [1, 3, 3]]


def test_chinese_eight_classes_recent_means_high_r():
    s = seg.rfm_segments(RFM, scheme="cn8")
    assert s["segment"].astype(str).tolist() == ["重要价值客户", "一般发展客户", "重要保持客户", "一般发展客户",
                                                 "一般挽留客户", "重要价值客户"]
    assert s.loc["R1", "R_high"] and not s.loc["R3", "R_high"]  # 12 days is recent, 200 is not
    assert (s["segment"] == "重要价值客户").sum() == 2
    assert s.loc["R3", "segment_en"] == "important retention"


def test_every_cn8_class_is_reachable_on_a_hand_made_table():
    rows = []
    for (r_hi, f_hi, m_hi) in seg.CN8:
        rows.append({"recency": 1 if r_hi else 100, "frequency": 10 if f_hi else 1, "monetary": 1000 if m_hi else 10})
    s = seg.rfm_segments(pd.DataFrame(rows), scheme="cn8")
    assert s["segment"].astype(str).tolist() == [v[0] for v in seg.CN8.values()]


def test_quantile_scores_handle_ties_and_few_values():
    r = pd.DataFrame({"recency": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "frequency": [1] * 6 + [2, 2, 3, 9],
                      "monetary": [5.0] * 10})
    s = seg.rfm_scores(r, bins=5)
    assert s["R"].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]  # recent = high
    assert s.loc[:5, "F"].nunique() == 1  # equal frequencies, equal scores
    assert s["M"].nunique() == 1 and s["M"].iloc[0] == 3  # all equal: the middle score
    assert s["F"].iloc[-1] == 5
    single = seg.rfm_scores(pd.DataFrame({"recency": [3], "frequency": [1], "monetary": [9.0]}))
    assert single[["R", "F", "M"]].iloc[0].tolist() == [3, 3, 3]  # one customer: the middle, not the top
    five = seg.rfm_scores(pd.DataFrame({"recency": [50, 40, 30, 20, 10], "frequency": [1, 2, 3, 4, 5],
                                        "monetary": [1.0, 1.0, 1.0, 9.0, 9.0]}))
    assert five["R"].tolist() == [1, 2, 3, 4, 5] and five["F"].tolist() == [1, 2, 3, 4, 5]
    # mid-ranks 2 and 4.5 of 5: p = 0.3 -> ceil(1.5) = 2; p = 0.8 -> exactly on the 4/5 boundary -> 4
    assert five["M"].tolist() == [2, 2, 2, 4, 4]
    with pytest.raises(ParameterError, match="bins"):
        seg.rfm_scores(r, bins=1)


def test_english_segments_cover_the_grid():
    grid = pd.DataFrame([(r, f) for r in range(1, 6) for f in range(1, 6)], columns=["R", "F"])
    grid["recency"], grid["frequency"], grid["monetary"] = 1, 1, 1.0
    s = seg.rfm_segments(grid, scheme="en")
    assert (s["segment"].astype(str) != "other").all()
    lookup = s.set_index(["R", "F"])["segment"].astype(str)
    assert lookup[(5, 5)] == "champions" and lookup[(1, 1)] == "hibernating"
    assert lookup[(1, 5)] == "can't lose them" and lookup[(5, 1)] == "new customers"
    with pytest.raises(ParameterError, match="scheme"):
        seg.rfm_segments(RFM, scheme="us")


def test_one_purchase_each():
    t = pd.DataFrame({"customer_id": ["a", "b", "c"], "date": ["2024-01-01", "2024-01-05", "2024-01-09"],
                      "amount": [1.0, 2.0, 3.0]})
    r = seg.rfm_table(t)
    assert r["frequency"].tolist() == [1, 1, 1] and r["recency"].tolist() == [9, 5, 1]
    assert seg.rfm_scores(r)["F"].nunique() == 1


def test_returns_only_and_zero_amounts_are_not_purchases():
    t = pd.DataFrame({"customer_id": ["a", "a", "b", "c", "c"],
                      "date": ["2024-01-01", "2024-01-03", "2024-01-02", "2024-01-04", "2024-01-05"],
                      "amount": [10.0, 0.0, -5.0, 8.0, -3.0]})
    r = seg.rfm_table(t)
    assert list(r.index) == ["a", "c"]  # b only returned goods: no purchase occasion, dropped
    assert r.loc["a"].tolist() == [5, 1, 10.0, 10.0]  # the ¥0 row on 3 Jan is no occasion, no recency
    assert r.loc["c"].tolist() == [2, 1, 5.0, 5.0]  # the return the next day nets money only
    with pytest.raises(DataError, match="No customer has a purchase"):
        seg.rfm_table(t[t["customer_id"] == "b"])


def test_all_customers_equal_fall_in_one_class():
    same = pd.DataFrame({"recency": [10] * 4, "frequency": [3] * 4, "monetary": [50.0] * 4}, index=list("abcd"))
    cn8 = seg.rfm_segments(same, scheme="cn8")
    assert cn8["segment"].astype(str).unique().tolist() == ["一般挽留客户"]  # equal to the mean counts as low
    s = seg.rfm_scores(same, bins=5)
    assert (s[["R", "F", "M"]] == 3).all().all()  # every customer at the middle score
    abc = seg.abc_classes(same["monetary"])
    assert abc["segment"].astype(str).tolist() == ["A"] * 4  # 0, 25, 50, 75 % before: all below 80 %
    assert seg.concentration(same["monetary"], 0.25) == pytest.approx(0.25)


def test_pyramid_and_matrix_bad_input():
    with pytest.raises(ParameterError, match="platinum, gold and iron"):
        seg.pyramid(REVENUE, shares=(0.1, 0.2))
    with pytest.raises(ParameterError, match="thresholds"):
        seg.loyalty_matrix(REVENUE, REVENUE, thresholds="high")
    with pytest.raises(DataError, match="durations must be numbers"):
        seg.loyalty_matrix(REVENUE, pd.Series("long", index=REVENUE.index))
    with pytest.raises(DataError, match="column 'frequency' of the RFM table"):
        seg.rfm_scores(RFM.assign(frequency=np.nan))
    with pytest.raises(DataError, match="no column 'monetary'"):
        seg.rfm_segments(RFM.drop(columns="monetary"))
    for f in (seg.rfm_scores, seg.rfm_threshold_scores, seg.rfm_segments):
        with pytest.raises(DataError, match="RFM table is empty"):
            f(RFM.iloc[:0])


def test_rfm_codes_for_every_bins_and_threshold_scores():
    r = pd.DataFrame({"recency": [1, 5, 9, 40, 80], "frequency": [9, 7, 5, 3, 1],
                      "monetary": [5.0, 4.0, 3.0, 2.0, 1.0]}, index=list("abcde"))
    ten = seg.rfm_scores(r, bins=10)
    # ceil(10 x (rank - 0.5) / 5): with fewer customers than bins, not every score is used
    assert ten["RFM"].tolist() == ["999", "777", "555", "333", "111"]
    assert seg.rfm_scores(pd.concat([r] * 2, ignore_index=True).assign(recency=range(10), frequency=range(10),
                                                                       monetary=range(10)), bins=10)["RFM"].iloc[-1] == "11010"
    two = seg.rfm_scores(r, bins=2)
    assert two["RFM"].tolist() == ["222", "222", "111", "111", "111"]  # the middle customer, p = 0.5, takes the lower score
    many = seg.rfm_threshold_scores(r, r_edges=range(1, 30, 2), f_edges=(2, 4), m_edges=(3,))
    assert many["R"].tolist() == [16, 14, 12, 1, 1] and many["RFM"].tolist() == ["1632", "1432", "1232", "121", "111"]


def test_abcd_variant_by_value_and_by_count():
    v = pd.Series([50, 20, 10, 8, 5, 4, 2, 1.0], index=list("abcdefgh"))
    # value before each customer: 0, 50, 70, 80, 88, 93, 97, 99 % -> A below 70, B below 90, C below 97, else D
    assert seg.abc_classes(v, cutoffs=(0.7, 0.9, 0.97))["segment"].astype(str).tolist() == list("AABBBCDD")
    assert seg.abc_classes(v, by="count", shares=(0.25, 0.25, 0.25))["segment"].astype(str).tolist() == list("AABBCCDD")
    with pytest.raises(ParameterError, match="three"):
        seg.abc_classes(v, cutoffs=(0.9, 0.7))


def test_customer_profit_with_cost_to_serve_makes_lead_customers():
    rev = pd.Series([1000.0, 200.0, 50.0], index=["big", "mid", "small"])
    cost = pd.Series([100.0, 40.0, 30.0], index=["big", "mid", "small"])
    p = seg.customer_profit(rev, margin_rate=0.3, cost_to_serve=cost)
    assert p.tolist() == pytest.approx([200.0, 20.0, -15.0])
    assert seg.pyramid(p, shares=(0.34, 0.33, 0.2)).loc["small", "segment"] == "lead"


def test_telecom_rules_tier_by_arpu_tenure_and_credit():
    t = pd.DataFrame({"arpu": [320, 320, 160, 90], "tenure_months": [72, 10, 40, 13], "credit": [95, 95, 85, 70]},
                     index=list("abcd"))
    tiers = seg.rule_tier(t, seg.TELECOM_RULES, default="ordinary", how="all")
    assert tiers.tolist() == ["diamond", "ordinary", "gold", "silver"]  # b: high ARPU but only 10 months


def test_cn8_with_the_median_split():
    rfm = pd.DataFrame({"recency": [1, 2, 3, 100], "frequency": [1, 2, 3, 100], "monetary": [1.0, 2.0, 3.0, 100.0]})
    by_mean = seg.rfm_segments(rfm, split="mean")
    by_median = seg.rfm_segments(rfm, split="median")
    # mean recency 26.5: three recent buyers; median 2.5: two. Means are pulled by the outlier.
    assert by_mean["R_high"].tolist() == [True, True, True, False]
    assert by_median["R_high"].tolist() == [True, True, False, False]
    assert by_median["F_high"].tolist() == [False, False, True, True]
    with pytest.raises(ParameterError, match="split"):
        seg.rfm_segments(rfm, split="mode")


# --- chapter 03 (issue 9): the claims the chapter teaches ----------------------------------


def test_the_seeds_platinum_is_baijin_everywhere_in_the_kit():
    from pathlib import Path

    import crmkit
    from crmkit.i18n import labels_segment

    assert "白金" in seg.ACTIONS["platinum"] and "白金" in labels_segment.LABELS["segment.pyramid"][1]
    root = Path(crmkit.__file__).parent
    assert not [p.name for p in root.rglob("*.py") if "铂" in p.read_text(encoding="utf-8")]


def test_abcd_by_hand():
    # shares before each customer: 0, .5, .8, .9, .95, .98 -> A, B, C, C, D, D with cut-offs 50/80/95 %
    v = pd.Series([50.0, 30, 10, 5, 3, 2], index=list("uvwxyz"))
    assert seg.abc_classes(v, cutoffs=(0.50, 0.80, 0.95))["segment"].astype(str).tolist() == list("ABCCDD")
    assert seg.ACTIONS["D"].startswith("The ABCD variant") and "not attended to" in seg.ACTIONS["D"]


def test_telecom_tiers_of_the_chapter_and_and_versus_or():
    # the chapter's five subscribers: S2 is new, S5 spends little; with "or" both would be diamonds
    t = pd.DataFrame({"arpu": [420, 420, 180, 95, 60], "tenure_months": [84, 10, 48, 30, 120],
                      "credit": [95, 92, 85, 70, 99]}, index=["S1", "S2", "S3", "S4", "S5"])
    assert seg.rule_tier(t, seg.TELECOM_RULES, default="ordinary", how="all").tolist() == \
        ["diamond", "ordinary", "gold", "silver", "ordinary"]
    assert seg.rule_tier(t, seg.TELECOM_RULES, default="ordinary", how="any").tolist() == \
        ["diamond", "diamond", "gold", "silver", "diamond"]


def test_without_a_cost_to_serve_no_customer_is_lead_by_loss():
    # margin alone: 0.26 x revenue >= 0, so no loss; with ¥80 + ¥5/order + ¥30/return, c loses 80 + 10 - 26 = 64
    rev = pd.Series([1000.0, 400.0, 100.0], index=list("abc"))
    orders = pd.Series([10, 4, 2], index=list("abc"))
    margin_only = seg.customer_profit(rev, margin_rate=0.26, cost_to_serve=0)
    assert (margin_only >= 0).all()
    p = seg.customer_profit(rev, margin_rate=0.26, cost_to_serve=80 + 5 * orders)
    assert p.tolist() == pytest.approx([260 - 130, 104 - 100, 26 - 90])
    assert seg.pyramid(p, shares=(0.34, 0.33, 0.33)).loc["c", "segment"] == "lead"


def test_retail_lead_customers_cost_more_than_they_bring():
    """The chapter's pyramid: with its cost to serve, the lead class loses money in total."""
    from crmkit import data

    tx = data.load("retail_transactions")
    revenue = seg.rfm_table(tx, asof="2025-01-01")["monetary"]
    orders = tx[~tx["is_return"]].groupby("customer_id").size().reindex(revenue.index, fill_value=0)
    returns = tx[tx["is_return"]].groupby("customer_id").size().reindex(revenue.index, fill_value=0)
    profit = seg.customer_profit(revenue, margin_rate=0.26, cost_to_serve=80 + 5 * orders + 30 * returns)
    pyr = seg.pyramid(profit)
    lead = pyr.loc[pyr["segment"] == "lead", "value"]
    assert lead.sum() < 0 and (profit < 0).sum() > 0


def test_value_matrix_with_model_future_value_has_four_counted_quadrants():
    """The chapter's value matrix: future value from BG/NBD + Gamma-Gamma at the end of 2023, not 2024 spend."""
    from crmkit import clv, data

    tx = data.load("retail_transactions")
    history = tx[tx["date"] < "2024-01-01"]
    summary = clv.summarize(history, asof="2023-12-31")
    bg = clv.BGNBD().fit(summary)
    gg = clv.GammaGamma().fit(summary[summary["frequency"] > 0])
    future = clv.clv_bgnbd_gg(bg, gg, summary, horizon=156, discount=1.10 ** (1 / 52) - 1, margin=0.26)
    undiscounted = clv.clv_bgnbd_gg(bg, gg, summary, horizon=156, margin=0.26)
    assert (future < undiscounted).all() and (future > 0).all()
    historical = history.groupby("customer_id")["amount"].sum().reindex(summary.index) * 0.26
    counts = seg.value_matrix(historical, future)["segment"].value_counts()
    assert len(counts) == 4 and counts.sum() == len(summary)
    # median cut-offs on both axes: the diagonal cells match in size, as do the off-diagonal ones
    assert abs(counts["high-end customers"] - counts["bad customers"]) <= 2
    assert abs(counts["uneconomic customers"] - counts["expectant customers"]) <= 2
    assert counts["high-end customers"] > counts["uneconomic customers"]  # past and expected value go together


def _bgnbd():
    from crmkit import clv

    m = clv.BGNBD()
    m.params_ = {"r": 0.55, "alpha": 6.16, "a": 0.63, "b": 3.28}  # about the retail chain's fit (chapter 03)
    return m


def test_projected_duration_is_p_alive_times_the_expected_remaining_life():
    m = _bgnbd()
    summary = pd.DataFrame({"frequency": [1.0, 3.0, 12.0, 12.0], "recency": [11.3, 18.3, 150.0, 40.0],
                            "T": [49.0, 71.7, 156.0, 156.0]}, index=["new", "some", "loyal", "gone"])
    d = seg.projected_duration(m, summary, horizon=156)
    alive = m.probability_alive(summary)
    # an independent Monte Carlo of the same model: given alive, lambda ~ Gamma(r+x, alpha+T), p ~ Beta(a, b+x),
    # the remaining life is exponential with rate lambda * p
    rng = np.random.default_rng(1)
    for cid, (x, _, T) in summary.iterrows():
        lam = rng.gamma(0.55 + x, 1 / (6.16 + T), 200_000)
        p = rng.beta(0.63, 3.28 + x, 200_000)
        life = np.minimum(rng.exponential(1 / (lam * p)), 156).mean()
        assert d[cid] == pytest.approx(alive[cid] * life, rel=0.01)
    assert (d <= 156 * alive + 1e-9).all() and (d > 0).all()
    # a longer horizon never shortens it; a tiny one gives about P(alive) x horizon
    assert (seg.projected_duration(m, summary, horizon=312) >= d).all()
    assert seg.projected_duration(m, summary, horizon=0.01).to_numpy() == pytest.approx(0.01 * alive.to_numpy(), rel=1e-3)
    with pytest.raises(ParameterError, match="fitted clv.BGNBD"):
        seg.projected_duration("model", summary)


def test_the_loyalty_matrix_length_axis_is_the_projected_duration_not_past_tenure():
    # four customers known equally long (T = 156 weeks), equally profitable in pairs; "gone" has the longest
    # past tenure of all but stopped buying two years ago: low P(alive), so the short-duration half
    m = _bgnbd()
    summary = pd.DataFrame({"frequency": [12.0, 12.0, 2.0, 4.0], "recency": [150.0, 40.0, 20.0, 30.0],
                            "T": [156.0, 156.0, 30.0, 40.0]}, index=["stays", "gone", "newer", "newest"])
    past_tenure = summary["T"] + pd.Series([0, 50, 0, 0], index=summary.index)   # "gone" joined earliest
    profit = pd.Series([500.0, 500.0, 20.0, 20.0], index=summary.index)
    duration = seg.projected_duration(m, summary, horizon=156)
    assert m.probability_alive(summary)["gone"] < 0.2
    lm = seg.loyalty_matrix(profit, duration)
    assert lm.loc["gone", "segment"] == "butterflies" and lm.loc["stays", "segment"] == "true friends"
    assert not lm.loc["gone", "high_duration"] and lm.loc["newest", "high_duration"]
    by_tenure = seg.loyalty_matrix(profit, past_tenure)
    assert by_tenure.loc["gone", "segment"] == "true friends"  # what past tenure would have said
