"""Labels of chapter 06, influential customers, buying centre and social styles: {key: (English, 中文)}.

Besides the widget and chart labels, this holds the texts of :mod:`crmkit.people` (bird names,
advice per style, buying-centre roles and their treatment, the quiz items), so that
``set_language("zh")`` switches what the module returns. Everything here except the bird names
with their one-word keys (老鹰型(控制) ...), the six-kinds headings and the seed quiz roles is
the course's own ([added]).
"""

LABELS = {
    # -- the four birds (seed 000: 老鹰型(控制), 孔雀型(表现), 猫头鹰型(分析), 鸽子型(随和)) -------------
    "people.eagle": ("Eagle (control)", "老鹰型（控制）"),
    "people.peacock": ("Peacock (expression)", "孔雀型（表现）"),
    "people.owl": ("Owl (analysis)", "猫头鹰型（分析）"),
    "people.dove": ("Dove (amiability)", "鸽子型（随和）"),
    "people.eagle.short": ("Eagle", "老鹰型"),
    "people.peacock.short": ("Peacock", "孔雀型"),
    "people.owl.short": ("Owl", "猫头鹰型"),
    "people.dove.short": ("Dove", "鸽子型"),
    "people.eagle.also": ("'driver' in Merrill and Reid", "Merrill与Reid所称的“驾驭型”"),
    "people.peacock.also": ("'expressive' in Merrill and Reid", "Merrill与Reid所称的“表达型”"),
    "people.owl.also": ("'analytical' in Merrill and Reid", "Merrill与Reid所称的“分析型”"),
    "people.dove.also": ("'amiable' in Merrill and Reid", "Merrill与Reid所称的“亲和型”"),
    # -- advice per style [added] ------------------------------------------------------------
    "people.eagle.wants": ("Results, speed, control of the decision.", "结果、速度、对决策的掌控。"),
    "people.eagle.sell": (
        "Be brief and businesslike: lead with the result, the cost and the time saved; offer two or three "
        "options and let him choose.",
        "简明、务实：先讲结果、成本和节省的时间；给出两三个方案，让他自己选择。"),
    "people.eagle.serve": (
        "Fix problems fast and report the outcome, not the process; respect his time and his authority.",
        "迅速解决问题，汇报结果而不是过程；尊重他的时间和权威。"),
    "people.eagle.avoid": ("Small talk, long presentations, deciding for him.", "寒暄闲聊、冗长的介绍、替他做决定。"),
    "people.peacock.wants": ("Recognition, new ideas, enthusiasm, being seen.", "认可、新想法、热情、被关注。"),
    "people.peacock.sell": (
        "Be lively: tell the vision and stories of well-known users, praise his ideas, make him look good; "
        "put the details in writing afterwards.",
        "热情生动：讲愿景和知名客户的故事，肯定他的想法，让他有面子；细节事后再书面确认。"),
    "people.peacock.serve": (
        "Personal attention, VIP treatment, events and public thanks; confirm his promises in writing.",
        "个人关注、VIP待遇、活动和公开致谢；把他的承诺书面确认下来。"),
    "people.peacock.avoid": ("Dry data dumps, coldness, rejecting his ideas in public.", "枯燥的数据堆砌、冷淡、当众否定他的想法。"),
    "people.owl.wants": ("Data, accuracy, a sound process, no risk of error.", "数据、准确、严谨的流程、不出错。"),
    "people.owl.sell": (
        "Be prepared and precise: bring evidence, specifications and comparisons in writing; give him time "
        "to analyse and never push for a quick close.",
        "准备充分、精确：带上书面证据、规格和对比；给他分析的时间，绝不催促成交。"),
    "people.owl.serve": (
        "Keep to procedures and deadlines, document everything, answer questions exactly and in writing.",
        "遵守流程和期限，一切留有记录，书面、准确地回答问题。"),
    "people.owl.avoid": ("Exaggeration, pressure, vague answers, surprises.", "夸大其词、施压、含糊的回答、意外。"),
    "people.dove.wants": ("Harmony, trust, security, the approval of the team.", "和谐、信任、安全感、团队的认同。"),
    "people.dove.sell": (
        "Build the relationship first: show personal interest, give guarantees and references from people "
        "he trusts, and help him win his colleagues' agreement.",
        "先建立关系：表现出对他个人的关心，提供保证和他信任的人的推荐，帮助他取得同事的认同。"),
    "people.dove.serve": (
        "Regular friendly contact, the same contact person, a safe and predictable service, gentle follow-up.",
        "定期友好的联系、固定的客户经理、安全可预期的服务、温和的跟进。"),
    "people.dove.avoid": ("Pressure, conflict, abrupt change, a cold hard sell.", "施压、冲突、突然的变化、冷冰冰的强行推销。"),
    # -- quiz items [added]: 1 = the left statement fits this customer, 5 = the right one ---------
    "people.q.A1.left": ("In meetings, asks questions and lets others speak first", "开会时先提问，让别人先说"),
    "people.q.A1.right": ("In meetings, states a view and pushes for a decision", "开会时直接表明观点，推动做出决定"),
    "people.q.A2.left": ("Decides quickly, even with incomplete information", "即使信息不全也能很快做决定"),
    "people.q.A2.right": ("Takes time; wants to think it over first", "不急于决定，要先考虑清楚"),
    "people.q.A3.left": ("Speaks slowly, quietly, tentatively", "说话慢、声音轻、语气试探"),
    "people.q.A3.right": ("Speaks fast, loudly, firmly", "说话快、声音大、语气坚定"),
    "people.q.A4.left": ("Sets the agenda and takes charge of the conversation", "设定议程，主导谈话"),
    "people.q.A4.right": ("Follows your agenda and goes along with others", "跟随你的议程，随和配合"),
    "people.q.R1.left": ("Keeps feelings to himself; face hard to read", "不流露感情，表情难以捉摸"),
    "people.q.R1.right": ("Shows feelings openly; lively face and gestures", "感情外露，表情和手势丰富"),
    "people.q.R2.left": ("Talks about people, stories and relationships", "爱谈人、故事和人际关系"),
    "people.q.R2.right": ("Talks about facts, tasks and numbers", "爱谈事实、任务和数字"),
    "people.q.R3.left": ("Formal, keeps his distance, sticks to business", "正式、保持距离、只谈公事"),
    "people.q.R3.right": ("Informal and warm; enjoys personal small talk", "随意、热情，喜欢聊私人话题"),
    "people.q.R4.left": ("Decides on feelings, trust and who else uses it", "凭感觉、信任和别人是否在用来做决定"),
    "people.q.R4.right": ("Decides on data, evidence and logic", "凭数据、证据和逻辑做决定"),
    # -- buying-centre roles [added] (Webster and Wind; Kotler), seed quiz roles in [001] ---------
    "people.role.initiator": ("Initiator", "发起者"),
    "people.role.user": ("User", "使用者"),
    "people.role.influencer": ("Influencer", "影响者"),
    "people.role.decider": ("Decider (incl. approver)", "决策者（含批准者）"),
    "people.role.buyer": ("Buyer / purchaser", "采购者"),
    "people.role.gatekeeper": ("Gatekeeper", "把关者"),
    "people.role.initiator.who": ("Whoever first sees the need: a user, a manager, an engineer",
                                  "最先发现需求的人：使用者、经理、工程师"),
    "people.role.user.who": ("Operators, staff who will work with the product every day", "每天使用产品的操作人员、员工"),
    "people.role.influencer.who": ("Technical staff, consultants, advisers, specialists", "技术人员、顾问、参谋、专家"),
    "people.role.decider.who": ("General manager, owner, board; the approver who signs", "总经理、老板、董事会；签字批准的人"),
    "people.role.buyer.who": ("Purchasing manager, procurement department", "采购经理、采购部门"),
    "people.role.gatekeeper.who": ("Secretaries, assistants, receptionists, IT or legal who filter information",
                                   "秘书、助理、前台，过滤信息的IT或法务人员"),
    "people.role.initiator.does": ("Raises the need and starts the purchase", "提出需求，启动采购"),
    "people.role.user.does": ("Uses the product; often proposes it and judges it afterwards", "使用产品；常常提出需求并在事后评价"),
    "people.role.influencer.does": ("Shapes the specifications and the evaluation of suppliers", "影响规格制定和供应商评估"),
    "people.role.decider.does": ("Has the final say on supplier and budget", "对供应商和预算拥有最终决定权"),
    "people.role.buyer.does": ("Negotiates terms and places the order", "谈判条件并下订单"),
    "people.role.gatekeeper.does": ("Controls who and what information reaches the others", "控制谁和什么信息能到达其他人"),
    "people.role.initiator.treat": ("Help him describe the problem and its cost early; become his adviser before "
                                    "the specification is written.",
                                    "尽早帮助他描述问题及其代价；在规格写定之前成为他的顾问。"),
    "people.role.user.treat": ("Demonstrate, train and listen; make the product easy for him and turn him into a "
                               "supporter who reports problems to you first.",
                               "演示、培训、倾听；让他用得顺手，使他成为先向你反映问题的支持者。"),
    "people.role.influencer.treat": ("Give evidence and technical exchange; help write fair specifications; respect "
                                     "his expertise.",
                                     "提供证据并开展技术交流；协助制定公平的规格；尊重他的专业。"),
    "people.role.decider.treat": ("Reach him early through senior-level contact; speak of strategic value, risk and "
                                  "return; find out his social style.",
                                  "通过高层接触尽早接近他；谈战略价值、风险与回报；判断他的社交风格。"),
    "people.role.buyer.treat": ("Be easy to buy from: clear prices, terms and documents on time; do not go around "
                                "him.",
                                "让采购变得容易：价格、条款清楚，文件及时；不要绕过他。"),
    "people.role.gatekeeper.treat": ("Treat with respect and courtesy, never as an obstacle; a gatekeeper on your "
                                     "side opens every door.",
                                     "以尊重和礼貌相待，绝不视为障碍；站在你一边的把关者能为你打开每一扇门。"),
    # -- the six kinds of influential customers (seed 000 names two headings; the list is [added]) --
    "people.kind.decision_makers": ("Key persons and decision makers in the customer organisation",
                                    "客户单位的关键人物与决策人物"),
    "people.kind.six_buyers": ("The six kinds of buyers inside the customer (the buying centre)",
                               "客户内部的六种买家（采购中心）"),
    "people.kind.hidden": ("Hidden key persons: advisers, assistants, former colleagues who sway the visible ones",
                           "隐性关键人：影响显性关键人的顾问、助理、老同事"),
    "people.kind.centre": ("Centres of influence and opinion leaders whose choice others follow",
                           "中心人物与意见领袖：别人会跟随他们的选择"),
    "people.kind.referrers": ("Satisfied customers who recommend you (referrals)", "推荐你的满意客户（转介绍）"),
    "people.kind.big": ("Big customers whose tonnage sets the market", "以吨位决定地位的大客户"),
    "people.kind.decision_makers.how": ("Map the decision chain; meet them at their level; link your offer to their "
                                        "goals.", "梳理决策链；对等层级接触；把方案与他们的目标联系起来。"),
    "people.kind.six_buyers.how": ("Cover every role with a contact; treat each role as the role table says.",
                                   "每个角色都要有人对接；按角色表对待每个角色。"),
    "people.kind.hidden.how": ("Ask who else is consulted; build relations through trusted third parties.",
                               "询问还有谁被征求意见；通过可信的第三方建立关系。"),
    "people.kind.centre.how": ("Win them first (centre-of-influence method, 中心开花); invite them to talks and "
                               "pilots.", "先赢得他们（中心开花法）；邀请他们参加交流和试点。"),
    "people.kind.referrers.how": ("Thank and reward referrals; keep them satisfied; make recommending easy.",
                                  "感谢并奖励推荐；保持他们满意；让推荐变得容易。"),
    "people.kind.big.how": ("Key-account management (chapter 11): a team, a plan, senior contact.",
                            "大客户管理（第11章）：专门团队、计划、高层接触。"),
    # -- buying situations [001] and buying process ------------------------------------------
    "people.situation.straight rebuy": ("Straight rebuy", "直接重购"),
    "people.situation.modified rebuy": ("Modified rebuy", "修正采购"),
    "people.situation.new task": ("New task", "全新采购"),
    # -- widget and chart ----------------------------------------------------------------------
    "people.quiz_title": ("Social-style quiz: which bird is this customer?", "社交风格测试：这位客户属于哪种鸟？"),
    "people.scale": ("1 = left statement fits, 5 = right statement fits, 3 = neither / cannot tell",
                     "1 = 左侧描述符合，5 = 右侧描述符合，3 = 都不符合 / 说不清"),
    "people.unanswered": ("Answer every question to see the style. Still open: {items}.",
                          "请回答所有问题后查看风格。尚未回答：{items}。"),
    "people.not_answered": ("(not answered)", "（未回答）"),
    "people.style": ("Social style", "社交风格"),
    "people.confidence": ("Confidence", "可信度"),
    "people.low_confidence": ("Low confidence: the answers lie close to a dividing line ({candidates}). Observe "
                              "the customer longer before relying on it.",
                              "可信度低：答案靠近分界线（{candidates}）。请多观察客户后再作判断。"),
    "people.wants": ("Wants", "看重"),
    "people.sell": ("How to sell", "如何销售"),
    "people.serve": ("How to serve", "如何服务"),
    "people.avoid": ("Avoid", "避免"),
    "people.chart_title": ("The four social styles", "四种社交风格"),
    "people.assertiveness": ("Assertiveness (asks ← → tells)", "果断性（询问 ← → 告知）"),
    "people.responsiveness": ("Responsiveness (controls ← → emotes)", "反应性（控制情感 ← → 流露情感）"),
    "people.centre_title": ("Buying centre: top influence by role", "采购中心：各角色的最高影响力"),
    "people.influence": ("Highest influence (1-5)", "最高影响力（1-5）"),
    "people.no_contact": ("no contact", "无联系人"),
}
