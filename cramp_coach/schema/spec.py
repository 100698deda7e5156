"""The routine format, declared once.

Every field of every file kind is listed here with its type, bounds, default and help
text. The loader validates against these declarations, :mod:`.jsonschema` turns them
into the shipped JSON Schema, :mod:`.docgen` renders the tables in
``docs/routine-format.md``, and the editor shows ``Field.help`` as hints. Changing the
format means changing this file; a test keeps the generated artefacts in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Defined with the other naming rules (light enough for the app's first frame); kept here for the spec's readers.
from cramp_coach.schema.names import ID_PATTERN as ID_PATTERN

SCHEMA_VERSION = 1


# --- value types ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """Non-empty text (one line or several)."""

    max_length: int = 2000

    def describe(self) -> str:
        return "text"


@dataclass(frozen=True, slots=True)
class Identifier:
    """A kebab-case id such as ``wall-calf-stretch``; ``ref`` names what it refers to."""

    ref: str | None = None

    def describe(self) -> str:
        return f"a known {self.ref} id" if self.ref else "a kebab-case id like 'wall-calf-stretch'"


@dataclass(frozen=True, slots=True)
class Number:
    """A number within bounds; ``integer`` refuses fractions."""

    minimum: float
    maximum: float
    integer: bool = False
    unit: str = ""

    def describe(self) -> str:
        kind = "a whole number" if self.integer else "a number"
        unit = f" of {self.unit}" if self.unit else ""
        low, high = (int(self.minimum), int(self.maximum)) if self.integer else (self.minimum, self.maximum)
        return f"{kind}{unit} from {low:g} to {high:g}" if not self.integer else f"{kind}{unit} from {low} to {high}"


@dataclass(frozen=True, slots=True)
class Flag:
    """``true`` or ``false``; ``only_true`` for marker fields where ``false`` means nothing."""

    only_true: bool = False

    def describe(self) -> str:
        return "true" if self.only_true else "true or false"


@dataclass(frozen=True, slots=True)
class Choice:
    """One of a fixed set of words, each with a description for docs and hints."""

    choices: tuple[tuple[str, str], ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.choices)

    def describe(self) -> str:
        return "one of " + ", ".join(self.values)


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar date written ``YYYY-MM-DD``."""

    def describe(self) -> str:
        return "a date like 2026-11-23"


@dataclass(frozen=True, slots=True)
class AssetPath:
    """A relative path to an image: next to the file first, then the built-in assets."""

    suffixes: tuple[str, ...] = (".svg", ".png", ".jpg", ".jpeg")

    def describe(self) -> str:
        return "a relative path to an image (" + ", ".join(self.suffixes) + ")"


@dataclass(frozen=True, slots=True)
class ListOf:
    """A list of items of one type."""

    item: ValueType
    min_items: int = 0
    max_items: int = 200

    def describe(self) -> str:
        return f"a list of {self.item.describe()}"


@dataclass(frozen=True, slots=True)
class Either:
    """An id reference (written as plain text) or a full record written in place."""

    reference: Identifier
    record: Record

    def describe(self) -> str:
        return f"{self.reference.describe()} or {self.record.describe()}"


# Rules across the fields of one record (they become JSON Schema keywords too).


@dataclass(frozen=True, slots=True)
class ExactlyOne:
    """Exactly one of these fields must be present."""

    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Requires:
    """``name`` may only be given together with one of ``others``."""

    name: str
    others: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Excludes:
    """``name`` must not be given together with ``other``."""

    name: str
    other: str


@dataclass(frozen=True, slots=True)
class RequiredWhenMentioned:
    """``name`` is required when any of ``fields`` has a word starting with one of ``stems``.

    Matching ignores case and looks at word starts only, so ``rub`` finds "Rub" and
    "rubbing". Used where a safety line must be visible whatever the author wrote: a
    step that talks about rubbing or warming a leg must carry a ``caution``.
    """

    name: str
    stems: tuple[str, ...]
    fields: tuple[str, ...]

    def matches(self, text: str) -> bool:
        return re.search(r"\b(?:" + "|".join(self.stems) + ")", text, re.IGNORECASE) is not None


