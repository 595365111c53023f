from dashboards.queries import CHART_WIDTH, LABEL_WIDTH, PhaseRow, build_timeline, days_until
from tests.dashboards.factories_dashboards import amsterdam

NOW = amsterdam(2026, 11, 25, 10)


def row(key, planned=None, actual=None, state="coming"):
    planned_start, deadline = planned or (None, None)
    actual_start, actual_end = actual or (None, None)
    return PhaseRow(key, key, planned_start, deadline, actual_start, actual_end, state)


def test_planned_and_actual_bars_lie_on_one_axis_with_today_between_them():
    done = row(
        "strategy",
        (amsterdam(2026, 6, 1), amsterdam(2026, 10, 1)),
        (amsterdam(2026, 6, 3), amsterdam(2026, 10, 5)),
    )
    current = row(
        "registration", (amsterdam(2026, 10, 1), amsterdam(2026, 12, 10)), (amsterdam(2026, 10, 5), None)
    )
    unplanned = row("preselection")
    timeline = build_timeline([done, current, unplanned], NOW)
    assert done.planned_x == LABEL_WIDTH  # the earliest moment starts the axis
    assert current.planned_x + current.planned_width == LABEL_WIDTH + CHART_WIDTH  # the latest ends it
    assert current.actual_x + current.actual_width == timeline.today_x  # an ongoing phase runs until today
    assert done.actual_x < current.actual_x < timeline.today_x < LABEL_WIDTH + CHART_WIDTH
    assert unplanned.planned_x is None and unplanned.actual_x is None
    assert [r.y for r in timeline.rows] == sorted({r.y for r in timeline.rows})
    assert timeline.ticks and all(LABEL_WIDTH <= x <= LABEL_WIDTH + CHART_WIDTH for x, _ in timeline.ticks)


def test_a_timeline_without_dates_marks_no_today():
    timeline = build_timeline([row("strategy"), row("registration")], NOW)
    assert timeline.today_x is None and timeline.ticks == []


def test_days_are_counted_in_calendar_days_in_amsterdam():
    # 00:30 on 26 November in Amsterdam is still 25 November in UTC: one day ahead, not zero
    assert days_until(amsterdam(2026, 11, 26, 0).replace(minute=30), amsterdam(2026, 11, 25, 23)) == 1
    assert days_until(amsterdam(2026, 11, 20), NOW) == -5
    assert days_until(None, NOW) is None
