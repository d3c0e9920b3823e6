"""Labels of the kit's HTML pages: the course site (crmkit.site) and the gradebook and feedback pages
(crmkit.grade). {key: (English, 中文)}."""

LABELS = {
    # the course site (make site)
    "pages.site_title": ("CRM course", "客户关系管理课程"),
    "pages.site_heading": ("Customer relationship management: the course", "客户关系管理：课程"),
    "pages.site_intro": ("The chapters with their outputs. To run them and use the widgets, open the course in "
                         "JupyterLab or on Binder. Exercises are in <code>exercises/</code>.",
                         "各章内容及其运行结果。要运行代码、使用交互组件，请在 JupyterLab 或 Binder 中打开课程。"
                         "练习在 <code>zh/exercises/</code> 中。"),
    "pages.chapter_map": ("Chapter map", "章节"),
    "pages.chapter": ("chapter", "章"),
    "pages.glossary_link": ("Glossary, English / Chinese", "术语表（英中对照）"),
    "pages.other_edition": ("中文版 (Chinese edition)", "English edition（英文版）"),
    "pages.course_home": ("Course home", "课程首页"),
    "pages.widget_note": ("<b>Interactive widget</b> (交互组件): it runs in a live Jupyter kernel. Open this chapter "
                          "in JupyterLab (<code>make lab</code>) or on Binder to use it.",
                          "<b>交互组件</b>（Interactive widget）：需要在运行中的 Jupyter 内核里使用。请在 JupyterLab"
                          "（<code>make lab LANG=zh</code>）或 Binder 中打开本章。"),
    # the gradebook and feedback pages (crmkit grade)
    "pages.gradebook": ("Gradebook", "成绩册"),
    "pages.gradebook_heading": ("Gradebook (成绩册)", "成绩册"),
    "pages.student": ("student", "学生"),
    "pages.status": ("status", "运行情况"),
    "pages.flags": ("flags", "标记"),
    "pages.total": ("total", "合计"),
    "pages.correct_row": ("correct", "答对人数"),
    "pages.feedback_title": ("Feedback: {student}", "作业反馈：{student}"),
    "pages.feedback_heading": ("Feedback for {student} (作业反馈)", "{student} 的作业反馈"),
    "pages.score": ("Run: <b>{status}</b>. Correct: <b>{correct}</b> of {total}.",
                    "运行情况：<b>{status}</b>。答对 <b>{correct}</b> 题，共 {total} 题。"),
    "pages.flagged": ("Flagged (标记)", "已标记"),
    "pages.flagged_zero": ("The grader gives 0 for the questions these affect:", "受以下问题影响的题目记 0 分："),
    "pages.your_code": ("Your code:", "你的代码："),
    "pages.your_answer": ("Your answer:", "你的答案："),
    "pages.check": ("Check: {message}", "判分：{message}"),
    "pages.hints": ("Hints (提示)", "提示"),
    "pages.error_cells": ("Cells that raised an error", "出错的单元格"),
    "pages.msg_raised": ("The cell that checks this question raised {error}", "检查本题的单元格出错：{error}"),
    "pages.msg_stopped": ("Not graded: the notebook stopped ({status}) before this question was checked.",
                          "未判分：检查本题之前，笔记本已停止运行（{status}）。"),
    "pages.msg_invalid": ("Not graded: {status} before this question was checked.", "未判分：{status}，本题未能检查。"),
    "pages.msg_never": ("The notebook never checked this question.", "笔记本中没有检查本题。"),
    "pages.msg_flagged": ("0 for this question: the notebook {reasons}.", "本题记 0 分：该笔记本 {reasons}。"),
    "pages.result.correct": ("correct", "正确"),
    "pages.result.incorrect": ("incorrect", "错误"),
    "pages.result.not attempted": ("not attempted", "未作答"),
    "pages.result.error": ("error", "出错"),
    "pages.result.flagged": ("flagged", "已标记"),
    # open questions, graded by hand against a rubric (crmkit._grade_hand)
    "pages.result.to grade by hand": ("to grade by hand", "待人工评分"),
    "pages.result.graded by hand": ("graded by hand", "已人工评分"),
    "pages.hand_score": ("Open questions, graded by hand: <b>{points}</b> of {most} points so far; {waiting} answer(s) "
                         "still to grade.", "开放题（人工评分）：目前得 <b>{points}</b> 分，满分 {most} 分；还有 {waiting} 个答案待评分。"),
    "pages.criterion": ("Rubric criterion", "评分标准"),
    "pages.points": ("points", "得分"),
    "pages.comment": ("comment", "评语"),
    "pages.model_answer": ("Model answer (for the instructor only)", "参考答案（仅供老师）"),
    "pages.open_heading": ("Open answers to grade by hand (人工评分)", "待人工评分的开放题答案"),
    "pages.open_intro": ("For the instructor only: this page holds the model answers; give students their pages in "
                         "<code>feedback/</code>, never this one. Score each answer in <code>hand-scores-template.csv"
                         "</code> (one row per criterion), then grade again with <code>--hand-scores</code>.",
                         "仅供老师使用：本页含参考答案；发给学生的是 <code>feedback/</code> 中的页面，不要发本页。"
                         "请在 <code>hand-scores-template.csv</code> 中为每个答案逐条评分（每条评分标准一行），"
                         "再加上 <code>--hand-scores</code> 重新批改。"),
    "pages.open_link": ("Open answers to grade by hand, with the rubrics and model answers (for the instructor only)",
                        "待人工评分的开放题答案，附评分标准和参考答案（仅供老师）"),
    "grade.reused": ("reusing the results of {n} notebook(s) saved in {file}: no submission, no file of crmkit "
                     "and no option that changes a result has changed since they were graded (--rerun runs them "
                     "again)",
                     "沿用 {file} 中保存的 {n} 份笔记本的评分结果：自上次评分以来，提交的作业、crmkit 的文件和影响"
                     "结果的选项都没有变化（加 --rerun 可重新运行）。"),
}
