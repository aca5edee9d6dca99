"""SaaS cash checks: does the rep's first-year value pay for acquiring it (DOMAIN §2)?"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pillars.domain.quota_values import (
    ONE,
    QuotaInputError,
    percent_text,
    require_money,
    require_positive,
)

# A customer life of a thousand years is already no limit; it keeps LTV finite.
MIN_CHURN = Decimal("0.001")


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
    require_money("first-year ARR", first_year_arr)
    require_money("acquisition cost", acquisition_cost)
    if not gross_margin.is_finite() or not Decimal(0) < gross_margin <= ONE:
        raise QuotaInputError(
            "gross margin",
            f"{percent_text(gross_margin)} must be above 0 % and at most 100 %",
        )
    return CashCheck(first_year_arr, acquisition_cost, gross_margin)


def cac_payback_months(check: CashCheck) -> Decimal:
    """Months of gross-margin recurring revenue that pay back the acquisition cost."""
    monthly = check.first_year_arr / 12 * check.gross_margin
    require_positive("first-year ARR", monthly)
    return check.acquisition_cost / monthly


def ltv_to_cac(check: CashCheck, annual_churn: Decimal) -> Decimal:
    """Lifetime gross margin (ARR × margin / churn) over acquisition cost; 3 is the usual bar."""
    if not annual_churn.is_finite() or not MIN_CHURN <= annual_churn <= ONE:
        raise QuotaInputError(
            "churn",
            f"{percent_text(annual_churn)} a year must be from {percent_text(MIN_CHURN)} to 100 %",
        )
    require_positive("acquisition cost", check.acquisition_cost)
    return check.first_year_arr * check.gross_margin / annual_churn / check.acquisition_cost


def magic_number(
    revenue_this_quarter: Decimal,
    revenue_last_quarter: Decimal,
    sales_marketing_last_quarter: Decimal,
) -> Decimal:
    """Quarter-on-quarter revenue growth, annualised, per unit of last quarter's S&M spend."""
    require_money("revenue this quarter", revenue_this_quarter)
    require_money("revenue last quarter", revenue_last_quarter)
    require_money("sales and marketing spend", sales_marketing_last_quarter, positive=True)
    growth = revenue_this_quarter - revenue_last_quarter
    return growth * 4 / sales_marketing_last_quarter