Rule = ExactlyOne | Requires | Excludes | RequiredWhenMentioned


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a record."""

    name: str
    type: ValueType
    help: str
    required: bool = False
    default: object = None


@dataclass(frozen=True, slots=True)
class Record:
    """A mapping with known keys; unknown keys are errors."""

    title: str
    fields: tuple[Field, ...]
    rules: tuple[Rule, ...] = ()
    help: str = ""

    def describe(self) -> str:
        article = "an" if self.title[0] in "aeiou" else "a"
        return f"{article} {self.title}"

    def get(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


ValueType = Text | Identifier | Number | Flag | Choice | Date | AssetPath | ListOf | Either | Record


# --- shared pieces ---------------------------------------------------------------------

POSITION = Choice(
    (
        ("standing", "on your feet, holding a support where the steps say so"),
        ("sitting", "on a chair or the edge of the bed"),
        ("lying", "in bed, on your back or side"),
    )
)
EVIDENCE = Choice(
    (
        ("trial", "tested in a randomised trial"),
        ("guideline", "recommended by health services or clinical guidelines"),
        ("common_practice", "common practice with little direct evidence"),
    )
)
SIDES = Choice(
    (
        ("together", "both legs at once, or no sides at all"),
        ("left_then_right", "all reps and sets on the left leg, a switch-sides pause, then the right"),
    )
)
SOURCES = ListOf(Text(300), min_items=1, max_items=30)
SECONDS_HOLD = Number(1, 600, unit="seconds")

DOSE = Record(
    "dose",
    (
        Field("hold_seconds", SECONDS_HOLD, "Each rep is a stretch held this long."),
        Field(
            "tempo_seconds",
            Number(0.5, 60, unit="seconds"),
            "Each rep takes this long; a tick marks each one.",
        ),
        Field("untimed", Flag(only_true=True), "Reps at the user's own pace; the player shows a Done button."),
        Field("duration_seconds", Number(1, 3600, unit="seconds"), "One continuous stretch of activity."),
        Field("reps", Number(1, 100, integer=True), "Repetitions per set.", default=1),
        Field("sets", Number(1, 20, integer=True), "Number of sets.", default=1),
        Field(
            "rest_seconds",
            Number(0, 600, unit="seconds"),
            "Rest between the reps of a hold (default: the routine's default_rest_seconds).",
        ),
        Field(
            "set_rest_seconds",
            Number(0, 600, unit="seconds"),
            "Rest between sets (default: the routine's default_rest_seconds).",
        ),
        Field("sides", SIDES, "Both legs together, or left leg then right leg.", default="together"),
    ),
    rules=(
        ExactlyOne(("hold_seconds", "tempo_seconds", "untimed", "duration_seconds")),
        Requires("rest_seconds", ("hold_seconds",)),
        Excludes("reps", "duration_seconds"),
    ),
    help="How much to do: exactly one of hold_seconds, tempo_seconds, untimed or duration_seconds.",
)

EXERCISE = Record(
    "exercise",
    (
        Field("id", Identifier(), "Unique kebab-case id that routines refer to.", required=True),
        Field("name", Text(80), "Name shown in big letters and spoken.", required=True),
        Field("position", POSITION, "The starting position.", required=True),
        Field("steps", ListOf(Text(400), 1, 12), "Numbered instructions, one per line.", required=True),
        Field("cue", Text(300), "A short line spoken when the exercise starts.", required=True),
        Field("dose", DOSE, "The default dose; a routine may give its own.", required=True),
        Field("evidence", EVIDENCE, "How strong the support for this exercise is.", required=True),
        Field("sources", SOURCES, "Where the advice comes from.", required=True),
        Field("evidence_note", Text(600), "A plain-words note on the evidence."),
        Field("cautions", ListOf(Text(400), 0, 12), "When to stop or take care."),
        Field("illustration", AssetPath(), "Picture of the exercise, relative to the file or to assets/."),
    ),
)

_HEADER = (
    Field(
        "schema_version",
        Number(1, 1_000_000, integer=True),
        f"Version of this format; files from a newer app are refused. Current: {SCHEMA_VERSION}.",
        required=True,
    ),
    Field(
        "kind",
        Choice(
            (
                ("exercise_library", "a list of exercises that routines refer to"),
                ("routine", "an ordered routine of exercises"),
                ("cramp_protocol", "the Cramp-now first-aid protocol"),
            )
        ),
        "What this file holds.",
        required=True,
    ),
    Field("reviewed", Date(), "When the content was last reviewed against its sources."),
)

EXERCISE_LIBRARY = Record(
    "exercise library",
    (
        *_HEADER,
        Field("exercises", ListOf(EXERCISE, 1, 500), "The exercises.", required=True),
    ),
)

ROUTINE_STEP = Record(
    "routine step",
    (
        Field(
            "exercise",
            Either(Identifier(ref="exercise"), EXERCISE),
            "A library exercise id, or a whole exercise written in place.",
            required=True,
        ),
        Field("dose", DOSE, "The dose in this routine; replaces the exercise's default dose as a whole."),
        Field("note", Text(400), "A note for this step, shown under the instruction."),
    ),
)

ROUTINE = Record(
    "routine",
    (
        *_HEADER,
        Field("title", Text(80), "The routine's name.", required=True),
        Field("summary", Text(400), "One or two sentences on who it is for.", required=True),
        Field("steps", ListOf(ROUTINE_STEP, 1, 100), "The exercises, in order.", required=True),
        Field(
            "get_ready_seconds",
            Number(0, 120, unit="seconds"),
            "Countdown before the first exercise.",
            default=10,
        ),
        Field(
            "default_rest_seconds",
            Number(0, 600, unit="seconds"),
            "Rest between reps and sets where a dose does not say.",
            default=10,
        ),
        Field(
            "switch_sides_seconds",
            Number(0, 120, unit="seconds"),
            "Pause to change from the left leg to the right.",
            default=5,
        ),
        Field(
            "change_seconds",
            Number(0, 120, unit="seconds"),
            "Pause to get into position for the next exercise.",
            default=10,
        ),
        Field("intro", Text(600), "Spoken during the get-ready countdown (set-up and safety)."),
        Field("outro", Text(600), "Spoken when the routine ends."),
        Field("note", Text(2000), "The therapist's note, printed on the handout."),
        Field("sources", ListOf(Text(300), 0, 30), "Where the routine's design comes from."),
    ),
)

# A step about rubbing or warming a leg must show its warning, because a swollen, hot or
# red leg may be a clot, and heat can burn skin that has lost feeling: the voice may be off.
MASSAGE_OR_HEAT_NEEDS_CAUTION = RequiredWhenMentioned(
    "caution",
    stems=("rub", "massag", "knead", "warm", "heat", "hot"),
    fields=("title", "lines", "say"),
)

PROTOCOL_STEP = Record(
    "cramp-now step",
    (
        Field("title", Text(60), "A few words in very large print.", required=True),
        Field("lines", ListOf(Text(200), 1, 4), "Two or three short large-print lines.", required=True),
        Field("say", Text(600), "What the voice says when the step starts.", required=True),
        Field("timer_seconds", Number(1, 1800, unit="seconds"), "Length of the step's timer, if it has one."),
        Field(
            "standing",
            Flag(),
            "The step needs the user on their feet; shown only after 'I can stand safely'.",
            default=False,
        ),
        Field("illustration", AssetPath(), "Picture for the step."),
        Field(
            "caution",
            Text(200),
            "A safety line shown on screen in large print, above the step's lines (never only spoken).",
        ),
        Field("evidence", EVIDENCE, "How strong the support for this step is.", default="common_practice"),
        Field("sources", ListOf(Text(300), 0, 30), "Where the advice comes from."),
    ),
    rules=(MASSAGE_OR_HEAT_NEEDS_CAUTION,),
)

LOCATION = Record(
    "cramp location",
    (
        Field("label", Text(40), "Button label, e.g. 'Calf'.", required=True),
        Field("hint", Text(80), "A few words under the label, e.g. 'back of the lower leg'.", required=True),
        Field("steps", ListOf(PROTOCOL_STEP, 1, 20), "The steps, seated or lying first.", required=True),
    ),
)

LOCATION_NAMES = ("calf", "foot", "front_thigh", "back_thigh")

RED_FLAG_TIER = Record(
    "warning-sign tier",
    (
        Field(
            "urgency",
            Choice(
                (
                    ("emergency", "call the emergency number now"),
                    ("urgent", "get medical advice today"),
                    ("routine", "book an appointment"),
                )
            ),
            "Which tier this is.",
            required=True,
        ),
        Field("title", Text(120), "What to do, in large print.", required=True),
        Field("signs", ListOf(Text(300), 1, 20), "The signs, one per line.", required=True),
        Field(
            "sources",
            ListOf(Text(300), 0, 30),
            "Where these signs and this advice come from; listed in Help & Sources and on handouts.",
        ),
    ),
)

DIARY_FLAG = Record(
    "diary flag",
    (
        Field(
            "weeks",
            Number(1, 26, integer=True),
            "How many weeks in a row (7 nights each, counted back from last night, or from the last entry if that "
            "is earlier) must each meet the rule.",
            required=True,
        ),
        Field(
            "nights_with_cramps",
            Number(1, 7, integer=True),
            "In each of those weeks, at least this many nights with cramps ...",
            required=True,
        ),
        Field(
            "cramps_per_night",
            Number(1, 20, integer=True),
            "... where a night counts when it had at least this many cramps.",
            default=1,
        ),
        Field(
            "routine_nights",
            Number(0, 7, integer=True),
            "Also needs at least this many nights with a completed routine in each week (0: any).",
            default=0,
        ),
        Field("message", Text(400), "What the diary and the doctor report say when the rule is met.", required=True),
    ),
    help="A frequency warning the diary shows when the user's own record meets it.",
)

CRAMP_PROTOCOL = Record(
    "cramp protocol",
    (
        *_HEADER,
        Field("disclaimer", Text(1000), "Shown briefly on the Cramp-now screen and on handouts.", required=True),
        Field(
            "urgent_after_minutes",
            Number(1, 60, unit="minutes"),
            "After this long without 'It's eased', the urgent warning is raised.",
            default=10,
        ),
        Field("urgent_message", Text(400), "The urgent warning raised by that timer.", required=True),
        Field(
            "sit_first_check",
            PROTOCOL_STEP,
            "Shown before any standing step: sit on the bed edge, light on, hold a support.",
            required=True,
        ),
        Field(
            "stand_gate",
            Record(
                "stand-gate question",
                (
                    Field("title", Text(60), "The question, in very large print.", required=True),
                    Field("lines", ListOf(Text(200), 1, 4), "What standing needs; when to stay down.", required=True),
                    Field("say", Text(600), "What the voice asks.", required=True),
                ),
            ),
            "Asked before the first standing step; staying sitting or lying is the easy answer.",
            required=True,
        ),
        Field(
            "default_location",
            Choice(tuple((name, "") for name in LOCATION_NAMES)),
            "The location used for 'Not sure'.",
            default="calf",
        ),
        Field(
            "not_sure_hint",
            Text(60),
            "A few words under 'Not sure', e.g. which steps it starts and where to go for a thigh cramp.",
        ),
        Field(
            "locations",
            Record(
                "locations",
                tuple(
                    Field(name, LOCATION, f"Steps for a cramp in the {name.replace('_', ' ')}.", required=True)
                    for name in LOCATION_NAMES
                ),
            ),
            "The steps for each cramp location.",
            required=True,
        ),
        Field("closing", PROTOCOL_STEP, "The last card: what to expect afterwards.", required=True),
        Field(
            "in_short",
            ListOf(Text(200), 1, 6),
            "The first aid in a few short lines, printed on handouts under 'During a cramp'.",
        ),
        Field(
            "red_flags",
            ListOf(RED_FLAG_TIER, 3, 3),
            "The three tiers of warning signs (emergency, urgent, routine).",
            required=True,
        ),
        Field(
            "diary_flags",
            ListOf(DIARY_FLAG, 0, 10),
            "Frequency warnings shown in the diary and the doctor report when the user's record meets them.",
        ),
    ),
)

KINDS: dict[str, Record] = {
    "exercise_library": EXERCISE_LIBRARY,
    "routine": ROUTINE,
    "cramp_protocol": CRAMP_PROTOCOL,
}

# Hard limits so a hostile or broken file cannot exhaust memory or time.
MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 50_000  # after alias expansion
MAX_DEPTH = 64
