"""What CRM is, and CRM versus traditional marketing (客户关系管理认知; 客户关系管理与传统营销).

The numeric models behind chapters 01 and 02 (syllabus C.2, C.3; B.1-B.4, B.8). Every claim of
those chapters that can be put in numbers is a function here, so a student can test it.

Chapter 01 — what CRM is
  * :func:`customer_funnel`: non-customer -> potential -> target -> actual customer, and the
    customers lost and kept after one year (客户状态漏斗).
  * :func:`ladder_transitions`, :func:`state_flow`: customers moving between states period by
    period (prospect -> first-time -> repeat -> loyal, or lost), a Markov chain.
  * :func:`relationship_vs_transaction`: the value of a customer relationship over the years
    against one transaction ("running a company is running customers", 经营企业就是经营客户).
  * :func:`combs_to_monks`: the comb parable as value created for different customer needs.
  * :func:`grain_of_wheat`: the grain that is eaten, or sown and multiplied (一粒麦子的命运).
  * :func:`qualify_prospects`, :data:`MAN_RULE`: qualifying a prospect by need, ability to pay and
    decision authority (顾客资格审查, the MAN rule).
  * Data: :data:`CUSTOMER_STATES`, :data:`CRM_FUNCTIONS`, :data:`CRM_GOALS`, :data:`CRM_DRIVERS`,
    :data:`CRM_SYSTEM_FEATURES`, :data:`CUSTOMER_VALUES`, :data:`COMB_SELLERS`, :data:`PROSPECTING_METHODS`
    (寻找客户的方法), :data:`CUSTOMER_INFORMATION` (客户信息的类型).

Chapter 02 — CRM versus traditional marketing
  * :data:`SEVEN_DIFFERENCES`: the seven headings of seed 000, filled in by the course ([added]).
  * :func:`delivered_value`, :func:`compare_offers`: customer delivered value (客户让渡价值)
    = total customer value - total customer cost, and the offer a customer chooses.
  * :func:`relationship_level`, :func:`relationship_level_from_counts`: Kotler's five relationship
    levels (客户关系的五种类型) chosen from the number of customers and the margin.
  * :func:`bond_level`, :data:`BOND_LEVELS`: the three levels of relationship marketing
    (financial, social, structural; 财务、社交、结构层次).
  * :func:`selling_time`: how a traditional and a key-account salesperson spend a week.

Results are DataFrames or frozen dataclasses; every input is checked by :mod:`crmkit._validate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from . import _validate as v
from . import money
from .errors import DataError, ParameterError

__all__ = [
    # chapter 01
    "CUSTOMER_STATES", "CRM_FUNCTIONS", "CRM_GOALS", "CRM_DRIVERS", "CRM_SYSTEM_FEATURES", "CUSTOMER_VALUES",
    "COMB_SELLERS", "LADDER_STATES",
    "Funnel", "customer_funnel", "ladder_transitions", "state_flow",
    "RelationshipValue", "relationship_vs_transaction", "combs_to_monks", "grain_of_wheat",
    "PROSPECTING_METHODS", "CUSTOMER_INFORMATION", "MAN_RULE", "qualify_prospects",
    # chapter 02
    "SEVEN_DIFFERENCES", "VALUE_COMPONENTS", "COST_COMPONENTS", "RELATIONSHIP_LEVELS", "KOTLER_MATRIX",
    "BOND_LEVELS", "BOND_EXAMPLES", "SELLING_STEPS",
    "DeliveredValue", "delivered_value", "OfferComparison", "compare_offers",
    "RelationshipLevel", "relationship_level", "relationship_level_from_counts", "Bond", "bond_level",
    "selling_time",
]

#: Largest number of seasons :func:`grain_of_wheat` computes (the harvest grows geometrically).
MAX_SEASONS = 200

# ============================================================================================
# Chapter 01 — data from the seeds (SYLLABUS B.1, B.2)
# ============================================================================================

#: The customer states of the seed's answer key [001], in order (客户状态).
CUSTOMER_STATES = pd.DataFrame(
    [
        ("non-customer", "非客户", "has no need for, or no access to, what we sell"),
        ("potential", "潜在客户", "has need, desire, motive and ability to buy, but has not bought yet"),
        ("target", "目标客户", "a potential customer the company chooses to develop into a buyer"),
        ("actual", "现实客户", "has bought (and may buy again)"),
        ("lost", "流失客户", "bought before, no longer buys"),
    ],
    columns=["state", "state_zh", "meaning"],
)

#: The four functions of CRM [001]; the seed's quiz asks which one is not (HR management).
CRM_FUNCTIONS = pd.DataFrame(
    [
        ("customer information management", "客户的信息管理", True),
        ("marketing management", "市场营销管理", True),
        ("sales management", "销售管理", True),
        ("measurement of customer quality", "客户质量的衡量", True),
        ("HR management", "人事管理", False),
    ],
    columns=["function", "function_zh", "is_crm_function"],
)

#: The three goals of CRM [002], [001].
CRM_GOALS = pd.DataFrame(
    [
        ("raise efficiency", "提高效率", "automated processes, information shared across the company, less training"),
        ("expand the market", "拓展市场", "new business models (phone, web), more market share"),
        ("retain customers", "保留客户",
         "customers choose how to contact us and get better service; more old customers kept, new ones attracted"),
    ],
    columns=["goal", "goal_zh", "how"],
)

#: The four drivers of CRM [002].
CRM_DRIVERS = pd.DataFrame(
    [
        ("business", "业务", "commoditised products, global and new competitors: loyalty becomes the key success factor"),
        ("customers", "客户", "expectations change fast; customers choose whom, when and how, free of geography"),
        ("market", "市场", "ever smaller segments, new channels and media, mass customisation"),
        ("technology", "技术", "the Internet, data warehousing and data mining, collaboration tools"),
    ],
    columns=["driver", "driver_zh", "what_changed"],
)

#: Features of CRM software and the system type they belong to [001] (operational 运营型,
#: analytical 分析型, collaborative 协作型). The examples are the course's own ([added]).
CRM_SYSTEM_FEATURES = pd.DataFrame(
    [
        ("sales-opportunity stage tracking", "operational"),
        ("contact management of the sales force", "operational"),
        ("marketing campaign execution", "operational"),
        ("purchase-propensity prediction model", "analytical"),
        ("customer segmentation from the data warehouse", "analytical"),
        ("customer lifetime value report", "analytical"),
        ("call-centre ACD routing", "collaborative"),
        ("web self-service and e-mail channel", "collaborative"),
        ("shared customer view across phone, web and store", "collaborative"),
    ],
    columns=["feature", "system_type"],
)

#: Five kinds of value a customer has for the company [003] (客户的五种价值).
CUSTOMER_VALUES = pd.DataFrame(
    [
        ("profit source", "利润源泉", "money tree (摇钱树)"),
        ("gathering effect", "聚客效应", "seeding machine (播种机): customers attract customers"),
        ("information value", "信息价值", "cosmetic mirror (整容镜): shows our flaws"),
        ("word-of-mouth value", "口碑价值", "propaganda team (宣传队)"),
        ("weapon against competition", "对付竞争的利器", "loyal customers cannot be copied or bought quickly"),
    ],
    columns=["value", "value_zh", "image"],
)

#: The comb parable (把梳子卖给和尚), widely told version ([added]; SYLLABUS A.1.5): the counts are
#: the only numbers of the story ("none or one", "about ten", "about a thousand").
COMB_SELLERS = pd.DataFrame(
    [
        (1, "sells combs as combs, to monks", "monks", "tidy one's hair (monks have none)", 1),
        (2, "combs in the temple for pilgrims whose hair the wind has blown", "the temple, for its pilgrims",
         "pilgrims look neat before the Buddha", 10),
        (3, "'blessing combs' (积善梳) inscribed by the abbot, given to donors", "the temple, for its donors",
         "the temple thanks donors and raises funds", 1000),
    ],
    columns=["salesman", "idea", "customer", "need_served", "combs_sold"],
).set_index("salesman")


# ============================================================================================
# Chapter 01 — the customer-state funnel
# ============================================================================================


@dataclass(frozen=True)
class Funnel:
    """The customer-state funnel of one year: a table of stages and the three numbers that matter."""

    table: pd.DataFrame  # one row per stage: stage, stage_zh, customers, rate (from the stage before), share
    bought: float  # customers who became actual customers during the year
    lost: float  # of those, lost within the year
    kept: float  # actual customers after one year


@v.params(population=v.Number(low=0, kind="size"), potential_rate=v.Share(), target_rate=v.Share(), purchase_rate=v.Share(),
          churn_rate=v.Share())
def customer_funnel(population: float = 10_000, potential_rate: float = 0.20, target_rate: float = 0.40,
                    purchase_rate: float = 0.25, churn_rate: float = 0.10) -> Funnel:
    """Follow ``population`` non-customers through the states of the seed [001] for one year.

    ``potential_rate`` of the non-customers become potential customers, ``target_rate`` of those
    are chosen as targets, ``purchase_rate`` of the targets buy, and ``churn_rate`` of the buyers
    are lost within the year. All rates are shares (0.2, not 20).

    >>> f = customer_funnel(5_000, 0.30, 0.50, 0.20, 0.15)
    >>> f.bought, f.lost, f.kept
    (150.0, 22.5, 127.5)
    """
    n = population
    rates = [potential_rate, target_rate, purchase_rate, churn_rate]
    potential = n * rates[0]
    target = potential * rates[1]
    bought = target * rates[2]
    lost = bought * rates[3]
    kept = bought - lost
    rows = [
        ("non-customer", "非客户", n, 1.0),
        ("potential", "潜在客户", potential, rates[0]),
        ("target", "目标客户", target, rates[1]),
        ("actual", "现实客户", bought, rates[2]),
        ("lost", "流失客户", lost, rates[3]),
        ("actual after one year", "一年后的现实客户", kept, 1 - rates[3]),
    ]
    table = pd.DataFrame(rows, columns=["stage", "stage_zh", "customers", "rate"])
    table["share_of_population"] = table["customers"] / n if n > 0 else 0.0
    return Funnel(table, float(bought), float(lost), float(kept))


#: The states of the customer ladder used by :func:`ladder_transitions` ([added]: the loyalty
#: ladder of Christopher, Payne and Ballantyne, shortened to four steps and the lost state).
LADDER_STATES = ("prospect", "first_time", "repeat", "loyal", "lost")


@v.params(first_purchase=v.Share(), repeat=v.Share(), loyal=v.Share(), churn=v.Share(), loyal_churn=v.Share())
def ladder_transitions(first_purchase: float = 0.10, repeat: float = 0.40, loyal: float = 0.30,
                       churn: float = 0.20, loyal_churn: float = 0.05) -> pd.DataFrame:
    """The transition matrix of the customer ladder for one period (rows: from, columns: to).

    * a prospect buys for the first time with probability ``first_purchase``, else stays a prospect;
    * a first-time customer buys again (``repeat``) or is lost;
    * a repeat customer becomes loyal (``loyal``), is lost (``churn``) or stays a repeat customer;
    * a loyal customer is lost with probability ``loyal_churn``, else stays loyal;
    * a lost customer stays lost (win-back is chapter 09).

    Each row sums to 1, as :func:`state_flow` requires.
    """
    p, r, lo, c, lc = first_purchase, repeat, loyal, churn, loyal_churn
    if lo + c > 1 + 1e-12:
        raise ParameterError(f"loyal + churn must be at most 1 (a repeat customer cannot become loyal and be lost "
                             f"at once); got {lo} + {c} = {lo + c:.4g}.")
    m = pd.DataFrame(0.0, index=list(LADDER_STATES), columns=list(LADDER_STATES))
    m.loc["prospect", ["prospect", "first_time"]] = [1 - p, p]
    m.loc["first_time", ["repeat", "lost"]] = [r, 1 - r]
    m.loc["repeat", ["repeat", "loyal", "lost"]] = [max(1 - lo - c, 0.0), lo, c]
    m.loc["loyal", ["loyal", "lost"]] = [1 - lc, lc]
    m.loc["lost", "lost"] = 1.0
    m.index.name, m.columns.name = "from", "to"
    return m


def _transition_matrix(transitions) -> pd.DataFrame:
    df = v.table(transitions, (), "transition matrix")
    states = [str(s) for s in df.index]
    if len(set(states)) != len(states):
        raise DataError(f"The transition matrix has repeated row states: {states}.")
    cols = [str(c) for c in df.columns]
    missing = [s for s in states if s not in cols]
    extra = [c for c in cols if c not in states]
    if missing or extra:
        raise DataError(f"The transition matrix must have one column per state (its rows are {states}); "
                        f"missing column(s) {missing}, unknown column(s) {extra}.")
    df = df.copy()
    df.columns = cols
    df.index = states
    for c in cols:
        df[c] = v.numeric_column(df, c, "transition matrix", allow_negative=False, high=1)
    df = df[states]
    sums = df.sum(axis=1)
    bad = (sums - 1).abs() > 1e-6
    if bad.any():
        rows = ", ".join(f"{s!r} sums to {sums[s]:.4g}" for s in sums.index[bad])
        raise DataError(f"Each row of the transition matrix holds the shares of customers moving from that state, "
                        f"so it must sum to 1: {rows}.")
    return df


def _start(name, start) -> Mapping:
    if not isinstance(start, Mapping):
        raise ParameterError(f"start must be a mapping of state -> customers, e.g. {{'prospect': 1000}}; "
                             f"got {type(start).__name__}.")
    if not start:
        raise ParameterError("start is empty: give the customers in at least one state.")
    return start


@v.params(transitions=v.Custom(lambda name, t: _transition_matrix(t), "a square table of shares, rows summing to 1"),
          start=v.Custom(_start, "state -> customers at period 0"),
          periods=v.Number(low=0, high=v.MAX_PERIODS, integer=True, kind="size"))
def state_flow(start: Mapping, transitions: pd.DataFrame, periods: int = 5) -> pd.DataFrame:
    """Expected customers in each state, period by period, from ``start`` through ``transitions``.

    ``start``: customers per state at period 0, e.g. ``{"prospect": 10_000}`` (states not named
    start empty). ``transitions``: a square table, rows = from, columns = to, each row summing to 1
    (e.g. :func:`ladder_transitions`). Returns a table with one row per period (0..periods) and one
    column per state; every row has the same total (customers move, nobody appears or vanishes).
    """
    m = transitions
    states = list(m.index)
    x = np.zeros(len(states))
    for key, count in start.items():
        state = v.choice("start state", key, states)
        x[states.index(state)] = v.number(f"start[{key!r}]", count, low=0)
    n = periods
    a = m.to_numpy()
    out = np.empty((n + 1, len(states)))
    out[0] = x
    for t in range(1, n + 1):
        out[t] = out[t - 1] @ a
    df = pd.DataFrame(out, columns=states)
    df.index.name = "period"
    return df


# ============================================================================================
# Chapter 01 — a relationship against one transaction; the comb and wheat parables
# ============================================================================================


@dataclass(frozen=True)
class RelationshipValue:
    """One transaction against the expected value of the relationship it can start."""

    transaction: float  # the margin of the first purchase alone
    relationship: float  # expected present value of all purchases (and referrals) over the years
    multiple: float  # relationship / transaction
    by_year: pd.DataFrame  # year, still_customer, expected_margin, present_value, cumulative


@v.params(margin=v.Number(low=0, low_open=True, kind="money"),
          years=v.Number(low=1, high=v.MAX_PERIODS, integer=True, kind="size"), retention=v.Share(),
          discount=v.Number(low=0, high=1), referral_rate=v.Number(low=0, high=100))
def relationship_vs_transaction(margin: float = 100.0, years: int = 5, retention: float = 0.8,
                                discount: float = 0.10, referral_rate: float = 0.0) -> RelationshipValue:
    """The value of a customer relationship over ``years`` against one transaction.

    The customer buys once a year; the first purchase (year 0) is certain and not discounted; in
    year t he is still a customer with probability ``retention ** t`` and that year's margin is
    discounted t years (:mod:`crmkit.money`, margin at the start of each year). Each year he
    is a customer he brings ``referral_rate`` new customers, counted at one purchase each
    (the seed's word of mouth: 100 satisfied customers bring 25 new ones, ``referral_rate=0.25``).

    >>> r = relationship_vs_transaction(margin=100, years=3, retention=0.8, discount=0.10)
    >>> round(r.relationship, 2), round(r.multiple, 3)
    (225.62, 2.256)
    """
    m, n, r, d, q = margin, years, retention, discount, referral_rate
    t = np.arange(n)
    with np.errstate(over="ignore", invalid="ignore"):
        alive = money.survival(r, n)
        expected = m * alive * (1 + q)
        pv = expected * money.discount_factors(d, n, timing="start")
        total = float(pv.sum())
    by_year = pd.DataFrame({"year": t, "still_customer": alive, "expected_margin": expected, "present_value": pv,
                            "cumulative": np.cumsum(pv)})
    if not np.isfinite(total) or not np.isfinite(by_year.to_numpy()).all():
        raise ParameterError(f"The relationship value overflows with margin {m:g}; use a smaller margin.")
    return RelationshipValue(m, total, total / m, by_year)


@v.params(price=v.Number(low=0, kind="money"), unit_cost=v.Number(low=0, kind="money"))
def combs_to_monks(price: float = 10.0, unit_cost: float = 0.0) -> pd.DataFrame:
    """The three comb sellers (:data:`COMB_SELLERS`) at a ``price`` and ``unit_cost`` per comb (¥).

    The story gives only the counts (1, 10, 1000); price and cost are yours to set (the chapter
    uses ¥10 and ¥4 as an [added] assumption). Returns revenue, margin and the multiple of the
    first seller's sales: the same product sells a thousand times more when it serves a need
    the customer really has.
    """
    p, c = price, unit_cost
    df = COMB_SELLERS.copy()
    with np.errstate(over="ignore", invalid="ignore"):
        df["revenue"] = df["combs_sold"] * p
        df["margin"] = df["combs_sold"] * (p - c)
    df["multiple_of_first"] = df["combs_sold"] / df["combs_sold"].iloc[0]
    if not np.isfinite(df[["revenue", "margin"]].to_numpy()).all():
        raise ParameterError("price or unit_cost is too large to compute with.")
    return df


@v.params(seasons=v.Number(low=1, high=MAX_SEASONS, integer=True, kind="size"), grains_per_grain=v.Number(low=0),
          sow_share=v.Share())
def grain_of_wheat(seasons: int = 3, grains_per_grain: float = 30.0, sow_share: float = 0.5) -> pd.DataFrame:
    """The fate of a grain of wheat (一粒麦子的命运): eaten now it is one grain; sown it multiplies.

    Season 1 sows the one grain; each season's harvest is ``grains_per_grain`` times what was sown;
    ``sow_share`` of the harvest is sown again, the rest eaten. Returns per season: sown, harvested,
    eaten, cumulative eaten. (Grains per grain is an [added] assumption: an ear of wheat holds
    some 30-50 grains.)

    >>> grain_of_wheat(2, 30, 0.5)["cumulative_eaten"].tolist()
    [15.0, 240.0]
    """
    n, k, s = seasons, grains_per_grain, sow_share
    rows, sown, total = [], 1.0, 0.0
    for season in range(1, n + 1):
        harvest = sown * k
        eaten = harvest * (1 - s)
        total += eaten
        rows.append((season, sown, harvest, eaten, total))
        sown = harvest * s
    df = pd.DataFrame(rows, columns=["season", "sown", "harvested", "eaten", "cumulative_eaten"]).set_index("season")
    if not np.isfinite(df.to_numpy()).all():
        raise ParameterError(f"The harvest exceeds the largest number a computer holds after {n} seasons at "
                             f"{k:g} grains per grain; use fewer seasons.")
    return df


# ============================================================================================
# Chapter 01 — finding and qualifying customers; customer information (SYLLABUS B.15)
# ============================================================================================

#: Methods of finding prospects (寻找潜在客户的方法). The ten of the textbook [003] (5.3-a), then the
#: centre-of-influence method and the bird-dog method of the quiz [001]; other names the textbooks use
#: for the same method in ``also_called_zh``. Online search is the course's own addition ([added]).
PROSPECTING_METHODS = pd.DataFrame(
    [
        ("canvassing", "普遍寻找法", "逐户访问法", "visit every household or company in an area, door to door", "挨家挨户拜访一个区域内的每户人家或每家单位", "[003]"),
        ("advertising", "广告寻找法", "广告开拓法", "advertise and follow up whoever responds", "做广告，再跟进每一个有回应的人", "[003]"),
        ("referral", "介绍寻找法", "连锁介绍法", "ask each customer to introduce further prospects, link by link",
         "请每位客户介绍新的潜在客户，一环接一环", "[003]"),
        ("records", "资料查阅寻找法", "", "search directories, statistics, yearbooks, the press and registers",
         "查阅名录、统计资料、年鉴、报刊和登记资料", "[003]"),
        ("buying lists", "购买名单法", "", "buy or rent a list of names from a list broker or another company",
         "向名录公司或其他企业购买、租用客户名单", "[003]"),
        ("industry ranking", "行业排位法", "", "start from the leaders of an industry's ranking", "从行业排名靠前的企业入手", "[003]"),
        ("trade fairs", "交易会寻找法", "", "meet buyers at trade fairs and exhibitions", "在交易会和展览会上结识买家", "[003]"),
        ("consulting", "咨询寻找法", "", "obtain leads from consultants and information services", "从咨询机构和信息服务机构获取线索", "[003]"),
        ("company events", "企业各类活动寻找法", "", "open days, product launches, seminars, sponsored events", "开放日、产品发布会、研讨会、赞助活动", "[003]"),
        ("adopting orphans", "收养孤儿法", "",
         "take over the customers of a salesperson who has left the company",
         "接手已离职销售员留下的客户", "[003]"),
        ("centre of influence", "中心开花法", "",
         "win the influential people of a target group, and let them bring the others",
         "争取目标客户群中有影响的人，再由他们带动其他人", "[001]"),
        ("bird-dog", "猎犬法", "委托助手法", "pay helpers (agents, part-timers) to find prospects for you", "付费委托助手（代理人、兼职人员）替你寻找潜在客户", "[001]"),
        ("online search", "网络寻找法", "", "search the web, social media and online platforms", "在网站、社交媒体和网络平台上寻找", "[added]"),
    ],
    columns=["method", "method_zh", "also_called_zh", "how", "how_zh", "source"],
)

#: What a company should know about a customer (应当掌握客户的哪些信息) [003]: eight kinds for an
#: individual, five for a business. The examples are the course's own ([added]).
CUSTOMER_INFORMATION = pd.DataFrame(
    [
        ("individual", "basic information", "基本信息", "name, age, address, phone, WeChat", "姓名、年龄、住址、电话、微信"),
        ("individual", "consumption", "消费情况", "what, how often, how much and where he buys", "买什么、多久买一次、买多少、在哪里买"),
        ("individual", "education", "教育情况", "schools, degree, field of study", "就读学校、学历、所学专业"),
        ("individual", "career", "事业情况", "employer, post, income, career plans", "工作单位、职务、收入、职业规划"),
        ("individual", "family", "家庭情况", "spouse, children, their ages and birthdays", "配偶、子女及其年龄和生日"),
        ("individual", "life", "生活情况", "hobbies, sports, holidays, health", "爱好、运动、度假、健康"),
        ("individual", "personality", "个性情况", "temperament, likes and dislikes, how he decides", "性格、好恶、做决定的方式"),
        ("individual", "social relations", "人际情况", "friends, associations, whom he listens to", "朋友、所属团体、他听谁的"),
        ("business", "basic information", "基本信息", "name, address, legal form, founding date, size", "名称、地址、企业性质、成立日期、规模"),
        ("business", "characteristics", "客户特征", "industry, strategy, market position, culture", "行业、战略、市场地位、企业文化"),
        ("business", "business status", "业务状况", "sales, market share, profitability, suppliers", "销售额、市场份额、盈利能力、供应商"),
        ("business", "transaction status", "交易状况", "orders, payments, credit, complaints with us", "与我们的订单、付款、信用、投诉"),
        ("business", "person in charge", "负责人信息", "the decision makers: post, style, interests", "决策者：职务、风格、兴趣"),
    ],
    columns=["customer", "kind", "kind_zh", "examples", "examples_zh"],
)

#: The MAN rule (MAN法则) for qualifying a prospect (顾客资格审查) [003]: the textbook's three checks --
#: need (顾客需求审查), ability to pay (顾客支付能力审查) and decision authority (顾客决策权审查); the
#: label MAN (Money, Authority, Need) and the eight verdicts are the usual ones of selling textbooks
#: ([added]). A capital letter: the prospect has it; a small letter: he lacks it.
MAN_RULE = pd.DataFrame(
    [
        ("MAN", True, True, True, "qualified prospect", "合格的准顾客", "the ideal prospect: sell now", "理想的推销对象：立即推销"),
        ("MAn", True, True, False, "develop the need", "可以接触",
         "approach; show him a need he has not seen (skilled selling can succeed)",
         "可以接触；让他看到自己没有意识到的需求（配以熟练的推销技巧，有成功的希望）"),
        ("MaN", True, False, True, "find the decider", "可以接触", "approach; find the person with the authority",
         "可以接触；设法找到有决策权的人"),
        ("mAN", False, True, True, "check the means", "可以接触",
         "approach; check his business and credit, offer payment terms or financing",
         "可以接触；调查其业务状况和信用，给予付款条件或融资"),
        ("maN", False, False, True, "cultivate", "长期观察、培养", "keep in touch and watch for the missing conditions",
         "保持接触，长期观察、培养，等待欠缺的条件成熟"),
        ("mAn", False, True, False, "cultivate", "长期观察、培养", "keep in touch and watch for the missing conditions",
         "保持接触，长期观察、培养，等待欠缺的条件成熟"),
        ("Man", True, False, False, "cultivate", "长期观察、培养", "keep in touch and watch for the missing conditions",
         "保持接触，长期观察、培养，等待欠缺的条件成熟"),
        ("man", False, False, False, "not a prospect", "非准顾客", "stop: spend the time on other prospects",
         "停止接触：把时间花在其他准顾客身上"),
    ],
    columns=["code", "money", "authority", "need", "verdict", "verdict_zh", "advice", "advice_zh"],
)


@v.params(need=v.Column(), money=v.Column(), authority=v.Column(),
          prospects=v.Table("prospects", columns=("need", "money", "authority")))
def qualify_prospects(prospects: pd.DataFrame, *, need: str = "need", money: str = "money",
                      authority: str = "authority") -> pd.DataFrame:
    """Customer qualification (顾客资格审查) by the MAN rule: one row per prospect (the index of ``prospects``).

    ``need``, ``money`` and ``authority`` name yes/no columns (True/False, 1/0, yes/no, 是/否): does the
    prospect need what we sell, can he pay for it, does he (or a contact we reach) have the authority to buy?
    Columns of the result: the three checks as bools, ``code`` (MAN, MAn ... man: a small letter is a check
    failed), ``qualified`` (all three passed), ``verdict`` and ``advice`` from :data:`MAN_RULE`.
    """
    checks = pd.DataFrame({
        "money": v.flag_column(prospects, money, "prospects").to_numpy(),
        "authority": v.flag_column(prospects, authority, "prospects").to_numpy(),
        "need": v.flag_column(prospects, need, "prospects").to_numpy(),
    }, index=prospects.index)
    code = (np.where(checks["money"], "M", "m").astype(object) + np.where(checks["authority"], "A", "a")
            + np.where(checks["need"], "N", "n"))
    rule = MAN_RULE.set_index("code")
    out = checks.assign(code=code, qualified=checks.all(axis=1))
    out["verdict"] = rule.loc[code, "verdict"].to_numpy()
    out["advice"] = rule.loc[code, "advice"].to_numpy()
    out["advice_zh"] = rule.loc[code, "advice_zh"].to_numpy()
    return out


# ============================================================================================
# Chapter 02 — CRM versus traditional marketing
# ============================================================================================

#: The seven differences: the headings are seed 000's (topic 2); the contents are the course's
#: own ([added]), since the seed gives headings only.
SEVEN_DIFFERENCES = pd.DataFrame(
    [
        (1, "focus / philosophy", "关注理念的差别", "the product and the single sale (transaction)",
         "the customer and the relationship over its lifetime"),
        (2, "centre of gravity of the work", "营销工作的重心不同", "winning new customers",
         "keeping and developing existing customers"),
        (3, "goals", "工作目标的区别", "sales volume and market share",
         "share of customer (share of wallet), retention and customer lifetime value"),
        (4, "techniques", "营销技巧的差别", "the 4Ps: product, price, place, promotion",
         "interaction, service and personalised offers"),
        (5, "means", "工作手段的不同", "mass media and advertising",
         "customer databases, direct and digital channels, CRM systems"),
        (6, "path to the goals", "目标实现路径的不同", "acquisition: more customers, each bought once",
         "retention and development: more purchases per customer, over more years"),
        (7, "other characteristics", "其他特征", "one department (marketing/sales); short-term measures",
         "the whole company, customer-centred (以客户为中心); long-term measures"),
    ],
    columns=["no", "dimension", "dimension_zh", "traditional_marketing", "crm"],
).set_index("no")

#: The components of customer delivered value (客户让渡价值) [001]: total customer value ...
VALUE_COMPONENTS = {"product": "产品价值", "service": "服务价值", "personnel": "人员价值", "image": "形象价值"}
#: ... and total customer cost. Kotler's English: energy cost = physical effort (体力成本),
#: psychic cost = mental stress and worry (精神成本).
COST_COMPONENTS = {"money": "货币成本", "time": "时间成本", "energy": "体力成本", "psychic": "精神成本"}


@dataclass(frozen=True)
class DeliveredValue:
    """Customer delivered value = total customer value - total customer cost (客户让渡价值)."""

    total_value: float
    total_cost: float
    delivered_value: float
    value_cost_ratio: float | None  # total value / total cost; None when the cost is 0
    components: pd.Series  # the eight components, value first


_COMPONENT = v.Number(low=0, kind="money")


@v.params(product=_COMPONENT, service=_COMPONENT, personnel=_COMPONENT, image=_COMPONENT, money=_COMPONENT,
          time=_COMPONENT, energy=_COMPONENT, psychic=_COMPONENT)
def delivered_value(product: float, service: float, personnel: float, image: float, money: float,
                    time: float, energy: float, psychic: float) -> DeliveredValue:
    """Customer delivered value of one offer, every component in ¥ (or points on one scale).

    Total customer value = product + service + personnel + image value; total customer cost =
    money + time + energy (体力) + psychic (精神) cost; delivered value = value - cost [001].

    >>> delivered_value(300, 100, 50, 50, 350, 20, 10, 20).delivered_value
    100.0
    """
    comps = {"product": product, "service": service, "personnel": personnel, "image": image, "money": money,
             "time": time, "energy": energy, "psychic": psychic}
    value = sum(comps[k] for k in VALUE_COMPONENTS)
    cost = sum(comps[k] for k in COST_COMPONENTS)
    if not np.isfinite(value - cost):
        raise ParameterError("The components are too large to add up; use smaller numbers.")
    ratio = value / cost if cost > 0 else None
    return DeliveredValue(float(value), float(cost), float(value - cost), ratio, pd.Series(comps, dtype=float))


@dataclass(frozen=True)
class OfferComparison:
    """Several offers side by side and the one a value-maximising customer chooses."""

    table: pd.DataFrame  # one row per offer: the eight components, total_value, total_cost, delivered_value
    chosen: str | None  # the offer with the highest delivered value; None when two or more tie
    tied: tuple  # the offers sharing the highest delivered value (one name unless tied)


def _offers(name, offers) -> pd.DataFrame:
    if isinstance(offers, Mapping):
        if not offers:
            raise ParameterError("offers is empty: give at least one offer.")
        for key, comp in offers.items():
            if not isinstance(comp, Mapping):
                raise ParameterError(f"offer {key!r} must be a mapping of the eight components, "
                                     f"e.g. {{'product': 500, ...}}; got {type(comp).__name__}.")
        offers = pd.DataFrame.from_dict(offers, orient="index")
    return v.table(offers, list(VALUE_COMPONENTS) + list(COST_COMPONENTS), "offers table")


@v.params(offers=v.Custom(_offers, "a table of offers (or a mapping of them) with the eight components"))
def compare_offers(offers) -> OfferComparison:
    """Compare offers by delivered value; the customer chooses the highest (Kotler's hypothesis).

    ``offers``: a table with one row per offer (the index names the offers) and the eight
    component columns of :func:`delivered_value`, or a mapping ``{"X": {"product": ..., ...}}``.
    """
    cols = list(VALUE_COMPONENTS) + list(COST_COMPONENTS)
    df = offers
    extra = [c for c in df.columns if c not in cols]
    if extra:
        raise DataError(f"The offers table has unknown column(s) {extra}; the components are {cols}.")
    names = [str(i) for i in df.index]
    if len(set(names)) != len(names):
        raise DataError(f"The offers table names an offer twice: {names}.")
    out = pd.DataFrame({c: v.numeric_column(df, c, "offers table", allow_negative=False) for c in cols})
    out.index = pd.Index(names, name="offer")
    with np.errstate(over="ignore", invalid="ignore"):
        out["total_value"] = out[list(VALUE_COMPONENTS)].sum(axis=1)
        out["total_cost"] = out[list(COST_COMPONENTS)].sum(axis=1)
        out["delivered_value"] = out["total_value"] - out["total_cost"]
    if not np.isfinite(out.to_numpy()).all():
        raise DataError("The offers' components are too large to add up; use smaller numbers.")
    best = out["delivered_value"].max()
    tied = tuple(out.index[np.isclose(out["delivered_value"], best, rtol=0, atol=1e-9)])
    out["chosen"] = out.index.isin(tied) & (len(tied) == 1)
    return OfferComparison(out, tied[0] if len(tied) == 1 else None, tied)


#: Kotler's five relationship levels, with the seed's description [002] (与客户建立关系的五种类型).
RELATIONSHIP_LEVELS = pd.DataFrame(
    [
        ("basic", "基本型", 1, "The salesperson simply sells the product.", "推销员只是简单的出售产品。"),
        ("reactive", "反应型", 2,
         "The salesperson sells the product and encourages the customer to call the company if anything is "
         "unsatisfactory.", "推销员售出产品,并鼓励客户,如有什么不满意就打电话给公司。"),
        ("accountable", "可靠型", 3,
         "Shortly after the sale the salesperson calls the customer to check whether the product meets his "
         "expectations, and collects suggestions for improvement and any shortcomings.",
         "推销员在售后不久就打电话给客户,以了解产品是否与客户期望吻合,并征集各种有关改进产品的建议及任何不足之处。"),
        ("proactive", "主动型", 4,
         "The company's salespeople often phone customers to discuss improved uses or new products.",
         "公司销售人员经常与客户电话联系,讨论有关产品改进用途或开发新产品的各种建议。"),
        ("partnership", "合伙型", 5,
         "The company works together with the customer to find ways to change how the customer spends money "
         "or to help the customer act better.",
         "公司与客户相处在一起,以找到影响客户花钱方式或者帮助客户更好地行动的途径。"),
    ],
    columns=["level", "level_zh", "intensity", "description", "description_zh"],
).set_index("level")

CUSTOMER_COUNTS = ("many", "medium", "few")
MARGINS = ("high", "medium", "low")
_CUSTOMER_ZH = {"多": "many", "中": "medium", "少": "few"}
_MARGIN_ZH = {"高": "high", "中": "medium", "低": "low"}

#: Kotler's choice matrix ([added]; Kotler, *Marketing Management*): rows = number of customers,
#: columns = profit margin. "many customers, low margin" reads "basic or reactive".
KOTLER_MATRIX = pd.DataFrame(
    [["accountable", "reactive", "basic or reactive"],
     ["proactive", "accountable", "reactive"],
     ["partnership", "proactive", "accountable"]],
    index=pd.Index(CUSTOMER_COUNTS, name="customers"), columns=pd.Index(MARGINS, name="margin"),
)


@dataclass(frozen=True)
class RelationshipLevel:
    """The relationship level Kotler's matrix recommends for a number of customers and a margin."""

    customers: str  # "many", "medium" or "few"
    margin: str  # "high", "medium" or "low"
    level: str  # the recommended level (the first one named)
    alternative: str | None  # a second acceptable level ("reactive" for many customers at a low margin)
    level_zh: str
    description: str  # the seed's description of the level [002], in English ...
    description_zh: str  # ... and in the seed's Chinese


@v.params(customers=v.Custom(lambda name, c: v.choice(name, _CUSTOMER_ZH.get(c, c) if isinstance(c, str) else c,
                                                       CUSTOMER_COUNTS), "'many', 'medium' or 'few' (多/中/少)"),
          margin=v.Custom(lambda name, m: v.choice(name, _MARGIN_ZH.get(m, m) if isinstance(m, str) else m, MARGINS),
                          "'high', 'medium' or 'low' (高/中/低)"))
def relationship_level(customers: str, margin: str) -> RelationshipLevel:
    """Kotler's relationship level for ``customers`` ("many", "medium", "few") and ``margin``
    ("high", "medium", "low"): many customers at a low margin -> basic (or reactive); few
    customers at a high margin -> partnership. The Chinese 多/中/少 and 高/中/低 are accepted too.
    """
    c, m = customers, margin
    cell = KOTLER_MATRIX.loc[c, m].split(" or ")
    level, alternative = cell[0], (cell[1] if len(cell) > 1 else None)
    row = RELATIONSHIP_LEVELS.loc[level]
    return RelationshipLevel(c, m, level, alternative, row["level_zh"], row["description"], row["description_zh"])


@v.params(n_customers=v.Number(low=0, kind="size"), margin_rate=v.Number(low=-1, high=1),
          few_up_to=v.Number(low=0), many_from=v.Number(low=0), low_below=v.Number(low=-1, high=1),
          high_from=v.Number(low=-1, high=1))
def relationship_level_from_counts(n_customers: float, margin_rate: float, *, few_up_to: float = 50,
                                   many_from: float = 5_000, low_below: float = 0.10,
                                   high_from: float = 0.30) -> RelationshipLevel:
    """Kotler's level from a number of customers and a margin rate (0.25 = 25 % of the price).

    The class boundaries are the course's illustration ([added]): at most ``few_up_to``
    customers are "few", from ``many_from`` on "many"; a margin below ``low_below`` is "low",
    from ``high_from`` on "high". Change them to fit your industry.
    """
    n, r, few, many, lo, hi = n_customers, margin_rate, few_up_to, many_from, low_below, high_from
    if many <= few:
        raise ParameterError(f"many_from ({many:g}) must be larger than few_up_to ({few:g}).")
    if hi <= lo:
        raise ParameterError(f"high_from ({hi:g}) must be larger than low_below ({lo:g}).")
    customers = "few" if n <= few else ("many" if n >= many else "medium")
    margin = "low" if r < lo else ("high" if r >= hi else "medium")
    return relationship_level(customers, margin)


#: The three levels of relationship marketing [002] (维系顾客关系的手段; [added]: Berry and
#: Parasuraman's levels).
BOND_LEVELS = pd.DataFrame(
    [
        ("financial", "财务层次", 1, "financial means, price incentives", "frequent-buyer programmes (频繁营销计划)"),
        ("social", "社交层次", 2, "social benefits; customer organisations", "customer clubs (顾客俱乐部)"),
        ("structural", "结构层次", 3, "stable structural bonds", "cooperative partnership; strategic alliance (战略联盟)"),
    ],
    columns=["level", "level_zh", "depth", "means", "seed_example"],
).set_index("level")

#: Tools of relationship marketing and their bond level (the seed's examples and the course's own).
BOND_EXAMPLES = pd.DataFrame(
    [
        ("frequent-buyer points", "financial"),
        ("volume discount", "financial"),
        ("cash-back card", "financial"),
        ("customer club", "social"),
        ("birthday call from the account manager", "social"),
        ("user community events", "social"),
        ("strategic alliance", "structural"),
        ("shared ordering system linked to the customer's ERP", "structural"),
        ("joint product development", "structural"),
    ],
    columns=["tool", "level"],
).set_index("tool")


@dataclass(frozen=True)
class Bond:
    tool: str
    level: str  # financial, social or structural
    level_zh: str
    means: str


@v.params(tool=v.Options(*BOND_EXAMPLES.index))
def bond_level(tool: str) -> Bond:
    """The bond level of a relationship-marketing tool listed in :data:`BOND_EXAMPLES`."""
    t = tool
    level = BOND_EXAMPLES.loc[t, "level"]
    row = BOND_LEVELS.loc[level]
    return Bond(t, level, row["level_zh"], row["means"])


#: The four selling steps of seed [002] and the share of time each kind of salesperson gives them.
#: The pairing of the eight numbers is lost in the seed ([inferred]: the standard figure).
SELLING_STEPS = pd.DataFrame(
    [
        ("building the relationship", "建立关系", 0.10, 0.40),
        ("probing needs", "探询需求", 0.20, 0.30),
        ("presenting benefits", "陈述利益", 0.30, 0.20),
        ("closing", "促成交易", 0.40, 0.10),
    ],
    columns=["step", "step_zh", "traditional", "key_account"],
).set_index("step")


@v.params(hours=v.Number(low=0, high=168))
def selling_time(hours: float = 40.0) -> pd.DataFrame:
    """Hours of a selling week per step for a traditional and a key-account salesperson ([inferred] split)."""
    h = hours
    out = SELLING_STEPS.copy()
    out["traditional_hours"] = out["traditional"] * h
    out["key_account_hours"] = out["key_account"] * h
    return out
