"""Background tasks run by `suishin worker` on the database queue (default) and on RQ/Redis."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REDIS_URL = "redis://127.0.0.1:6379/15"

ENQUEUE = "from suishin.core.tasks import audit_verify_task; print(audit_verify_task.enqueue().id)"
RESULT = (
    "from suishin.core.tasks import audit_verify_task; "
    "result = audit_verify_task.get_result('{task_id}'); "
    "print(result.status, result.return_value if result.status == 'SUCCESSFUL' else result.errors)"
)
HEALTH = "from django.test import Client; print(Client(HTTP_HOST='127.0.0.1').get('/healthz').json()['tasks'])"


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def suishin(env: dict[str, str], *args: str) -> str:
    completed = subprocess.run(
        [sys.executable, "-m", "suishin.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


@pytest.mark.parametrize("backend", ["database", "rq"])
def test_a_queued_task_is_run_by_the_worker(backend: str, tmp_path: Path) -> None:
    if backend == "rq" and not redis_reachable():
        if os.environ.get("CI") == "true":
            pytest.fail("CI provides Redis at 127.0.0.1:6379")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "SUISHIN_"))}
    env.update(
        {
            "SUISHIN_VAR_DIR": str(tmp_path),
            "SUISHIN_TESTING": "0",
            "SUISHIN_TASK_BACKEND": backend,
            "SUISHIN_REDIS_URL": REDIS_URL,
        }
    )
    suishin(env, "migrate", "--noinput", "-v", "0")
    task_id = suishin(env, "shell", "-v", "0", "-c", ENQUEUE)
    assert suishin(env, "shell", "-v", "0", "-c", RESULT.format(task_id=task_id)).startswith(
        "READY"
    )
    suishin(env, "worker", "--burst")
    status = suishin(env, "shell", "-v", "0", "-c", RESULT.format(task_id=task_id))
    assert status.startswith("SUCCESSFUL"), status
    assert "'ok': True" in status
    health = suishin(env, "shell", "-v", "0", "-c", HEALTH)
    assert f"'backend': '{backend}'" in health
    assert "'status': 'ok'" in health


def test_the_scheduler_enqueues_each_job_at_its_interval_and_survives_failures() -> None:
    from threading import Event

    from suishin.core import scheduler

    now = [0.0]
    calls: list[tuple[str, float]] = []
    stop = Event()

    def clock() -> float:
        # Each pass of the loop is one second later; stop after a simulated minute.
        now[0] += 1
        if now[0] >= 60:
            stop.set()
        return now[0]

    def failing() -> None:
        calls.append(("failing", now[0]))
        raise RuntimeError("queue down")

    saved = dict(scheduler._JOBS)
    scheduler._JOBS.clear()
    try:
        scheduler.register_periodic("every-10", 10, lambda: calls.append(("every-10", now[0])))
        scheduler.register_periodic("failing", 1000, failing)
        scheduler.register_periodic(
            "late", 1000, lambda: calls.append(("late", now[0])), first_after=30
        )
        scheduler.run(stop, tick=0, clock=clock)
    finally:
        scheduler._JOBS.clear()
        scheduler._JOBS.update(saved)
    assert [t for name, t in calls if name == "every-10"] == [1, 11, 21, 31, 41, 51]
    assert [t for name, t in calls if name == "failing"] == [1]
    assert [t for name, t in calls if name == "late"] == [31]
    assert "desk.sla_escalate" in {job.name for job in scheduler.jobs()}
