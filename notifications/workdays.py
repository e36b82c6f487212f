"""The working-days calendar moved to anhai_thidua/core/workdays.py, the lowest layer, so that campaigns (the
demo timeline) can use it too; this module keeps the old import path for notifications and reviews."""

from anhai_thidua.core.workdays import (  # noqa: F401
    add_working_days,
    holiday_name,
    is_holiday,
    is_working_day,
    review_due_date,
    working_days_between,
)
