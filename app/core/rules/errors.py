"""The one error a policy pack raises when it cannot be used, naming file, rule and problem."""

from __future__ import annotations


class PolicyPackError(Exception):
    """A pack that fails its load-time checks. The registry keeps serving the last good pack."""

    def __init__(self, file: str, rule: str | None, problem: str) -> None:
        self.file = file
        self.rule = rule
        self.problem = problem
        where = f"{file}: aturan {rule}" if rule else file
        super().__init__(f"{where}: {problem}")
