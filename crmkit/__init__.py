"""crmkit: the helper package of the CRM course kit (客户关系管理与客户分析).

One module per course concept, so an instructor reading a chapter knows where its code lives:

========================  ====================================================================
``crmkit.data``           ``load(name)``, ``list_datasets()``, validation of transaction tables
``crmkit.synth``          seeded generators of the course datasets (known true parameters)
``crmkit.cases``          the story cases with numbers, e.g. ``cases.taxi`` (chapter 00)
``crmkit.segment``        ABC / Pareto, RFM, pyramid, value matrices (chapters 03-04)
``crmkit.clv``            lifetime value: formulas, Dwyer, events, BG/NBD, Gamma-Gamma, sBG (05)
``crmkit.foundations``    what CRM is: customer states, delivered value, relationship levels (01-02)
``crmkit.money``          money over time: discounting, annuities, retention (the one home of it)
``crmkit.people``         buying-centre roles and social styles (eagle/peacock/owl/dove) (06)
``crmkit.loyalty``        satisfaction, NPS, switching costs, retention, churn and its prediction (07-09)
``crmkit.credit``         5C credit scoring, ratings, limits, receivables ageing, DSO (10)
``crmkit.accounts``       key-account scorecard, relationship levels, share of wallet, power map (11)
``crmkit.crm``            the CRM database: pipeline, company rules, Erlang C staffing (12)
``crmkit.widgets``        one widget per case study
``crmkit.plots``          the course's charts
``crmkit.exercises``      check / hint / solution for the exercise notebooks
``crmkit.i18n``           every label in English and Chinese, ``set_language("zh")``
========================  ====================================================================

Errors are one family (:mod:`crmkit.errors`): ``CrmkitError``, ``DataError``, ``ParameterError``.
Submodules are imported on demand, so ``import crmkit`` stays fast.
"""

from .errors import CrmkitError, DataError, ParameterError

__version__ = "0.1.0"
__all__ = ["CrmkitError", "DataError", "ParameterError", "set_language", "__version__"]


def set_language(lang: str) -> None:
    """Switch every label of the kit to ``"zh"`` (中文) or ``"en"``: widgets, charts, class names, actions
    and the exercise feedback. The same as :func:`crmkit.i18n.set_language`."""
    from .i18n import set_language as _set

    _set(lang)
