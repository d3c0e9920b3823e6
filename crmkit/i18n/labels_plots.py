"""Labels of the chart helpers shared by chapters (crmkit.plots): {key: (English, 中文)}."""

LABELS = {
    "plots.no_customers": ("no customers", "无客户"),
    "plots.hatched_empty": ("hatched: no customers", "斜线格：无客户"),
}
