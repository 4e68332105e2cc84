"""Run the outbox worker in the test's process, as `manage.py db_worker` would, until no task is ready."""

from django.db import transaction
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_worker(queue: str = "default") -> None:
    """Take ready tasks of `queue` one by one (the worker's own loop closes the connection between tasks, which would
    end the test's transaction on PostgreSQL) and run them with the real `Worker.run_task`."""
    worker = Worker(
        queue_names=[queue],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    while True:
        with transaction.atomic():
            # one queue: the mail's by default (documents rendered ahead wait in theirs, run by the tests
            # that want them)
            result = DBTaskResult.objects.ready().filter(queue_name=queue).get_locked()
            if result is None:
                return
            result.claim(worker.worker_id)
        worker.run_task(result)
