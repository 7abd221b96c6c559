//! vestis's own `range()` template function: tera's, with the same numbers and limits, that
//! first checks the render budget (`render::budget`) of the page being rendered, so that a
//! template loop over `range` stops in time. tera has no other interruption hook.

use super::budget::Budget;

/// tera's `range(start=0, end, step_by=1)`, the same numbers and limits, checking the budget
/// of the page being rendered first: a loop over `range` inside a loop stops in time.
pub(super) fn range(budget: &Budget, kwargs: &tera::Kwargs) -> tera::TeraResult<Vec<i128>> {
    if budget.check_current().is_err() {
        return Err(tera::Error::message("the render budget is used up"));
    }
    const MAX_RANGE_LEN: i128 = 100_000;
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step_by = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if start > end && step_by > 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    if step_by == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    let overflow =
        || tera::Error::message("Function `range` was called with arguments that overflow i128");
    let len = if step_by > 0 {
        let span = end.checked_sub(start).ok_or_else(overflow)?;
        span.checked_add(step_by - 1).ok_or_else(overflow)? / step_by
    } else if start <= end {
        0
    } else {
        let step = step_by.checked_neg().ok_or_else(overflow)?;
        let span = start.checked_sub(end).ok_or_else(overflow)?;
        span.checked_add(step - 1).ok_or_else(overflow)? / step
    };
    if len > MAX_RANGE_LEN {
        return Err(tera::Error::message(format!(
            "Function `range` would produce {len} elements, which exceeds the limit of {MAX_RANGE_LEN}"
        )));
    }
    Ok((0..len).map(|i| start + i * step_by).collect())
}
