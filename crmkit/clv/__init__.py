"""Customer lifetime value (客户终身价值, CLV): chapter 05.

The three methods of the course outline (CLV分析法):

* **Dwyer's method** (德怀尔预测法): :func:`retention_clv` ("lost for good") and
  :class:`MigrationModel` ("always a share", a Markov chain over recency);
* **the customer-event method** (客户事件法): :func:`customer_event_clv`;
* **the fitting method** (拟合法): :func:`summarize`, :class:`BGNBD`, :class:`GammaGamma`,
  :class:`ShiftedBetaGeometric`.

Plus the textbook formulas: :func:`clv_model_one` / ``two`` / ``three``, :func:`clv_components`,
:func:`clv_lifecycle`, :func:`ltv`; and what the chapter's widgets show: :func:`clv_view`,
:func:`alive_view` (in :mod:`crmkit.clv.views`).
"""

from . import formulas as _formulas
from . import models as _models
from . import views as _views
from .formulas import (  # noqa: F401
    MigrationModel,
    RetentionCurve,
    annuity_factor,
    clv_components,
    clv_lifecycle,
    clv_model_one,
    clv_model_three,
    clv_model_two,
    customer_event_clv,
    ltv,
    retention_clv,
    retention_value_curve,
)
from .models import (  # noqa: F401
    BGNBD,
    GammaGamma,
    Params,
    ShiftedBetaGeometric,
    calibration_holdout,
    clv_bgnbd_gg,
    iso_value,
    simulate_bgnbd,
    summarize,
)
from .views import (  # noqa: F401
    CDNOW_CAL_END,
    AliveView,
    CdnowFit,
    CLVView,
    alive_view,
    cdnow_model,
    clv_view,
    example_customers,
)

__all__ = [*_formulas.__all__, *_models.__all__, *_views.__all__]
