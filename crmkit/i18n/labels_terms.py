"""Names of customer classes and their recommended actions (客户类别与管理建议), for the widgets and charts.

Keys are ``class.<name>`` and ``action.<name>`` where ``<name>`` is the label the analytics return
(``segment.abc_classes`` ... ``rfm_segments``); :func:`crmkit.i18n.term` looks them up and falls back
to the name itself. The ``action.<name>`` labels are the one home of the recommended treatments:
``crmkit.segment.ACTIONS`` (the English text the analytics put in their tables) is read from here.
"""

LABELS = {
    # tiers (B.7.1)
    "class.high-end": ("high-end", "高端客户"),
    "class.big": ("big", "大客户"),
    "class.medium": ("medium", "中等客户"),
    "class.small": ("small", "小客户"),
    # pyramid (B.6.2)
    "class.platinum": ("platinum", "白金客户"),
    "class.gold": ("gold", "黄金客户"),
    "class.iron": ("iron", "铁客户"),
    "class.lead": ("lead", "铅客户"),
    # expected-value matrix (B.6.1)
    "class.high-end customers": ("high-end customers", "高端客户"),
    "class.uneconomic customers": ("uneconomic customers", "非经济客户"),
    "class.expectant customers": ("expectant customers", "期望客户"),
    "class.bad customers": ("bad customers", "不良客户"),
    # loyalty matrix (B.6.3)
    "class.true friends": ("true friends", "朋友型"),
    "class.butterflies": ("butterflies", "蝴蝶型"),
    "class.barnacles": ("barnacles", "葫芦型"),
    "class.strangers": ("strangers", "路人型"),
    # English RFM segments [added]
    "class.champions": ("champions", "冠军客户"),
    "class.loyal customers": ("loyal customers", "忠诚客户"),
    "class.potential loyalists": ("potential loyalists", "潜在忠诚客户"),
    "class.new customers": ("new customers", "新客户"),
    "class.promising": ("promising", "有潜力的客户"),
    "class.need attention": ("need attention", "需要关注的客户"),
    "class.about to sleep": ("about to sleep", "即将沉睡的客户"),
    "class.can't lose them": ("can't lose them", "不能失去的客户"),
    "class.at risk": ("at risk", "有流失风险的客户"),
    "class.hibernating": ("hibernating", "休眠客户"),
    "class.other": ("other", "其他"),
    # switching-cost components (Burnham, Frels and Mahajan 2003)
    "class.procedural": ("procedural", "程序性转移成本"),
    "class.financial": ("financial", "财务性转移成本"),
    "class.relational": ("relational", "关系性转移成本"),
    # actions: ABC (B.7.2)
    "action.A": ("The vital few (重要的少数): invest about twice what competitors do; the most complete service records, "
                 "most service time and the best service plan; act on their feedback at once.",
                 "重要的少数：投入约为竞争对手两倍的资源；建立最完整的服务档案，投入最多的服务时间和最好的服务方案；对他们的反馈立即行动。"),
    "action.B": ("The management focus: visit from time to time, listen and remove their objections, cultivate them "
                 "towards A; add new B customers when their number falls.",
                 "管理的重点：不定期拜访，倾听并消除他们的异议，培养他们成为A类客户；数量减少时及时补充新的B类客户。"),
    "action.C": ("The trivial many (琐碎的多数): do not over-serve (cost may exceed value) but do not ignore; look for "
                 "those who could move up to B or A.",
                 "琐碎的多数：不过度服务（成本可能超过价值），但也不忽视；寻找能升为B类或A类的客户。"),
    "action.D": ("The ABCD variant's last group: in the seed, markets or customers not attended to for now (暂不关注); "
                 "serve them only through the cheapest channel, if at all, and look again later.",
                 "ABCD分类的最后一组：种子材料中指暂不关注的市场或客户；如需服务，只通过成本最低的渠道，以后再重新评估。"),
    # tiers
    "action.high-end": ("High-end customers (高端客户): a VIP club (e.g. the Quanzhou life insurer's VIP customer club), "
                        "a dedicated manager, exclusive events.",
                        "高端客户：VIP俱乐部（如泉州某寿险公司的VIP客户俱乐部）、专属客户经理、专享活动。"),
    "action.big": ("Big customers (大客户): concentrate resources, visit regularly, ask their opinions, handle complaints "
                   "fast; a key-customer service team.",
                   "大客户：集中优势资源，定期拜访，定期征求意见，及时处理投诉；设立关键客户服务团队。"),
    "action.medium": ("Medium customers (中等客户): upgrade those with potential towards big customers; standard service "
                      "for the others.", "中等客户：培养有潜力者升为大客户；其余提供标准服务。"),
    "action.small": ("Small customers (小客户): low-cost, self-service channels; together they matter (the long tail, "
                     "长尾理论).", "小客户：低成本的自助服务渠道；合在一起也很重要（长尾理论）。"),
    # pyramid
    "action.platinum": ("Platinum (白金): the most profitable, heavy users, not price-sensitive: keep and reward them.",
                        "白金客户：最有利可图，使用量大，对价格不敏感：保持并奖励他们。"),
    "action.gold": ("Gold (黄金): profitable but price-sensitive or buying elsewhere too: grow their share of wallet.",
                    "黄金客户：有利可图，但对价格敏感或同时向别家购买：提高钱包份额。"),
    "action.iron": ("Iron (铁): volume that fills capacity, low profit: serve efficiently, look for upgrades.",
                    "铁客户：带来填充产能的业务量，利润低：高效服务，寻找升级机会。"),
    "action.lead": ("Lead (铅): cost more than they bring: reprice, cut the cost to serve, or let them go.",
                    "铅客户：成本高于贡献：重新定价，降低服务成本，或放弃。"),
    # expected-value matrix
    "action.high-end customers": ("High historical and high future value (高端客户): protect and develop.",
                                  "历史价值高、未来价值高（高端客户）：保护并发展。"),
    "action.uneconomic customers": ("High historical but low future value (非经济客户): serve at lower cost, do not "
                                    "over-invest.", "历史价值高、未来价值低（非经济客户）：以更低成本服务，不过度投入。"),
    "action.expectant customers": ("Low historical but high future value (期望客户): invest to develop them.",
                                   "历史价值低、未来价值高（期望客户）：投入资源培养。"),
    "action.bad customers": ("Low historical and low future value (不良客户): minimal service.",
                             "历史价值低、未来价值低（不良客户）：最低限度的服务。"),
    # loyalty matrix
    "action.true friends": ("Profitable and long-term (朋友型): turn them into true believers (变成信徒).",
                            "有利可图且长期（朋友型）：把他们变成信徒。"),
    "action.butterflies": ("Profitable but short-term (蝴蝶型): enjoy them while they last (享受); do not over-invest "
                           "in loyalty.", "有利可图但短期（蝴蝶型）：享受他们带来的收益；不在忠诚上过度投入。"),
    "action.barnacles": ("Long-term but not profitable (葫芦型): treat them well (善待): grow share of wallet if the "
                         "wallet is large, control costs if small.",
                         "长期但利润低（葫芦型）：善待他们：钱包大则提高钱包份额，钱包小则控制成本。"),
    "action.strangers": ("Neither profitable nor long-term (路人型): do not invest (放弃).",
                         "既无利可图也不长期（路人型）：不投入（放弃）。"),
    # the Chinese eight RFM classes
    "action.重要价值客户": ("Recent, frequent, big: the best customers; keep them with VIP treatment.",
                       "最近、频繁、金额大：最好的客户；以VIP待遇保持他们。"),
    "action.重要发展客户": ("Recent and big but not yet frequent: raise their purchase frequency.",
                       "最近、金额大但不够频繁：提高购买频率。"),
    "action.重要保持客户": ("Frequent and big but silent lately: contact them now to keep them.",
                       "频繁、金额大但最近没有购买：立即联系，保持他们。"),
    "action.重要挽留客户": ("Big but neither recent nor frequent: win them back before they are lost.",
                       "金额大但既不近也不频繁：在流失之前把他们挽回。"),
    "action.一般价值客户": ("Recent and frequent but small baskets: raise the basket (cross-/up-sell).",
                       "最近且频繁但客单价低：提高客单价（交叉销售、向上销售）。"),
    "action.一般发展客户": ("Recent but infrequent and small: develop them at low cost.", "最近但不频繁、金额小：以低成本培养。"),
    "action.一般保持客户": ("Frequent, small, silent lately: low-cost reminders.", "频繁、金额小、最近没有购买：低成本提醒。"),
    "action.一般挽留客户": ("Low on all three: little investment; automated win-back at most.",
                       "三项都低：少投入；至多自动化挽回。"),
    # English RFM segments
    "action.champions": ("Reward them; early access, ask for reviews and referrals.", "奖励他们；提前体验新品，请他们评价和推荐。"),
    "action.loyal customers": ("Up-sell, loyalty programme, ask for feedback.", "向上销售，忠诚计划，征求反馈。"),
    "action.potential loyalists": ("Membership, personal recommendations.", "会员计划，个性化推荐。"),
    "action.new customers": ("Onboarding, a good first experience, a second-purchase offer.",
                             "入门引导，良好的首次体验，二次购买优惠。"),
    "action.promising": ("Build the relationship: offers on the next purchase.", "建立关系：下次购买的优惠。"),
    "action.need attention": ("Time-limited, personalised offers.", "限时的个性化优惠。"),
    "action.about to sleep": ("Reactivate with relevant products and discounts.", "用相关产品和折扣重新激活。"),
    "action.can't lose them": ("Win them back personally: call, ask what went wrong.", "亲自挽回：打电话，询问哪里出了问题。"),
    "action.at risk": ("Personal reactivation campaign, service check.", "个性化的重新激活活动，检查服务。"),
    "action.hibernating": ("Low-cost reactivation only; accept some loss.", "只做低成本的重新激活；接受一定的流失。"),
}
