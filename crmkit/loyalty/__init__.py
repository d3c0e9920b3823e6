"""Satisfaction, loyalty, switching costs, retention and churn (客户满意、忠诚、转移成本与客户挽留).

Chapters 07-09 (syllabus topic 4, levels 1-4), one module per topic; every name is also
importable from ``crmkit.loyalty`` itself:

* :mod:`~crmkit.loyalty.satisfaction` (客户满意): ``weighted_csi``, ``satisfaction_index`` (ACSI
  structure, path coefficients by least squares on item means), ``nps``, ``loyalty_curve``.
* :mod:`~crmkit.loyalty.switching` (转移成本): ``switching_cost``, ``switching_decision``,
  ``share_staying``, ``SWITCHING_WAYS`` (the course's catalogue of 17 ways).
* :mod:`~crmkit.loyalty.retention` (客户保持): ``retention_economics``, ``cohort_survivors``,
  ``expected_lifetime``, ``implied_growth``, ``acquisition_cost_range``, ``retention_lift``,
  ``complaint_iceberg``, ``word_of_mouth``.
* :mod:`~crmkit.loyalty.churn` (客户流失): ``cohort_table``, ``churn_rate``, ``kaplan_meier``,
  ``churn_by_segment``, ``winback_value``.
* :mod:`~crmkit.loyalty.complaints` (投诉冰山): ``observed_rates``, ``iceberg_panel`` (customers lost and
  people told behind the complaints received).

Discounting and retention maths live in :mod:`crmkit.money`.
"""

from .churn import (  # noqa: F401
    DAYS_PER_MONTH,
    WinbackValue,
    churn_by_segment,
    churn_rate,
    cohort_table,
    kaplan_meier,
    survival_at,
    winback_value,
)
from .complaints import (
    ComplaintRates,
    IcebergPanel,
    default_rates,
    iceberg_panel,
    observed_rates,
)
from .prediction import ChurnModel, churn_model, gains_table
from .retention import (
    COMPLAINT_STEPS,
    SEED_CLAIMS,
    AcquisitionCostRange,
    ChurnCostEquivalence,
    ComplaintIceberg,
    acquisition_cost_range,
    churn_cost_equivalence,
    cohort_survivors,
    complaint_iceberg,
    expected_lifetime,
    implied_growth,
    retellings_lower_bound,
    retention_economics,
    retention_lift,
    word_of_mouth,
)
from .satisfaction import (  # noqa: F401
    ACSI_ITEMS,
    ACSI_PATHS,
    SatisfactionIndex,
    loyalty_curve,
    nps,
    satisfaction_index,
    weighted_csi,
)
from .switching import (
    SWITCHING_WAYS,
    SwitchingDecision,
    share_staying,
    switching_cost,
    switching_decision,
)

__all__ = [
    "SEED_CLAIMS", "COMPLAINT_STEPS",
    "weighted_csi", "satisfaction_index", "SatisfactionIndex", "ACSI_PATHS", "nps", "loyalty_curve",
    "switching_cost", "switching_decision", "SwitchingDecision", "share_staying", "SWITCHING_WAYS",
    "retention_economics", "cohort_survivors", "expected_lifetime", "implied_growth", "acquisition_cost_range",
    "AcquisitionCostRange", "retention_lift", "complaint_iceberg", "ComplaintIceberg", "word_of_mouth",
    "retellings_lower_bound", "churn_cost_equivalence", "ChurnCostEquivalence",
    "churn_model", "ChurnModel", "gains_table",
    "cohort_table", "churn_rate", "kaplan_meier", "survival_at", "churn_by_segment", "winback_value", "WinbackValue",
    "observed_rates", "iceberg_panel", "default_rates", "ComplaintRates", "IcebergPanel",
]
