"""Labels shared by all chapters: {key: (English, 中文)}."""

LABELS = {
    "common.customers": ("Customers", "客户数"),
    "common.customer": ("Customer", "客户"),
    "common.revenue": ("Revenue (¥)", "收入（元）"),
    "common.profit": ("Profit (¥)", "利润（元）"),
    "common.share": ("Share", "占比"),
    "common.dataset": ("Dataset", "数据集"),
    "common.method": ("Method", "方法"),
    "common.hours": ("Hours", "小时"),
    "common.year": ("Year", "年"),
    "common.period": ("Period", "期"),
    "common.asof": ("As-of date", "截止日期"),
    "common.lesson": ("Lesson", "启示"),
    "common.crm": ("Customer relationship management", "客户关系管理"),
}
