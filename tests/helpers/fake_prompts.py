"""A scripted stand-in for the editor's :class:`~cramp_coach.ui.editor.prompts.Prompts`.

Answers are queued per question with :meth:`FakePrompts.script`; a question nobody
scripted fails the test, so a test also proves which questions were asked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from cramp_coach.domain.errors import Issue
from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.domain.routine import Exercise
from cramp_coach.ui.editor.prompts import IdCheck, NewRoutineRequest, with_suffix_from


class FakePrompts:
    """Scripted answers, one queue per question; an unscripted question fails the test."""

    def __init__(self) -> None:
        self.answers: dict[str, list[Any]] = defaultdict(list)
        self.asked: list[tuple[str, str]] = []
        self.issues_shown: list[Sequence[Issue]] = []
        self.details_offered: list[HandoutDetails] = []
        self.suggested: list[Path] = []  # what each save dialog would have offered

    def script(self, question: str, *answers: Any) -> None:
        self.answers[question].extend(answers)

    def _answer(self, question: str, title: str) -> Any:
        self.asked.append((question, title))
        if not self.answers[question]:
            raise AssertionError(f"unexpected question: {question} {title!r}")
        return self.answers[question].pop(0)

    def choose(self, title: str, text: str, options: Sequence[str]) -> str | None:
        answer = self._answer("choose", title)
        assert answer is None or answer in options, (answer, options)
        return answer  # type: ignore[no-any-return]

    def ask_id(self, title: str, text: str, suggested: str, check: IdCheck) -> str | None:
        answer = self._answer("ask_id", title)
        if answer is not None:
            assert check(answer) == "", check(answer)
        return answer  # type: ignore[no-any-return]

    def new_routine(
        self, templates: Sequence[tuple[str, Path]], exercises: Mapping[str, Exercise], check: IdCheck
    ) -> NewRoutineRequest | None:
        return self._answer("new_routine", "New routine")  # type: ignore[no-any-return]

    def open_path(self, title: str, *, folder: bool) -> Path | None:
        return self._answer("open_path", title)  # type: ignore[no-any-return]

    def save_path(self, title: str, suggested: Path, filters: str) -> Path | None:
        self.suggested.append(suggested)
        answer = self._answer("save_path", title)
        return with_suffix_from(answer, filters) if answer is not None else None  # as the real dialog does

    def show_issues(self, title: str, text: str, issues: Sequence[Issue]) -> None:
        self.asked.append(("show_issues", title))
        self.issues_shown.append(issues)

    def inform(self, title: str, text: str) -> None:
        self.asked.append(("inform", f"{title}: {text}"))

    def handout_details(self, current: HandoutDetails) -> HandoutDetails | None:
        self.details_offered.append(current)
        return self._answer("handout_details", "Handout details")  # type: ignore[no-any-return]

    def printer(self) -> Any:  # a QPrinter or None; typed loosely so this module needs no Qt
        return self._answer("printer", "Print")
