"""Standard records of the customer pillar: an account and a deal, as importers read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Segment(StrEnum):
    PROSPECT = "prospect"
    GROW = "grow"
    MAINTAIN = "maintain"


class FunnelStage(StrEnum):
    """Where a deal got to; the order is the funnel's."""

    FIRST_MEETING = "first_meeting"
    SECOND_MEETING = "second_meeting"
    PROPOSAL = "proposal"
    WIN = "win"


@dataclass(frozen=True, slots=True)
class AccountRecord:
    """One account (company, organisation) of a CRM export. `source` + `source_id` is the key."""

    source: str
    source_id: str
    name: str
    domains: tuple[str, ...] = ()  # lower case, no scheme or "www."
    owner: str = ""  # as written: e-mail, name or CRM user id
    revenue: Decimal | None = None  # the CRM's own revenue figure for the account, if any
    currency: str = ""
    account_type: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class DealRecord:
    """One deal or opportunity. Won/lost come from the CRM's flags where it has them."""

    source: str
    source_id: str
    name: str
    account_id: str = ""  # the CRM's account id, when the export has one
    account_name: str = ""
    owner: str = ""
    stage: str = ""  # as written
    funnel_stage: FunnelStage | None = None  # how far the deal got, when the layout says
    amount: Decimal | None = None
    currency: str = ""
    created: date | None = None
    close_date: date | None = None
    closed: bool = False
    won: bool = False
    deal_type: str = ""  # "new business", "existing business"... as written
    line: int = 0

    @property
    def lost(self) -> bool:
        return self.closed and not self.won

    @property
    def open(self) -> bool:
        return not self.closed
