"""axe-core accessibility checks for the browser tests (the engine ships inside the package)."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = {"serious", "critical"}
_axe = Axe()


def blocking_violations(page: Any) -> list[str]:
    """WCAG 2.1 A/AA rules that fail with serious or critical impact, one line each."""
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation.get("impact") in BLOCKING_IMPACTS
    ]


def assert_accessible(page: Any) -> None:
    violations = blocking_violations(page)
    assert not violations, f"{page.url}:\n" + "\n".join(violations)
