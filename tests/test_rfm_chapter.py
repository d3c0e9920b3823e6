"""Chapter 04's corrections (issue 9), held on the course's retail data: M as total spend repeats F while
mean spend does not; the class counts under mean and median splits; the classes predict the next six
months; two English segments are empty because acquisitions stop in mid-2023."""

from __future__ import annotations

import pandas as pd
import pytest

from crmkit import segment
from crmkit.data import load


@pytest.fixture(scope="module")
def tx():
    return load("retail_transactions")


@pytest.fixture(scope="module")
def rfm(tx):
    return segment.rfm_table(tx, asof="2024-07-01")


def test_total_spend_repeats_frequency_and_mean_spend_does_not(rfm):
    corr = rfm[["frequency", "monetary", "mean_spend"]].corr(method="spearman")
    assert corr.loc["frequency", "monetary"] > 0.8
    assert abs(corr.loc["frequency", "mean_spend"]) < 0.1
    assert (rfm["mean_spend"] * rfm["frequency"]).to_numpy() == pytest.approx(rfm["monetary"].to_numpy())


def test_class_counts_by_rule(rfm):
    total_mean = segment.rfm_segments(rfm, split="mean")["segment"].value_counts()
    total_median = segment.rfm_segments(rfm, split="median")["segment"].value_counts()
    by_mean_spend = segment.rfm_segments(rfm.assign(monetary=rfm["mean_spend"]))["segment"].value_counts()
    assert total_mean["重要价值客户"] == 712 and total_median["重要价值客户"] == 1200  # the figures
    assert by_mean_spend["重要价值客户"] == 331 and by_mean_spend["一般价值客户"] == 568
    assert by_mean_spend.sum() == total_mean.sum() == 4000


def test_classes_predict_the_next_six_months(tx):
    before = segment.rfm_table(tx, asof="2024-01-01")
    classes = segment.rfm_segments(before.assign(monetary=before["mean_spend"]))
    after = tx[(tx["date"] >= "2024-01-01") & (tx["date"] < "2024-07-01")]
    bought = pd.Series(before.index.isin(after.loc[after["amount"] > 0, "customer_id"]), index=before.index)
    spent = after.groupby("customer_id")["amount"].sum().reindex(before.index, fill_value=0)
    share = bought.groupby([classes["R_high"], classes["F_high"]]).mean()
    # recent and frequent come back most; every not-recent group comes back less than every recent one
    assert share.loc[(True, True)] > 0.6
    assert share.loc[(False, True)].max() < share.loc[(True, False)].min()
    by_class = spent.groupby(classes["segment"], observed=False).mean()
    assert by_class["重要价值客户"] > 2 * by_class["一般价值客户"] > 0
    assert bought[classes["segment"] == "重要保持客户"].sum() == 0  # frequent, then silent a year: gone for good


def test_empty_english_segments_come_from_the_data(tx, rfm):
    first = tx.groupby("customer_id")["date"].min()
    assert first.max() == pd.Timestamp("2023-06-30")
    en = segment.rfm_segments(segment.rfm_scores(rfm), scheme="en")["segment"].value_counts()
    assert en["new customers"] == 0 and en["promising"] == 0
    # a year earlier, while the chain still acquired, the same scheme fills them
    early = segment.rfm_scores(segment.rfm_table(tx, asof="2023-07-01"))
    en_early = segment.rfm_segments(early, scheme="en")["segment"].value_counts()
    assert en_early["new customers"] == 177 and en_early["promising"] == 270
