import signal

import django
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import InterfaceError, OperationalError, ProgrammingError
from django_tasks_db.management.commands import db_worker as library
from django_tasks_db.models import DBTaskResult

from {{ cookiecutter.project_slug }}.core.management.commands import db_worker
from {{ cookiecutter.project_slug }}.reviews.alerts import alert_managers_of_a_poor_review
from {{ cookiecutter.project_slug }}.reviews.factories import ReviewFactory

WORKER = ["db_worker", "--no-startup-delay", "--interval", "0"]


@pytest.fixture(autouse=True)
def tasks_in_the_database(settings):
    """The worker's own backend, instead of the test settings' immediate one."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def signal_handlers():
    """The worker sets its own handlers for SIGINT and SIGTERM: pytest's come back after."""
    kept = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in kept.items():
        signal.signal(number, handler)


@pytest.fixture
def sleeps(mocker):
    # The command's own name for it: other threads of the test run sleep too.
    return mocker.patch.object(db_worker, "sleep")


# A transaction of the test's own would not do: the worker ends any that it finds open.
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_tasks_in_the_database(settings):
    # Django 6.0 lists addresses; 5.2 wants (name, address) pairs.
    manager = "shop@example.com"
    settings.MANAGERS = [manager] if django.VERSION >= (6, 0) else [("Shop", manager)]
    alert_managers_of_a_poor_review(ReviewFactory(rating=1))
    assert mail.outbox == []

    call_command(*WORKER, "--batch")

    [sent] = mail.outbox
    assert sent.to == [manager]


@pytest.mark.django_db(transaction=True)
def test_a_task_cut_off_by_an_outage_runs_again_and_another_worker_s_does_not(settings):
    manager = "shop@example.com"
    settings.MANAGERS = [manager] if django.VERSION >= (6, 0) else [("Shop", manager)]
    for worker in ("this one", "another"):
        alert_managers_of_a_poor_review(ReviewFactory(rating=1))
        # Started by a worker when the database went away: still "running".
        DBTaskResult.objects.ready().get().claim(worker)

    call_command(*WORKER, "--batch", "--worker-id", "this one")

    [sent] = mail.outbox
    assert sent.to == [manager]
    [still_running] = DBTaskResult.objects.running()
    assert still_running.worker_ids == ["another"]


@pytest.fixture
def worker_loop(mocker):
    """The library's worker loop (a name of its own: these tests fail if it moves), each
    start of which ends as the test says; no database behind it."""
    mocker.patch.object(db_worker, "run_again_what_was_cut_off")
    return mocker.patch.object(library.Worker, "run", autospec=True)


def test_a_database_that_cannot_be_reached_is_waited_out(worker_loop, sleeps, caplog):
    worker_loop.side_effect = [
        OperationalError("connection failed: Connection refused\n\tIs the server running?"),
        InterfaceError("connection already closed"),
        None,
    ]

    call_command(*WORKER)

    assert worker_loop.call_count == 3
    assert [call.args for call in sleeps.call_args_list] == [(1,), (2,)]
    logged = [record.getMessage() for record in caplog.records if record.name == db_worker.__name__]
    assert logged == [
        "The database cannot be reached (connection failed: Connection refused Is the server "
        "running?); again in 1 s",
        "The database cannot be reached (connection already closed); again in 2 s",
    ]


def test_the_wait_doubles_up_to_its_ceiling(worker_loop, sleeps):
    worker_loop.side_effect = [*[OperationalError("refused")] * 7, None]

    call_command(*WORKER)

    assert [call.args[0] for call in sleeps.call_args_list] == [1, 2, 4, 8, 16, 16, 16]


def test_an_error_that_is_no_outage_stops_the_worker(worker_loop, sleeps):
    worker_loop.side_effect = ProgrammingError("no such table")

    with pytest.raises(ProgrammingError):
        call_command(*WORKER)

    sleeps.assert_not_called()


def test_an_outage_after_the_worker_ran_a_while_is_waited_out_from_the_start(
    mocker, worker_loop, sleeps
):
    clock = [0.0]
    mocker.patch.object(db_worker, "monotonic", side_effect=lambda: clock[0])
    # (seconds each start of the worker loop lasts, whether it ends in a refusal)
    starts = iter([(0, True), (0, True), (60, True), (0, False)])

    def run(worker):
        lasted, refused = next(starts)
        clock[0] += lasted
        if refused:
            raise OperationalError("refused")

    worker_loop.side_effect = run

    call_command(*WORKER)

    assert [call.args[0] for call in sleeps.call_args_list] == [1, 2, 1]
