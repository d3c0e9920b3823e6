"""Labels of the out-of-core tables (crmkit._duck): {key: (English, 中文)}."""

LABELS = {
    "owndata.progress": ("DuckDB", "DuckDB 计算"),
    "owndata.progress_checks": ("step 1 of 2: checking {name}", "第 1 步（共 2 步）：检查 {name}"),
    "owndata.progress_table": ("step 2 of 2: computing the table from {name}",
                               "第 2 步（共 2 步）：由 {name} 计算汇总表"),
    "owndata.progress_done": ("done: {name}", "完成：{name}"),
    "owndata.progress_failed": ("stopped: {name} (see the message below)", "已中止：{name}（见下方的提示）"),
}
