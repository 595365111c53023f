"""The shape of services, jobs and tasks, read from the source: tasks are Celery entry points that import
services and jobs, and nobody imports them (services hand work over by the task's name); jobs are a leaf
that imports no services and no tasks; and no services, jobs or tasks module imports another inside a
function to dodge a cycle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("accounts", "audit", "common", "config", "contracts", "dashboards", "demo", "dialogue", "procurement")
DOMAIN = ("accounts", "contracts", "dashboards", "dialogue", "procurement")  # the apps with jobs and tasks
LAYERED = ("services", "jobs", "tasks")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    }


def imports(name: str, path: Path) -> list[tuple[str, bool]]:
    return imports_in(name, path.read_text(), is_package=path.name == "__init__.py")


def imports_in(name: str, source: str, *, is_package: bool = False) -> list[tuple[str, bool]]:
    """Every module the module ``name`` imports (as an absolute name), and whether inside a function."""
    package = name if is_package else name.rpartition(".")[0]
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, inner) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - child.level + 1] if child.level else []
                module = ".".join([*base, *([child.module] if child.module else [])])
                found.append((module, inner))
                found.extend((f"{module}.{alias.name}", inner) for alias in child.names)
            visit(child, inner)

    visit(ast.parse(source), False)
    return found


def layer(module: str) -> str | None:
    """'services', 'jobs' or 'tasks' for a module of a domain app's services, jobs or tasks (a module or a
    package); None for the rest (audit's services and common's helpers are below every layer)."""
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] in DOMAIN and parts[1] in LAYERED:
        return parts[1]
    return None


def test_nobody_imports_a_tasks_module():
    known = modules()
    offenders = [
        f"{name} imports {imported}"
        for name, path in known.items()
        if layer(name) != "tasks"
        for imported, _inner in imports(name, path)
        if imported in known and layer(imported) == "tasks"
    ]
    assert offenders == []


def test_jobs_import_no_services_and_no_tasks():
    known = modules()
    offenders = [
        f"{name} imports {imported}"
        for name, path in known.items()
        if layer(name) == "jobs"
        for imported, _inner in imports(name, path)
        if imported in known and layer(imported) in ("services", "tasks")
    ]
    assert offenders == []


def test_services_jobs_and_tasks_import_each_other_at_module_level_only():
    known = modules()
    offenders = [
        f"{name} imports {imported} inside a function"
        for name, path in known.items()
        if layer(name)
        for imported, inner in imports(name, path)
        if inner and imported in known and layer(imported)
    ]
    assert offenders == []


def test_the_reader_sees_relative_and_function_level_imports():
    source = (
        "from .tenders import x\n\ndef f():\n    from procurement.tasks.tenders import make_tender_receipt\n"
    )
    found = imports_in("procurement.services.sample", source)
    assert ("procurement.services.tenders", False) in found
    assert ("procurement.tasks.tenders", True) in found
    assert layer("procurement.tasks.tenders") == "tasks" and layer("common.tasks") is None
