"""Accepted spellings of the course's terms: one table per concept (术语同义词表).

Every question that asks for a term (a choice, a list of steps, the text values of a dict)
accepts the same synonyms and the same Chinese term for it, from here. Case, spaces, ``_`` and
``-`` are ignored anyway (``"Lower-Tier"`` is ``"lower tier"``); this table adds the other words
a student may rightly use: the Chinese term (the seeds' and the textbook's), British and
American spellings, singular and plural.

    TERMS[concept][canonical] = (accepted spellings ...)

A new chapter adds its concepts here instead of passing ``aliases=`` to its questions. An alias
may mean different things in different concepts (保持 is "keep" in the RFM actions and part of
重要保持客户), but never two options of one question (a test checks every question).
"""

from __future__ import annotations

__all__ = ["TERMS", "norm", "spellings", "resolve"]

TERMS: dict[str, dict[str, tuple[str, ...]]] = {
    # ch00: what cost is counted by (成本按什么算)
    "cost basis": {
        "time": ("时间", "按时间", "hours", "hour", "by time", "per hour"),
        "kilometres": ("kilometers", "kilometre", "kilometer", "km", "公里", "按公里", "里程", "distance", "mileage"),
        "fuel": ("油费", "燃油", "petrol", "gas", "gasoline"),
        "passengers": ("passenger", "乘客"),
    },
    # ch03: the expected-value matrix (客户价值矩阵)
    "value matrix": {
        "high-end customers": ("high-end", "高端客户", "高端"),
        "uneconomic customers": ("uneconomic", "非经济客户", "非经济"),
        "expectant customers": ("expectant", "期望客户"),
        "bad customers": ("bad", "不良客户"),
    },
    # ch03: Reinartz and Kumar's loyalty matrix (忠诚度矩阵)
    "loyalty matrix": {
        "true friends": ("true friend", "friends", "朋友型", "真正的朋友"),
        "butterflies": ("butterfly", "蝴蝶型", "蝴蝶"),
        "barnacles": ("barnacle", "葫芦型", "藤壶型"),
        "strangers": ("stranger", "路人型", "陌生人型"),
    },
    # ch03: Chase's tiers (大通银行客户分层)
    "chase tiers": {
        "blue": ("蓝", "蓝色", "blue tier"),
        "green": ("绿", "绿色", "green tier"),
        "lower tier": ("lower", "低层", "低层级"),
    },
    # ch04: what to do with an RFM class (RFM 行动)
    "rfm action": {
        "retention contact": ("win-back", "win back", "retain", "retention", "contact", "挽留", "保持", "联系挽留"),
        "welcome programme": ("welcome program", "welcome", "欢迎计划"),
        "upsell": ("up-sell", "up sell", "追加销售", "向上销售"),
        "do nothing": ("nothing", "none", "不采取行动", "不处理"),
    },
    # ch04: the Chinese eight RFM classes (RFM 八类客户), with crmkit's English names
    "rfm eight classes": {
        "重要价值客户": ("important value", "important value customers"),
        "重要发展客户": ("important development", "important development customers"),
        "重要保持客户": ("important retention", "important retention customers"),
        "重要挽留客户": ("important win-back", "important win back", "important win-back customers"),
        "一般价值客户": ("general value", "general value customers"),
        "一般发展客户": ("general development", "general development customers"),
        "一般保持客户": ("general retention", "general retention customers"),
        "一般挽留客户": ("general win-back", "general win back", "general win-back customers"),
    },
    # ch07: satisfaction and loyalty (客户满意与客户忠诚)
    "satisfaction or loyalty": {
        "satisfaction": ("customer satisfaction", "客户满意", "满意", "满意度"),
        "loyalty": ("customer loyalty", "客户忠诚", "忠诚", "忠诚度"),
    },
    # ch07: the four kinds of loyalty (忠诚的类型)
    "loyalty kind": {
        "behavioural": ("behavioral", "behaviour", "behavior", "行为忠诚", "行为"),
        "affective": ("emotional", "情感忠诚", "情感"),
        "cognitive": ("认知忠诚", "认知"),
        "intentional": ("intention", "意向忠诚", "意向", "意愿忠诚"),
    },
    # ch07: ACSI consequences of satisfaction (ACSI 模型的结果变量)
    "acsi outcomes": {
        "complaints and loyalty": ("loyalty and complaints", "complaints & loyalty", "客户抱怨和客户忠诚", "抱怨和忠诚"),
        "expectations and quality": ("quality and expectations", "预期和感知质量", "预期和质量"),
        "quality and value": ("value and quality", "感知质量和感知价值", "质量和价值"),
        "value and loyalty": ("loyalty and value", "感知价值和客户忠诚", "价值和忠诚"),
    },
    # ch08: the switching decision (转移决策)
    "switching decision": {
        "stay": ("stays", "留下", "不转移", "留住"),
        "switch": ("switches", "leave", "转移", "转换"),
    },
    # ch08: levers of control (掌控客户的手段)
    "control lever": {
        "substitute functions": ("substitute function", "substitution", "替代功能", "代替客户的职能"),
        "capital": ("money", "资本", "资金", "资金控制"),
        "management and information": ("management & information", "information and management", "管理和信息",
                                       "管理与信息", "管理和信息控制"),
    },
    # ch09: the six steps of resolving a complaint (处理投诉六步法)
    "complaint steps": {
        "listen": ("倾听", "聆听"),
        "repeat and confirm": ("repeat & confirm", "复述并确认", "复述确认", "确认"),
        "apologise": ("apologize", "apology", "致歉", "道歉"),
        "acknowledge feelings": ("acknowledge the feelings", "认同感受", "理解感受", "认同客户的感受"),
        "explain the corrective action": ("explain corrective action", "explain the action", "说明纠正措施",
                                          "解释纠正措施", "说明补救措施"),
        "thank": ("thanks", "thank you", "感谢", "致谢"),
    },
    # ch09 (issue 9): the four types of service (四种类型的服务) and the readings of a churn model's AUC
    "service types": {
        "quality": ("quality service", "优质型", "优质型服务", "优质服务"),
        "friendly": ("friendly service", "友好型", "友好型服务"),
        "production-line": ("production", "production line service", "生产型", "生产型服务"),
        "cold": ("cold service", "冷淡型", "冷淡型服务"),
    },
    "auc readings": {
        "accuracy": ("share correct", "准确率"),
        "ranking": ("rank", "pairs", "排序"),
        "cause": ("causal", "causes", "因果"),
        "chance": ("coin toss", "random", "随机"),
    },
    # ch03 (issue 9): what the seed's ABC classes by besides value (ABC分类的依据)
    "abc basis": {
        "attitude": ("attitudes", "态度", "客户态度", "satisfaction", "满意度"),
        "age": ("年龄",),
        "region": ("area", "地区", "区域"),
        "channel": ("channels", "渠道"),
    },
    # ch03 (issue 9): what is wrong with next year's actual spend as future value (未来价值)
    "future value flaw": {
        "hindsight": ("后见之明", "事后", "look-ahead", "lookahead", "not known in advance"),
        "not discounted": ("undiscounted", "未贴现", "没有贴现"),
        "too noisy": ("noisy", "noise", "波动太大"),
        "wrong unit": ("unit", "单位不对"),
    },
    # ch03 (issue 9): treatments of the customer pyramid's classes (客户金字塔的对策)
    "pyramid treatment": {
        "reward and keep": ("keep and reward", "保持并奖励", "奖励并保持"),
        "grow share of wallet": ("grow wallet share", "increase share of wallet", "提高钱包份额"),
        "serve efficiently": ("serve at low cost", "高效服务", "低成本服务"),
        "reprice or let go": ("let go", "reprice", "重新定价或放弃", "放弃"),
    },
    # ch07 (issue 9): the five gaps (五种差距)
    "five gaps": {
        "promotion": ("promotion gap", "gap 1", "促销差距"),
        "understanding": ("understanding gap", "gap 2", "理解差距"),
        "procedure": ("procedure gap", "gap 3", "程序差距"),
        "behaviour": ("behaviour gap", "behavior gap", "gap 4", "行为差距"),
        "perception": ("perception gap", "gap 5", "感受差距", "感知差距"),
    },
    # ch08 (issue 9): the components of switching costs (转移成本的构成)
    "switching cost component": {
        "procedural": ("procedure", "程序性", "程序性转移成本"),
        "financial": ("finance", "财务性", "财务性转移成本"),
        "relational": ("relationship", "关系性", "关系性转移成本"),
    },
    # ch08 (issue 9): keeping customers by value or as hostages (价值 / 人质)
    "value or hostage": {
        "value": ("by value", "价值"),
        "hostage": ("hostages", "人质"),
    },
    # ch01 (dataset questions): the retail chain's acquisition channels (获客渠道) and what decides the cost of a
    # customer kept
    "acquisition channel": {
        "store": ("stores", "门店", "实体店"),
        "online ads": ("online advertising", "online ad", "网络广告", "线上广告"),
        "app": ("应用", "手机应用"),
        "referral": ("referrals", "推荐", "转介绍", "口碑推荐"),
        "social media": ("社交媒体",),
    },
    "acquisition reading": {
        "price decides": ("price", "cost decides", "acquisition cost", "获客成本决定", "成本决定"),
        "retention decides": ("retention", "保留决定", "留存决定"),
    },
    # ch02 (dataset questions): the drivers of revenue (收入的驱动因素)
    "revenue driver": {
        "customers": ("number of customers", "buying customers", "客户数", "客户数量"),
        "purchases per customer": ("purchase frequency", "frequency", "购买频率", "人均购买次数"),
        "spend per purchase": ("average spend", "spend", "客单价"),
    },
    # ch02: Kotler's five relationship levels (客户关系的五种类型), for the dicts of Q3 and Q13
    "relationship level": {
        "basic": ("基本型",),
        "reactive": ("反应型", "被动型"),
        "accountable": ("可靠型", "负责型"),
        "proactive": ("主动型", "能动型"),
        "partnership": ("合伙型", "伙伴型"),
    },
    # ch06 (dataset questions): whom our relationships reach inside the key accounts
    "relationship reach": {
        "comfort zone": ("舒适区",),
        "top-down": ("top down", "自上而下", "高层路线"),
        "even": ("equal", "the same", "持平"),
    },
    # ch01: methods of finding customers (寻找客户的方法), foundations.PROSPECTING_METHODS
    "prospecting method": {
        "canvassing": ("普遍寻找法", "逐户访问法", "door to door", "door-to-door canvassing", "general search"),
        "advertising": ("广告寻找法", "广告开拓法", "advertisement"),
        "referral": ("介绍寻找法", "连锁介绍法", "referrals", "chain of referrals", "introduction", "客户推荐"),
        "records": ("资料查阅寻找法", "searching records", "literature search"),
        "buying lists": ("购买名单法", "buying a list", "list buying"),
        "industry ranking": ("行业排位法",),
        "trade fairs": ("交易会寻找法", "trade fair", "exhibitions"),
        "consulting": ("咨询寻找法",),
        "company events": ("企业各类活动寻找法", "events"),
        "adopting orphans": ("收养孤儿法", "orphans", "adopting orphan", "orphan adoption"),
        "centre of influence": ("中心开花法", "center of influence", "centers of influence", "centres of influence"),
        "bird-dog": ("猎犬法", "委托助手法", "bird dog", "hired helpers"),
        "online search": ("网络寻找法", "internet search", "web search"),
    },
    # ch01: kinds of customer information (客户信息的类型), foundations.CUSTOMER_INFORMATION
    "customer information": {
        "basic information": ("基本信息", "basic", "basic info"),
        "consumption": ("消费情况",),
        "education": ("教育情况",),
        "career": ("事业情况", "job", "work"),
        "family": ("家庭情况",),
        "life": ("生活情况", "lifestyle", "hobbies"),
        "personality": ("个性情况", "character"),
        "social relations": ("人际情况", "social relationships", "relationships", "personal network"),
        "characteristics": ("客户特征", "customer characteristics"),
        "business status": ("业务状况",),
        "transaction status": ("交易状况", "transactions", "transaction"),
        "person in charge": ("负责人信息", "decision makers"),
    },
    # ch01: the verdicts of the MAN rule (MAN法则), foundations.MAN_RULE
    "MAN verdict": {
        "qualified prospect": ("合格的准顾客", "qualified"),
        "develop the need": ("develop need",),
        "find the decider": ("find decider",),
        "check the means": ("check means",),
        "cultivate": ("长期观察、培养", "长期培养"),
        "not a prospect": ("非准顾客", "not qualified"),
    },
    # ch12: features of a data warehouse (数据仓库的特征)
    "warehouse feature": {
        "subject-oriented": ("面向主题", "面向主题的", "subject oriented"),
        "integrated": ("集成", "集成的"),
        "time-variant": ("时变", "时变的", "time variant"),
        "non-volatile": ("非易失", "非易失的", "nonvolatile"),
        "updated by every transaction": ("实时更新", "updated by each transaction"),
    },
}


def norm(text) -> str:
    """The comparison form of a term: lower case, ``_`` and ``-`` as spaces, single spaces."""
    s = str(text).strip().lower().replace("_", " ").replace("-", " ")
    return " ".join(s.split())


def spellings(canonical: str) -> set[str]:
    """Every accepted (normalised) spelling of a term, over all concepts that name it."""
    out = {norm(canonical)}
    for table in TERMS.values():
        out.update(norm(a) for a in table.get(canonical, ()))
    return out


def resolve(answer, options, extra: dict | None = None) -> str | None:
    """The option that ``answer`` names (itself, a synonym or its Chinese term), or ``None``.

    ``extra`` maps further spellings to options (a question's own ``aliases=``).
    """
    if not isinstance(answer, str):
        return None
    n = norm(answer)
    for o in options:
        if isinstance(o, str) and n == norm(o):
            return o
    for o in options:
        if isinstance(o, str) and n in spellings(o):
            return o
    if extra:
        target = {norm(k): v for k, v in extra.items()}.get(n)
        if target is not None and target in options:
            return target
    return None
