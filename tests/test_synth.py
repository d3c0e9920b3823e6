"""crmkit.synth: the datasets are rebuilt byte for byte, and they are what their README says."""

from __future__ import annotations

import pandas as pd
import pytest

from crmkit import data, synth
from crmkit.synth import cdnow, retail


def test_every_synthetic_dataset_and_the_readme_rebuild_byte_for_byte(root):
    differ = synth.build_all(root / "datasets", check=True, progress=lambda m: None)
    assert differ == [], f"run `make datasets`: {differ}"


def test_cdnow_matches_the_public_files(root, tmp_path):
    raw = root.parent / "shared" / "data" / "cdnow"
    if not (raw / "CDNOW_master.txt").is_file():
        pytest.skip("the public CDNOW text files are not beside the project")
    assert cdnow.convert(raw, root / "datasets", check=True) == []


def test_cdnow_counts_are_those_of_the_literature():
    master, sample = data.load("cdnow"), data.load("cdnow_sample")
    assert (len(master), master["customer_id"].nunique()) == (69659, 23570)
    assert (len(sample), sample["customer_id"].nunique(), sample["sample_id"].max()) == (6919, 2357, 2357)
    first = master.groupby("customer_id")["date"].min()
    assert first.max() <= pd.Timestamp("1997-03-31")  # a first-quarter cohort
    assert master["date"].max() <= pd.Timestamp("1998-06-30")
    # the sample's customers' purchases are the master's purchases of the same customers
    sub = master[master["customer_id"].isin(set(sample["customer_id"]))]
    assert len(sub) == len(sample)
    assert sub["dollar_value"].sum() == pytest.approx(sample["dollar_value"].sum())


def test_retail_log_follows_its_process():
    tx, cust = data.load("retail_transactions"), data.load("retail_customers")
    buys = tx[~tx["is_return"]]
    assert buys["customer_id"].nunique() == retail.N_BUYERS
    assert len(cust) == retail.N_BUYERS + retail.N_PROSPECTS
    assert set(tx["customer_id"]) <= set(cust["customer_id"])
    assert tx["date"].min() >= retail.START and tx["date"].max() <= retail.END
    # first purchase on the sign-up day
    first = buys.groupby("customer_id")["date"].min()
    signup = cust.set_index("customer_id")["signup_date"]
    assert (first == signup.loc[first.index]).all()
    # Gamma-Gamma: mean spend per purchase near p * gamma / (q - 1) = 220 CNY (sampling error ~ a few %)
    assert buys["amount"].mean() == pytest.approx(220, rel=0.12)
    # returns negate a purchase and are flagged
    rets = tx[tx["is_return"]]
    assert (rets["amount"] < 0).all() and (buys["amount"] > 0).all()
    assert 0.015 < len(rets) / len(buys) < 0.045
    # Double 11 (November) is the busiest month, as the seasonal factors say
    by_month = buys.groupby(buys["date"].dt.month).size()
    assert by_month.idxmax() == 11


def test_retail_state_is_bought_in_the_last_12_calendar_months():
    """`state` follows the documented rule with a calendar window: in the leap year 2024 the 12 months to
    2024-12-31 are 366 days, so a buyer whose last purchase was on 2024-01-01 is actual, one of 2023-12-31 lost."""
    from crmkit.exercises import ch01

    tx, cust = data.load("retail_transactions"), data.load("retail_customers")
    last = tx[~tx["is_return"]].groupby("customer_id")["date"].max()
    state = cust.set_index("customer_id")["state"].astype(str)
    by_rule = (last > pd.Timestamp("2023-12-31")).map({True: "actual", False: "lost"})
    assert (state.loc[last.index] == by_rule).all()
    assert set(state.drop(last.index)) == {"potential", "target"}
    newyear = last[last == pd.Timestamp("2024-01-01")].index
    assert len(newyear) > 0 and (state.loc[newyear] == "actual").all()
    assert (state.loc[last[last == pd.Timestamp("2023-12-31")].index] == "lost").all()
    # the reference rule of chapter 01's Q10, read at the end of the log, gives the same column
    assert (ch01._customer_states(tx, asof=retail.END) == state.loc[last.index].sort_index()).all()


def test_readme_documents_every_dataset_and_its_true_parameters(root):
    text = (root / "datasets" / "README.md").read_text(encoding="utf-8")
    for name, s in data._registry().items():
        assert f"## `{name}`" in text
        for col in s.columns:
            assert f"`{col}`" in text
    assert "r, alpha (BG/NBD purchase rate, per week)` = 0.55, 6.0" in text
    assert "Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005)" in text


def test_complaints_follow_their_true_parameters():
    """The complaint iceberg: about 5 / 26 / 69 % voice formally / to frontline staff / not at all at
    severity 3, more often when it is severe; a resolved complaint keeps more customers than silence."""
    from crmkit import data
    from crmkit.synth import complaints as gen

    c = data.load("complaints")
    mid = c[c["severity"] == 3]["voice"].value_counts(normalize=True)
    for voice, share in zip(gen.VOICES, gen.VOICE_P):
        assert abs(mid[voice] - share) < 0.04, voice
    silent_by_sev = c.groupby("severity")["voice"].apply(lambda s: (s == "silent").mean())
    assert silent_by_sev.is_monotonic_decreasing
    outcome = c["voice"].astype(str).where(c["voice"] == "silent", c["resolved"].map({True: "resolved", False: "unresolved"}))
    rep = c.groupby(outcome)["repurchased_12m"].mean()
    assert rep["resolved"] > rep["silent"] > rep["unresolved"]
    assert not c.loc[c["voice"] == "silent", "resolved"].any() and c.loc[c["voice"] == "silent", "resolution_days"].isna().all()


def test_readme_does_not_give_the_answer_of_chapter_06_q11(root):
    """ch06 Q11 asks whether our relationships are stronger with the buyers or the deciders; the data's README
    describes the contacts without the role shifts that decide it."""
    from crmkit.synth import accounts

    text = (root / "datasets" / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## `account_contacts`"):text.index("## `cdnow`")]
    assert "role" in section
    for role, shift in accounts.ROLE_SHIFT.items():
        assert f"{shift:+g}" not in section and f"'{role}': {shift}" not in section
    assert accounts.__doc__ and "buyer" not in accounts.__doc__
