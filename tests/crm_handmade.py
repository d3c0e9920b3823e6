"""A small hand-made CRM database whose query answers are worked out by hand in tests/test_crm.py.

As of 2024-03-31 (a Sunday). Six opportunities:

==== ====== ===== ============================================================== ===========
opp  source owner stage history (entered, amount)                                 on 03-31
==== ====== ===== ============================================================== ===========
O1   referral S1  prospecting 01-10 5000, qualification 01-20, proposal 02-10 6000, won
                  negotiation 02-25 5500, won 03-10 5500 (order D1 03-10 5500)
O2   store    S1  prospecting 01-15 2000, qualification 02-01, lost 02-20           lost
O3   store    S2  prospecting 02-05 8000, qualification 02-15, proposal 03-01 9000; proposal
                  won 04-20 9000 (after the as-of date; order D3 04-20 9000)
O4   store    S2  prospecting 01-05 1000 (activities 01-20, and 04-10 after as-of)  prospecting
O5   app      S1  prospecting 02-25 3000, qualification 03-01                       qualification
O6   referral S2  prospecting 03-01 4000, qualification 03-05, proposal 03-10,      lost
                  negotiation 03-15, lost 03-20
==== ====== ===== ============================================================== ===========
"""

from __future__ import annotations

from crmkit import crm

ASOF = "2024-03-31"


def build():
    con = crm.new_database()
    x = con.executemany
    x("INSERT INTO staff VALUES (?, ?, ?, ?, ?)", [
        ("S1", "Li Wei", "sales", "2023-01-01", 1),
        ("S2", "Wang Fang", "sales", "2023-01-01", 1),
        ("S3", "Zhao Min", "service", "2024-03-25", 1),   # new, never logged in: 6 days, not flagged
        ("S4", "Sun Lei", "sales", "2023-01-01", 0),      # left: not checked
        ("S5", "Hu Jing", "sales", "2023-06-01", 1),      # never logged in: 304 days
        ("S6", "Gao Yan", "service", "2023-01-01", 1),    # last login 13 days ago: not flagged
    ])
    x("INSERT INTO logins VALUES (?, ?)", [
        ("S1", "2024-03-28 09:00:00"), ("S1", "2024-03-29 09:00:00"), ("S1", "2024-03-29 14:00:00"),
        ("S1", "2024-03-30 10:00:00"),                     # a Saturday
        ("S2", "2024-03-17 09:00:00"),                     # a Sunday, exactly 14 days before 03-31
        ("S2", "2024-04-02 09:00:00"),                     # after the as-of date
        ("S4", "2024-01-01 09:00:00"),
        ("S6", "2024-03-18 17:00:00"),                     # a Monday, 13 days before
    ])
    x("INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?)", [
        ("A1", "Chen Jie", "East", 1, "gold", "S1", "2023-02-01"),
        ("A2", "Liu Yang", "North", 2, "regular", "S2", "2023-03-01"),
    ])
    x("INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?)", [("P1", "A1", "Chen Jie", "self", "wechat", 1)])
    x("INSERT INTO leads VALUES (?, ?, ?, ?, ?, ?)", [
        ("L1", "A1", "referral", "S1", "2024-01-05", "converted"),
        ("L2", "A1", "store", "S1", "2024-01-10", "converted"),
        ("L3", "A2", "store", "S2", "2024-02-01", "converted"),
        ("L4", "A2", "app", "S2", "2024-03-20", "open"),      # 11 days, never followed up
        ("L5", "A2", "app", "S2", "2024-03-28", "open"),      # 3 days: still within the week
        ("L6", "A1", "store", "S1", "2024-02-15", "open"),    # 45 days, never followed up
        ("L7", "A2", "store", "S2", "2024-03-01", "open"),    # followed up only on 04-05: 30 days
        ("L8", "A1", "app", "S1", "2024-02-20", "converted"), # called on 02-22
    ])
    x("INSERT INTO opportunities VALUES (?, ?, ?, ?, ?, ?, ?)", [
        ("O1", "A1", "L1", "S1", "referral", "gift cards", "2024-01-10"),
        ("O2", "A1", "L2", "S1", "store", "gift cards", "2024-01-15"),
        ("O3", "A2", "L3", "S2", "store", "group purchase", "2024-02-05"),
        ("O4", "A2", None, "S2", "store", "gift cards", "2024-01-05"),
        ("O5", "A1", "L8", "S1", "app", "membership upgrade", "2024-02-25"),
        ("O6", "A2", None, "S2", "referral", "group purchase", "2024-03-01"),
    ])
    x("INSERT INTO stage_history VALUES (?, ?, ?, ?)", [
        ("O1", "prospecting", "2024-01-10", 5000), ("O1", "qualification", "2024-01-20", 5000),
        ("O1", "proposal", "2024-02-10", 6000), ("O1", "negotiation", "2024-02-25", 5500),
        ("O1", "won", "2024-03-10", 5500),
        ("O2", "prospecting", "2024-01-15", 2000), ("O2", "qualification", "2024-02-01", 2000),
        ("O2", "lost", "2024-02-20", 2000),
        ("O3", "prospecting", "2024-02-05", 8000), ("O3", "qualification", "2024-02-15", 8000),
        ("O3", "proposal", "2024-03-01", 9000), ("O3", "won", "2024-04-20", 9000),
        ("O4", "prospecting", "2024-01-05", 1000),
        ("O5", "prospecting", "2024-02-25", 3000), ("O5", "qualification", "2024-03-01", 3000),
        ("O6", "prospecting", "2024-03-01", 4000), ("O6", "qualification", "2024-03-05", 4000),
        ("O6", "proposal", "2024-03-10", 4000), ("O6", "negotiation", "2024-03-15", 4000),
        ("O6", "lost", "2024-03-20", 4000),
    ])
    x("INSERT INTO activities VALUES (?, ?, ?, ?, ?, ?, ?)", [
        ("X1", "S1", "A1", "L1", None, "call", "2024-01-06"),
        ("X2", "S1", "A1", "L2", None, "call", "2024-01-11"),
        ("X3", "S2", "A2", "L3", None, "visit", "2024-02-02"),
        ("X4", "S2", "A2", "L7", None, "call", "2024-04-05"),
        ("X5", "S1", "A1", "L8", None, "wechat", "2024-02-22"),
        ("X6", "S2", "A2", None, "O3", "general action", "2024-03-05"),
        ("X7", "S2", "A2", None, "O4", "general action", "2024-01-20"),
        ("X8", "S2", "A2", None, "O4", "general action", "2024-04-10"),
    ])
    x("INSERT INTO orders VALUES (?, ?, ?, ?, ?)", [
        ("D1", "A1", "O1", "2024-03-10", 5500), ("D3", "A2", "O3", "2024-04-20", 9000),
    ])
    x("INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        ("T1", "A1", "P1", "S3", "complaint", "hotline", "2024-03-26 10:15:00", "2024-03-26 16:00:00", 4),
    ])
    con.commit()
    return con
