"""SaaS cash checks: does the rep's first-year value pay for acquiring it (DOMAIN §2)?"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pillars.domain.quota_values import (
    ONE,
    QuotaInputError,
    plain,
    require_not_negative,
    require_positive,
)


@dataclass(frozen=True)
class CashCheck:
    first_year_arr: Decimal
    acquisition_cost: Decimal
    gross_margin: Decimal

    @property
    def covers(self) -> bool:
        """First-year new ARR strictly above the cost of sales: growth pays for itself."""
        return self.first_year_arr > self.acquisition_cost

    @property
    def covers_after_margin(self) -> bool:
        """The same with only the gross margin of the ARR counted."""
        return self.first_year_arr * self.gross_margin > self.acquisition_cost


def cash_check(
    first_year_arr: Decimal, acquisition_cost: Decimal, gross_margin: Decimal
) -> CashCheck:
    require_not_negative("first-year ARR", first_year_arr)
    require_not_negative("acquisition cost", acquisition_cost)
    if not Decimal(0) < gross_margin <= ONE:
        raise QuotaInputError(
            "gross margin", f"a share above 0 and at most 1, got {plain(gross_margin)}"
        )
    return CashCheck(first_year_arr, acquisition_cost, gross_margin)


def cac_payback_months(check: CashCheck) -> Decimal:
    """Months of gross-margin recurring revenue that pay back the acquisition cost."""
    monthly = check.first_year_arr / 12 * check.gross_margin
    require_positive("first-year ARR", monthly)
    return check.acquisition_cost / monthly


def ltv_to_cac(check: CashCheck, annual_churn: Decimal) -> Decimal:
    """Lifetime gross margin (ARR × margin / churn) over acquisition cost; 3 is the usual bar."""
    if not Decimal(0) < annual_churn <= ONE:
        raise QuotaInputError(
            "churn", f"a yearly share above 0 and at most 1, got {plain(annual_churn)}"
        )
    require_positive("acquisition cost", check.acquisition_cost)
    return check.first_year_arr * check.gross_margin / annual_churn / check.acquisition_cost


def magic_number(
    revenue_this_quarter: Decimal,
    revenue_last_quarter: Decimal,
    sales_marketing_last_quarter: Decimal,
) -> Decimal:
    """Quarter-on-quarter revenue growth, annualised, per unit of last quarter's S&M spend."""
    require_positive("sales and marketing spend", sales_marketing_last_quarter)
    growth = revenue_this_quarter - revenue_last_quarter
    return growth * 4 / sales_marketing_last_quarter
