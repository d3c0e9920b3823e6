"""crmkit: the helper package of the CRM course kit (客户关系管理与客户分析).

One module per course concept, so an instructor reading a chapter knows where its code lives:

========================  ====================================================================
``crmkit.data``           ``load(name)``, ``list_datasets()``, validation of transaction tables
``crmkit.synth``          seeded generators of the course datasets (known true parameters)
``crmkit.cases``          the story cases with numbers, e.g. ``cases.taxi`` (chapter 00)
``crmkit.segment``        ABC / Pareto, RFM, pyramid, value matrices (chapters 03-04)
``crmkit.clv``            lifetime value: formulas, Dwyer, events, BG/NBD, Gamma-Gamma, sBG (05)
``crmkit.loyalty``        satisfaction, NPS, switching costs, retention and churn (07-09)
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
__all__ = ["CrmkitError", "DataError", "ParameterError", "__version__"]
