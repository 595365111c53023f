"""A file written inside a transaction goes again when that transaction, or the savepoint it was written
in, rolls back: no file in storage without its row (common/rollback.py)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction


class Failure(Exception):
    pass


def store(name: str) -> str:
    return default_storage.save(f"rollback/{name}", ContentFile(b"%PDF-1.7"))


@pytest.mark.django_db(transaction=True)
def test_a_file_stored_in_a_transaction_that_commits_stays():
    with transaction.atomic():
        name = store("kept.pdf")
    assert default_storage.exists(name)


@pytest.mark.django_db(transaction=True)
def test_a_file_stored_in_a_transaction_that_raises_is_removed():
    with pytest.raises(Failure), transaction.atomic():
        name = store("gone.pdf")
        raise Failure
    assert not default_storage.exists(name)


@pytest.mark.django_db(transaction=True)
def test_a_file_of_an_inner_block_that_rolls_back_goes_while_the_outer_one_commits():
    with transaction.atomic():
        kept = store("outer.pdf")
        with pytest.raises(Failure), transaction.atomic():
            gone = store("inner.pdf")
            raise Failure
        assert not default_storage.exists(gone)
    assert default_storage.exists(kept)
    assert not default_storage.exists(gone)


@pytest.mark.django_db(transaction=True)
def test_a_file_of_an_inner_block_that_committed_goes_when_the_outer_one_rolls_back():
    with pytest.raises(Failure), transaction.atomic():
        with transaction.atomic():
            inner = store("inner.pdf")
        with transaction.atomic(savepoint=False):
            no_savepoint = store("no-savepoint.pdf")
        assert default_storage.exists(inner)
        raise Failure
    assert not default_storage.exists(inner)
    assert not default_storage.exists(no_savepoint)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_inner_block_leaves_the_files_of_its_sibling_and_of_the_next_transaction():
    with transaction.atomic():
        with transaction.atomic():
            sibling = store("sibling.pdf")
        with pytest.raises(Failure), transaction.atomic():
            store("inner.pdf")
            raise Failure
    with transaction.atomic():
        later = store("later.pdf")
    assert default_storage.exists(sibling)
    assert default_storage.exists(later)


@pytest.mark.django_db
def test_a_file_stored_in_a_savepoint_that_raises_is_removed():
    """Under the test's own transaction every block is a savepoint."""
    with pytest.raises(Failure), transaction.atomic():
        name = store("gone.pdf")
        raise Failure
    assert not default_storage.exists(name)


def test_a_file_stored_outside_a_transaction_stays():
    name = store("autocommit.pdf")
    assert default_storage.exists(name)
