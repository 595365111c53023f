"""The catalogue of audit actions (audit/actions.py): every action the code records is a member, and every
member has a label a person can read, in English and in Dutch."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from audit.actions import Action
from contracts.models import Contract
from procurement.services.deadlines import WINDOWS

# the functions whose first argument is the action they record
RECORDERS = {"record", "refused", "failed", "refusals_recorded", "records_refusals", "failures_refused"}
# an action built from a pattern, with every value the pattern can take
PATTERNS = {"contracts.status.{new}": [f"contracts.status.{status}" for status in Contract.Status.values]}
SKIPPED = {".venv", "node_modules", "tests", "migrations", "static"}


def actions_in(source: str) -> list[tuple[int, ast.expr]]:
    """The expressions that name an action: the first argument of a recorder, and every ``action=``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name == "add_argument":  # argparse's action="store_true"
            continue
        if name in RECORDERS and node.args:
            found.append((node.lineno, node.args[0]))
        found += [(node.lineno, k.value) for k in node.keywords if k.arg == "action"]
    return found


def unknown(expression: ast.expr) -> list[str]:
    """The action strings that ``expression`` may stand for and that are no member of ``Action``; a
    variable (an action handed on by a helper) is checked where its value is written."""
    if isinstance(expression, ast.Attribute) and ast.unparse(expression.value) == "Action":
        return [] if expression.attr in Action.__members__ else [ast.unparse(expression)]
    if isinstance(expression, ast.Constant):
        return [] if expression.value in Action.values else [expression.value]
    if isinstance(expression, ast.JoinedStr):
        pattern = "".join(
            part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
            for part in expression.values
        )
        if pattern not in PATTERNS:
            return [f"f{pattern!r} (add it to PATTERNS or use a member of Action)"]
        return [value for value in PATTERNS[pattern] if value not in Action.values]
    return []


def test_every_action_the_code_records_is_in_the_catalogue():
    checked, missing = 0, []
    for path in Path(settings.BASE_DIR).rglob("*.py"):
        if SKIPPED & set(path.relative_to(settings.BASE_DIR).parts):
            continue
        for line, expression in actions_in(path.read_text()):
            checked += 1
            missing += [
                f"{path.relative_to(settings.BASE_DIR)}:{line}: {name}" for name in unknown(expression)
            ]
    assert checked > 150  # the scan sees the verbs
    assert missing == []


def test_the_deadline_windows_record_actions_of_the_catalogue():
    assert {action for w in WINDOWS for action in (w.audit_action, w.reminder_action)} <= set(Action.values)


@pytest.mark.parametrize(
    "source",
    [
        'record("made.up", actor=None)',
        "refusals_recorded(Action.NO_SUCH_ACTION, actor=None)",
        'each_in_own_transaction(items, step, action="made.up", procurement_id=f)',
        'Refused("no", action=f"contracts.{other}", obj=None, procurement_id=None)',
    ],
)
def test_the_scan_finds_an_action_that_is_not_in_the_catalogue(source):
    assert [name for _, expression in actions_in(source) for name in unknown(expression)]


def test_every_action_has_a_label_in_english_and_in_dutch():
    with translation.override("en"):
        english = {action.value: str(action.label) for action in Action}
    with translation.override("nl"):
        dutch = {action.value: str(action.label) for action in Action}
    assert all(label and label != value for value, label in english.items())
    assert [value for value in english if dutch[value] == english[value]] == []  # each one translated
    assert len(set(english.values())) == len(english)  # no two actions read the same
    assert dutch[Action.TENDER_SUBMIT] == "Inschrijving ingediend"


def test_a_string_that_is_no_action_reads_as_itself():
    with translation.override("nl"):
        assert Action.label_of("tender.opening.start") == "Opening van de kluis gestart"
        assert Action.label_of("old.action") == "old.action"
