"""Labels of the no-code apps for managers (crmkit.apps, ``make app``): the gallery page and each
chapter's app page, in English and Chinese. {key: (English, 中文)}.

A chapter whose notebook shows a widget has an app, and its app needs ``apps.ch<NN>.title`` and
``apps.ch<NN>.intro`` here (``python -m crmkit.apps build`` names a missing one)."""

LABELS = {
    # the gallery (apps/en/index.ipynb, apps/zh/index.ipynb)
    "apps.gallery_title": ("CRM course apps for managers (no code)", "客户关系管理课程：管理者应用（无需编程）"),
    "apps.gallery_intro": (
        "Each chapter's interactive tools, as a page without code: move a slider or pick an option, and the "
        "figures, the chart and the table follow at once. The data are the course's own, bundled with it; "
        "nothing is sent anywhere. Open a chapter's app below.",
        "每章的交互工具都做成了不含代码的页面：拖动滑块或选择选项，数字、图表和表格随即更新。所用数据是课程自带的数据，"
        "不会发送到任何地方。请在下表中打开某一章的应用。"),
    "apps.col_chapter": ("chapter", "章"),
    "apps.col_app": ("app", "应用"),
    "apps.col_tools": ("what you can try", "可以尝试的工具"),
    "apps.other_language": ("中文版 (Chinese)", "English（英文版）"),
    "apps.gallery_note": (
        "The method behind each tool, with its formulas and code, is taught in the chapter notebooks "
        "(`make lab`). These pages are started by `make app`; on Binder, by the course's app link.",
        "每个工具背后的方法、公式和代码，在各章笔记本中讲解（`make lab LANG=zh`）。这些页面由 `make app LANG=zh` 打开；"
        "在 Binder 上，用课程的应用链接打开。"),
    # a chapter's app page (apps/<lang>/<chapter>.ipynb)
    "apps.back": ("← All apps", "← 全部应用"),
    "apps.chapter": ("Chapter {number}", "第 {number} 章"),
    "apps.how_to": (
        "Move a slider, pick an option or click an answer: the figures, the chart and the table follow. Nothing "
        "you do here changes the course's data.",
        "拖动滑块、选择选项或点击答案，数字、图表和表格随之更新。在这里的任何操作都不会改动课程的数据。"),
    # one title and one short explanation per chapter with a widget
    "apps.ch00.title": ("The taxi driver who chooses his passengers", "出租车司机如何挑选乘客"),
    "apps.ch00.intro": (
        "A driver can queue at the metro exit, cruise downtown, wait at hotels or make airport runs. Pick a "
        "strategy, change the rent, the fuel and the hours, and compare the profit per hour over a simulated "
        "shift: not every customer is worth serving the same way.",
        "司机可以在地铁站口排队、在市区扫街、在酒店门口候客，或者跑机场往返。选择一种候客方式，调整份子钱、油费和工作时长，"
        "比较模拟班次中每小时的利润：并非每位客户都值得用同样的方式去服务。"),
    "apps.ch01.title": ("Customer states: from non-customer to lost customer", "客户状态：从非客户到流失客户"),
    "apps.ch01.intro": (
        "How many of the people in a market become potential, target and actual customers, and how many are "
        "lost within the year? Change the conversion rates at each step and see where the funnel narrows.",
        "一个市场里的人，有多少会成为潜在客户、目标客户和现实客户，一年内又会流失多少？调整每一步的转化比例，"
        "看漏斗在哪里收窄。"),
    "apps.ch02.title": ("Delivered value and relationship levels", "客户让渡价值与客户关系类型"),
    "apps.ch02.intro": (
        "Customer delivered value is total customer value (product, service, personnel, image) minus total "
        "customer cost (money, time, energy, psychic). Score two offers, and choose the relationship level that "
        "suits the number of customers and the margin.",
        "客户让渡价值等于客户总价值（产品、服务、人员、形象）减去客户总成本（货币、时间、体力、精神）。为两种供给打分，"
        "再按客户数量和利润率选择合适的客户关系类型。"),
    "apps.ch03.title": ("ABC analysis and customer tiers", "ABC分析法与客户分级"),
    "apps.ch03.intro": (
        "Which few customers bring most of the revenue? Move the cut-offs of the ABC classes, change the as-of "
        "date and the cost to serve, and see how many customers fall in each class and what each class earns.",
        "哪少数客户带来了大部分收入？移动ABC分类的分界点，改变截止日期和服务成本，看每一类有多少客户、各类的贡献是多少。"),
    "apps.ch04.title": ("RFM analysis: the eight classes of customer", "RFM分析法：八类客户"),
    "apps.ch04.intro": (
        "Recency, frequency and monetary value sort customers into eight classes, from important value "
        "customers to general retained customers. Change the method, the cut-offs and the as-of date, and look "
        "at the customers of one class.",
        "按最近一次消费（R）、消费频率（F）和消费金额（M），把客户分为八类，从重要价值客户到一般挽留客户。"
        "改变分类方法、分界点和截止日期，查看某一类的客户。"),
    "apps.ch05a.title": ("Customer lifetime value: the textbook formulas", "客户终身价值：教材公式"),
    "apps.ch05a.intro": (
        "What is a customer worth over the relationship? Rank two customers by a textbook CLV model, then "
        "change margin, retention, discount rate and acquisition cost and see the value of one customer.",
        "一位客户在整个关系期内值多少钱？先用教材中的客户终身价值模型为两位客户排序，再调整利润、客户保持率、贴现率和获取成本，"
        "看一位客户的价值。"),
    "apps.ch05b.title": ("Is this customer still active? Fitted models", "这位客户还活跃吗？拟合法"),
    "apps.ch05b.intro": (
        "A model fitted to past purchases (BG/NBD) tells how likely a customer is still buying and how many "
        "purchases to expect. Pick a customer and a number of weeks ahead.",
        "用历史购买数据拟合的模型（BG/NBD）可以估计一位客户仍在购买的概率，以及未来预计的购买次数。选择一位客户和未来的周数。"),
    "apps.ch06.title": ("Social styles: which kind of customer is this?", "社交风格：这是哪一类客户？"),
    "apps.ch06.intro": (
        "Answer eight questions about how a customer behaves (assertive or not, showing feelings or not) and "
        "see the customer's social style and how to sell to it.",
        "回答八个关于客户行为方式的问题（是否果断、是否流露情感），看这位客户属于哪种社交风格，以及应当怎样与他打交道。"),
    "apps.ch07.title": ("From satisfaction to loyalty", "从客户满意到客户忠诚"),
    "apps.ch07.intro": (
        "In a satisfaction index model, expectations, perceived quality and perceived value drive satisfaction, "
        "and satisfaction drives loyalty. Change the three scores and follow the effect down the chain.",
        "在满意度指数模型中，顾客预期、感知质量和感知价值决定顾客满意，顾客满意再决定顾客忠诚。调整这三个分数，沿着链条看它们的影响。"),
    "apps.ch08.title": ("Switching costs: will the customer stay?", "转移成本：客户会留下吗？"),
    "apps.ch08.intro": (
        "A customer leaves when what a rival offers over the years outweighs the cost of switching. Set the "
        "procedural, financial and relational switching costs against the rival's price and quality advantage.",
        "当竞争者多年累计的优势超过转移成本时，客户就会离开。把程序性、财务性和关系性转移成本与竞争者的价格优势和质量优势放在一起比较。"),
    "apps.ch09.title": ("Retention and complaints", "客户保持与投诉"),
    "apps.ch09.intro": (
        "Each complaint stands for many dissatisfied customers who never complain. See what the complaints you "
        "receive stand for, and what raising the retention rate does to the customer base and its profit over "
        "the years.",
        "每一条投诉背后，都有许多从不投诉的不满客户。看收到的投诉代表着什么，再看提高客户保持率会使客户数和利润在这些年里如何变化。"),
    "apps.ch10.title": ("Customer credit: limits and receivables", "客户信用：授信额度与应收账款"),
    "apps.ch10.intro": (
        "Weigh the 5C of credit (character, capacity, capital, collateral, conditions), choose a customer and "
        "a credit policy, and see the credit score, the limit and the receivables it leads to.",
        "为信用5C（品质、偿付能力、资本、抵押/担保、经营环境）设定权重，选择客户和授信政策，看由此得到的信用评分、授信额度和应收账款。"),
    "apps.ch11.title": ("Key accounts: scorecard and power map", "大客户：记分卡与组织权力地图"),
    "apps.ch11.intro": (
        "Weigh the criteria that make an account a key account (purchase volume, profit contribution, growth "
        "potential, strategic fit, relationship and credit) and see which accounts come out on top.",
        "为大客户的评价标准（采购量、利润贡献、增长潜力、战略匹配、关系与信用）设定权重，看哪些客户排在前列。"),
    "apps.ch12.title": ("The call centre: how many agents?", "呼叫中心：需要多少座席？"),
    "apps.ch12.intro": (
        "How many agents must answer the phones so that most calls are answered within the target time? Change "
        "the calls per hour, the handling time and the number of agents.",
        "需要多少座席接听电话，才能让大多数来电在目标时间内接通？调整每小时来电数、平均处理时长和座席数。"),
}
