import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a verb and then its on-commit work (the eager PDF task), as a real commit would."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = func(*args, **kwargs)
        if hasattr(result, "refresh_from_db"):
            result.refresh_from_db()
        return result

    return run
