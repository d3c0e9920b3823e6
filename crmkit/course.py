"""The course's chapter map (课程章节), in one place.

The README, the start page and the course site all show this table; ``tests/test_course_map.py``
checks that they agree with it and that every chapter notebook is listed. A new chapter adds one
:class:`Chapter` here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Chapter", "CHAPTERS", "chapter_map"]


@dataclass(frozen=True)
class Chapter:
    number: str
    title: str
    notebook: str  # file in notebooks/
    exercises: str  # file in exercises/
    widget: str  # what the chapter lets you explore


CHAPTERS = (
    Chapter("00", "The taxi driver who chooses his passengers (出租车司机如何挑选乘客)", "00_taxi_driver.ipynb",
            "ch00_taxi.ipynb", "taxi shift simulator"),
    Chapter("01", "What CRM is: customer states, relationship value, the classic cases (客户关系管理认知)",
            "01_what_is_crm.ipynb", "ch01_what_is_crm.ipynb", "customer-state funnel explorer"),
    Chapter("02", "CRM versus traditional marketing; delivered value and relationship levels (客户关系管理与传统营销)",
            "02_crm_vs_marketing.ipynb", "ch02_crm_vs_marketing.ipynb", "delivered-value and relationship-level chooser"),
    Chapter("03", "Finding the most valuable customers I: ABC analysis, tiering, pyramid, value matrices (ABC分析法与客户分级)",
            "03_abc_tiering.ipynb", "ch03_abc_tiering.ipynb", "classification explorer"),
    Chapter("04", "Finding the most valuable customers II: RFM analysis, its holdout check and k-means segments (RFM分析法)",
            "04_rfm.ipynb", "ch04_rfm.ipynb", "classification explorer (RFM)"),
    Chapter("05a", "Customer lifecycle and lifetime value I: the textbook formulas, Dwyer, customer events (客户生命周期与CLV分析法)",
            "05a_clv_formulas.ipynb", "ch05a_clv_formulas.ipynb", "CLV model selector (two customers ranked), CLV calculator"),
    Chapter("05b", "Customer lifetime value II: fitted models, BG/NBD and Gamma-Gamma, iso-value curves (拟合法)",
            "05b_clv_models.ipynb", "ch05b_clv_models.ipynb", "P(alive) explorer"),
    Chapter("06", "Influential customers, buying centre and social styles (六类有影响的客户与客户类型分析)",
            "06_influential_customers.ipynb", "ch06_influential_customers.ipynb", "social-style quiz"),
    Chapter("07", "Satisfaction and loyalty: raising customer value (提升客户价值，培育客户忠诚)",
            "07_satisfaction_loyalty.ipynb", "ch07_satisfaction_loyalty.ipynb", "satisfaction-index simulator"),
    Chapter("08", "Controlling customers and switching costs (全面掌控客户与提高转移成本)", "08_switching_costs.ipynb",
            "ch08_switching_costs.ipynb", "switching-cost calculator"),
    Chapter("09", "Retention, churn and complaints (客户挽留、流失及其修复)", "09_retention_churn.ipynb",
            "ch09_retention_churn.ipynb", "retention economics, complaint-iceberg panel"),
    Chapter("10", "Customer credit management (客户信用管理)", "10_credit.ipynb", "ch10_credit.ipynb",
            "credit-limit and receivables explorer"),
    Chapter("11", "Key account relationship management (大客户关系管理与价值提升)", "11_key_accounts.ipynb",
            "ch11_key_accounts.ipynb", "key-account scorecard"),
    Chapter("12", "The CRM system: database, pipeline, company rules and the call centre (客户关系管理系统)",
            "12_crm_system.ipynb", "ch12_crm_system.ipynb", "service-centre staffing"),
    Chapter("13", "Capstone project: a full CRM analysis of one company, from classes to a key-account plan (综合实训)",
            "13_capstone.ipynb", "ch13_capstone.ipynb", "the whole course on one company's data, graded by a rubric"),
    # appendices: numbered A1, A2 ... after the chapters
    Chapter("A1", "Appendix: your own data, from a messy export to RFM, CLV and churn at any size (你自己的数据)",
            "A1_your_own_data.ipynb", "chA1_your_own_data.ipynb", "the data contract's report"),
)


def chapter_map(notebooks: str = "notebooks/", exercises: str = "exercises/") -> str:
    """The chapter table in Markdown, with links relative to where it is shown (the README uses the
    defaults; the start page, inside notebooks/, passes ``""`` and ``"../exercises/"``)."""
    rows = ["| # | chapter | notebook | exercises | explore |", "|---|---|---|---|---|"]
    for c in CHAPTERS:
        rows.append(f"| {c.number} | {c.title} | [{c.notebook[:-6]}]({notebooks}{c.notebook}) | "
                    f"[ch{c.number}]({exercises}{c.exercises}) | {c.widget} |")
    return "\n".join(rows)


#: The sources behind the seeds (参考文献): the course outlines, textbooks and slide decks that the five seed pages
#: copy, with the titles, authors, publishers and years as the seeds and the syllabus give them ("not named" when
#: the seed does not say). Chapters cite them by seed number, [000] .. [004]; the start page lists them
#: (00_start_here.ipynb#references). Then the literature the course adds ([added]) where a chapter quotes it.
REFERENCES = (
    ("[000]", "《客户关系管理与客户分析》 (Customer Relationship Management and Customer Analysis), training course "
              "outline", "Ge Yuhui (葛玉辉)", "Ge Yuhui's website (葛玉辉网站)", "2017"),
    ("[001]", "《客户关系管理》 (Customer Relationship Management), slides of chapter 6 "
              "\"客户忠诚与价值管理\" and the answer book of the 2nd edition (《客户关系管理》第二版课后习题答案册)",
     "not named", "not named", "not given"),
    ("[001]", "《客户关系管理实务》 (Customer Relationship Management in Practice), slides of chapter 6 "
              "\"客户信用及价值管理\" and the answer key of its exercises (练习题参考答案, Ver1.0 S版)",
     "not named", "not named", "2011"),
    ("[001]", "《客户关系管理理论与实务》 (CRM Theory and Practice), course question bank",
     "Shanghai Open University (上海开放大学)", "Shanghai Open University", "not given"),
    ("[002]", "《客户关系管理》 (武汉080906), training slide deck", "not named", "not named", "2012"),
    ("[003]", "《现代推销技术》 (Modern Selling Techniques): chapter 5 \"顾客资格审查\" (customer qualification)",
     "Zhang Chunxia (张春霞), Dai Keshang (戴克商)", "Tsinghua University Press / Beijing Jiaotong University Press "
     "(清华大学出版社, 北京交通大学出版社), Beijing", "2007"),
    ("[003]", "《客户关系管理》 (Customer Relationship Management), 3rd edition, slides (清华客户关系管理第3版详解; "
              "chapter 5 \"目标客户的选择与开发\", chapter 5 \"客户关系管理系统理论\")",
     "Su Zhaohui (苏朝晖) [inferred]", "Tsinghua University Press (清华大学出版社)", "not given"),
    ("[003]", "《客户关系的建立与维护》 training textbook (培训教材, 96 slides): customer information, database warnings",
     "not named", "not named", "not given"),
    ("[003]", "slide decks 《客户生命周期》, CRM培训, 大客户开发技巧与流程, abc法则, 主顾开拓, 客户的再开发, "
              "销售技巧-选择目标客户", "not named", "not named", "not given"),
    ("[004]", "《大客户关系管理与价值提升》 (Key Account Relationship Management and Value Enhancement), 12-hour "
              "training course outline", "not named", "not named", "2015"),
    ("[added]", "Winning and Keeping Industrial Customers: The Dynamics of Customer Relationships",
     "Jackson, B. B.", "Lexington Books, Lexington, MA", "1985"),
    ("[added]", "Customer Lifetime Value: Methods and Marketing Applications (Journal of Direct Marketing 3(4), 8-15)",
     "Dwyer, F. R.", "Wiley", "1989"),
    ("[added]", "The Gamma-Gamma Model of Monetary Value (note, brucehardie.com)", "Fader, P. S. and Hardie, B. G. S.",
     "brucehardie.com", "2013"),
)
