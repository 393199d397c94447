"""The VKS API format (beroepskwalificaties v2 detail response) → the same typed model as a dossier.

An API `competentie` is an activity block, each `vaardigheid` an activity with its skill type,
each `kennis` a knowledge requirement at its level. The rule for bad input: a file is an error
only when it cannot be read as a qualification (not JSON, no `beroepskwalificatie`, no
`versie_nr_lang` or `titel`, a competence without `waarde`); every other oddity imports, and
becomes a finding that names its JSON path.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from bkgraph.model import (
    Activity,
    ActivityBlock,
    AutonomyKind,
    AutonomyStatement,
    Classification,
    Domain,
    Finding,
    KnowledgeLevel,
    KnowledgeRequirement,
    Qualification,
    ReferenceFramework,
    Severity,
    SkillType,
    Statement,
)
from bkgraph.parsing.competences import add_requirement
from bkgraph.parsing.crosscheck import crosscheck_outline
from bkgraph.parsing.errors import DossierError
from bkgraph.parsing.knowledge import Variants, parse_item
from bkgraph.parsing.text import fold

ROOT = "$.beroepskwalificatie"
SKILL_TYPES = {
    "Cognitieve vaardigheden": SkillType.COGNITIVE,
    "Probleemoplossende vaardigheden": SkillType.PROBLEM_SOLVING,
    "Motorische vaardigheden": SkillType.MOTOR,
}
LEVELS = {
    "Basiskennis": KnowledgeLevel.BASIC,
    "Kennis": KnowledgeLevel.KNOWLEDGE,
    "Grondige kennis": KnowledgeLevel.THOROUGH,
}
AUTONOMY = {
    "Is zelfstandig in": AutonomyKind.INDEPENDENT_IN,
    "Is gebonden aan": AutonomyKind.BOUND_BY,
    "Doet beroep op": AutonomyKind.RELIES_ON,
}
KNOWN_FIELDS = {
    "versie_nr_lang",
    "versie_nr_kort",
    "titel",
    "status",
    "statuscode",
    "vks_niveau",
    "definitie",
    "omschrijving_kort",
    "erkenningsjaar",
    "erkenningsdatum",
    "led_onderwerp",
    "isced",
    "synoniemen",
    "domeinen",
    "competenties",
    "omgevingscontext",
    "handelingscontext",
    "autonomie",
    "verantwoordelijkheid",
    "attesten",
    "links",
}
EXPECTED_FIELDS = ("definitie", "omschrijving_kort", "synoniemen", "vks_niveau", "erkenningsdatum")
_CODE = re.compile(r"^BK-\d{4}-\d+$")


def parse_api_file(path: Path, variants: Variants | None = None) -> Qualification:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DossierError(str(path), None, f"cannot read the file: {exc.strerror}") from exc
    try:
        document = json.loads(data)
    except UnicodeDecodeError as exc:
        raise DossierError(str(path), None, f"not UTF-8 text: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise DossierError(
            str(path), exc.lineno, f"not JSON: {exc.msg} (column {exc.colno})"
        ) from exc
    return parse_api_document(document, path, hashlib.sha256(data).hexdigest(), variants or {})


class _Reader:
    """Reads one response, collecting findings that name the JSON path of each oddity."""

    def __init__(self, path: Path, variants: Variants) -> None:
        self.path = path
        self.variants = variants
        self.findings: list[Finding] = []

    def error(self, where: str, message: str) -> DossierError:
        return DossierError(str(self.path), None, f"{where}: {message}")

    def note(
        self, kind: str, severity: Severity, where: str, message: str, about: tuple[str, ...] = ()
    ) -> None:
        self.findings.append(Finding(kind, severity, f"{where}: {message}", None, about, where))

    def text(self, value: Any, where: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.note(
                "wrong-type",
                Severity.WARNING,
                where,
                f"expected text, got {type(value).__name__}; read as text",
            )
            value = str(value)
        return fold(value) or None

    def items(self, container: dict, key: str, where: str) -> list[dict]:
        value = container.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.note("wrong-type", Severity.WARNING, f"{where}.{key}", "expected a list; ignored")
            return []
        good = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                good.append(item)
            else:
                self.note(
                    "wrong-type",
                    Severity.WARNING,
                    f"{where}.{key}[{i}]",
                    "expected an object; ignored",
                )
        return good


def parse_api_document(document: Any, path: Path, sha256: str, variants: Variants) -> Qualification:
    reader = _Reader(path, variants)
    if not isinstance(document, dict) or not isinstance(document.get("beroepskwalificatie"), dict):
        raise reader.error("$", "no 'beroepskwalificatie' object: not a VKS API detail response")
    bk = document["beroepskwalificatie"]
    code = bk.get("versie_nr_lang")
    if not isinstance(code, str) or not _CODE.match(code.strip()):
        raise reader.error(f"{ROOT}.versie_nr_lang", f"expected a code BK-nnnn-n, got {code!r}")
    title = reader.text(bk.get("titel"), f"{ROOT}.titel")
    if not title:
        raise reader.error(f"{ROOT}.titel", "the qualification has no title")
    code = code.strip()
    for key in EXPECTED_FIELDS:
        if key not in bk:
            reader.note(
                "missing-field", Severity.INFO, f"{ROOT}.{key}", "the response lacks this field"
            )
    extras = []
    for key in sorted(set(bk) - KNOWN_FIELDS):
        extras.append((key, json.dumps(bk[key], ensure_ascii=False)))
        reader.note(
            "extra-field",
            Severity.INFO,
            f"{ROOT}.{key}",
            "a field the API v2 description does not list; kept as found",
        )
    for key in sorted(set(document) - {"beroepskwalificatie", "totalItems"}):
        extras.append((f"$.{key}", json.dumps(document[key], ensure_ascii=False)))
        reader.note(
            "extra-field",
            Severity.INFO,
            f"$.{key}",
            "a field outside the qualification; kept as found",
        )

    q = Qualification(
        code=code,
        title=title,
        definition=reader.text(bk.get("definitie"), f"{ROOT}.definitie"),
        source_file=path.name,
        source_sha256=sha256,
        source_format="vks-api",
        vks_level=_vks_level(reader, bk.get("vks_niveau")),
        status=reader.text(bk.get("status"), f"{ROOT}.status"),
        recognition_date=reader.text(bk.get("erkenningsdatum"), f"{ROOT}.erkenningsdatum"),
        summary=_summary(reader, bk.get("omschrijving_kort")),
        synonyms=_synonyms(reader, bk),
        domains=_domains(reader, bk),
        classifications=_classifications(reader, bk),
        extras=extras,
    )
    q.blocks = [_block(reader, c, i) for i, c in enumerate(reader.items(bk, "competenties", ROOT))]
    _check_numbers(reader, q.blocks)
    q.environment_context = _statements(reader, bk, "omgevingscontext")
    q.action_context = _statements(reader, bk, "handelingscontext")
    q.responsibilities = _statements(reader, bk, "verantwoordelijkheid")
    q.certificates = _certificates(reader, bk)
    q.autonomy = _autonomy(reader, bk)
    q.frameworks = _frameworks_in_text(reader, bk)
    crosscheck_outline(q.blocks, q.autonomy, q.responsibilities, [], reader.findings)
    q.findings = reader.findings
    return q


_FICHE = re.compile(r"\b([A-N]\d{6})\b")  # a Competent fiche: a ROME v3 code and two digits


def _frameworks_in_text(reader: _Reader, bk: dict) -> list[ReferenceFramework]:
    """The API has no field for reference frameworks, but its notes name Competent fiches
    ("Deze benaming wordt gebruikt in de Competent-fiche (N110301)"): those codes are what a
    registry joins on, so they become frameworks, each with a finding that says where."""
    found: dict[str, ReferenceFramework] = {}
    for key in ("titel_toelichting", "extra_info"):
        text = bk.get(key)
        if not isinstance(text, str):
            continue
        for code in _FICHE.findall(text):
            if code not in found:
                found[code] = ReferenceFramework("Competent-fiche", "SERV", code, "", None, 0)
                reader.note(
                    "framework-in-text",
                    Severity.INFO,
                    f"{ROOT}.{key}",
                    f"Competent-fiche {code} read from the text; no title or date is given",
                )
    return list(found.values())


def _vks_level(reader: _Reader, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and 1 <= value <= 8:
        return value
    reader.note(
        "bad-vks-level",
        Severity.WARNING,
        f"{ROOT}.vks_niveau",
        f"{value!r} is no VKS level (1-8); left out",
    )
    return None


def _summary(reader: _Reader, value: Any) -> str | None:
    text = reader.text(value, f"{ROOT}.omschrijving_kort")
    if text and not text.rstrip().endswith((".", "!", "?", ";", ":", "’", "'", '"', ")")):
        reader.note(
            "summary-cut-off",
            Severity.WARNING,
            f"{ROOT}.omschrijving_kort",
            f"the summary ends mid-sentence: …{text[-40:]!r}",
        )
    return text


def _synonyms(reader: _Reader, bk: dict) -> list[str]:
    synonyms: list[str] = []
    for i, item in enumerate(reader.items(bk, "synoniemen", ROOT)):
        text = reader.text(item.get("waarde"), f"{ROOT}.synoniemen[{i}].waarde")
        if not text:
            continue
        if text in synonyms:
            reader.note(
                "duplicate-synonym",
                Severity.INFO,
                f"{ROOT}.synoniemen[{i}]",
                f"{text!r} is listed twice",
            )
            continue
        synonyms.append(text)
    return synonyms


def _domains(reader: _Reader, bk: dict) -> list[Domain]:
    domains = []
    for i, item in enumerate(reader.items(bk, "domeinen", ROOT)):
        where = f"{ROOT}.domeinen[{i}]"
        steps = sorted(reader.items(item, "pad", where), key=lambda s: s.get("level", 0))
        path = tuple(t for s in steps if (t := reader.text(s.get("domein"), where)))
        label = reader.text(item.get("domein"), f"{where}.domein") or (path[-1] if path else None)
        if label:
            domains.append(Domain(label, path or (label,)))
    return domains


def _classifications(reader: _Reader, bk: dict) -> list[Classification]:
    found: list[Classification] = []
    led = bk.get("led_onderwerp")
    if isinstance(led, dict) and led.get("led_onderwerp_nummer"):
        found.append(
            Classification(
                "led",
                str(led["led_onderwerp_nummer"]),
                fold(str(led.get("omschrijving", ""))),
                level=None,
                broader=None,
            )
        )
    fields = (
        (bk.get("isced") or {}).get("studiegebieden") if isinstance(bk.get("isced"), dict) else None
    )
    broader = None
    for level in ("broad", "narrow", "detail"):
        entry = fields.get(level) if isinstance(fields, dict) else None
        if isinstance(entry, dict) and entry.get("code"):
            code = str(entry["code"])
            found.append(
                Classification(
                    "isced-f", code, fold(str(entry.get("omschrijving", ""))), level, broader
                )
            )
            broader = code
    return found


def _references(reader: _Reader, competence: dict, where: str, about: tuple[str, ...]) -> list[str]:
    if "referenties" not in competence:
        reader.note(
            "no-references",
            Severity.INFO,
            where,
            "the competence cites no Competent references",
            about,
        )
        return []
    references = []
    for j, item in enumerate(reader.items(competence, "referenties", where)):
        raw = item.get("referentie_nr")
        at = f"{where}.referenties[{j}].referentie_nr"
        if not isinstance(raw, str) or not raw.strip(" -c"):
            reader.note(
                "empty-reference",
                Severity.WARNING,
                at,
                f"{raw!r} names no Competent code; left out",
                about,
            )
            continue
        text = " ".join(raw.split())
        if text != raw:
            reader.note("reference-spacing", Severity.INFO, at, f"{raw!r} read as {text!r}", about)
        if not text.endswith("-c"):
            reader.note(
                "reference-without-suffix",
                Severity.INFO,
                at,
                f"{text!r} lacks the usual '-c' suffix; kept as given",
                about,
            )
        references.append(text)
    return references


def _block(reader: _Reader, competence: dict, index: int) -> ActivityBlock:
    where = f"{ROOT}.competenties[{index}]"
    title = reader.text(competence.get("waarde"), f"{where}.waarde")
    if not title:
        raise reader.error(f"{where}.waarde", "a competence without 'waarde' (its title)")
    number = competence.get("nr")
    if not isinstance(number, int) or number < 1:
        reader.note(
            "bad-number",
            Severity.WARNING,
            f"{where}.nr",
            f"{number!r} is no competence number; numbered by position",
        )
        number = index + 1
    block = ActivityBlock(
        number,
        title,
        None,
        code=reader.text(competence.get("competentie_code"), f"{where}.competentie_code"),
        kind=reader.text(competence.get("competentie_type"), f"{where}.competentie_type"),
        note=reader.text(competence.get("voetnoot"), f"{where}.voetnoot"),
    )
    about = (f"block/{number}",)
    block.references = _references(reader, competence, where, about)
    for j, skill in enumerate(reader.items(competence, "vaardigheden", where)):
        at = f"{where}.vaardigheden[{j}]"
        text = reader.text(skill.get("waarde"), f"{at}.waarde")
        if not text:
            reader.note(
                "empty-skill", Severity.WARNING, at, "a skill without 'waarde'; left out", about
            )
            continue
        activity = Activity(len(block.activities) + 1, text, None, None)
        given = skill.get("vaardigheid_type")
        activity_about = (f"block/{number}/activity/{activity.number}",)
        if given is None:
            reader.note(
                "no-skill-type",
                Severity.WARNING,
                at,
                f"the skill {text[:60]!r} has no vaardigheid_type",
                activity_about,
            )
        elif given in SKILL_TYPES:
            activity.skill_type = SKILL_TYPES[given]
        else:
            activity.skill_type_given = str(given)
            reader.note(
                "unknown-skill-type",
                Severity.WARNING,
                at,
                f"vaardigheid_type {given!r} is no known skill type; kept as given",
                activity_about,
            )
        block.activities.append(activity)
    for j, item in enumerate(reader.items(competence, "kennis", where)):
        requirement = _requirement(reader, item, f"{where}.kennis[{j}]", about)
        if requirement is not None:
            add_requirement(block, requirement, reader.findings, f"{where}.kennis[{j}]")
    return block


def _requirement(
    reader: _Reader, item: dict, at: str, about: tuple[str, ...]
) -> KnowledgeRequirement | None:
    text = reader.text(item.get("waarde"), f"{at}.waarde")
    if not text:
        reader.note(
            "empty-knowledge",
            Severity.WARNING,
            at,
            "a knowledge item without 'waarde'; left out",
            about,
        )
        return None
    given = item.get("kennis_type")
    level = LEVELS.get(given) if isinstance(given, str) else None
    scratch: list[Finding] = []
    worded = parse_item(text, None, reader.variants, scratch, about)
    for finding in scratch:  # the wording's own findings, located by JSON path
        if finding.kind != "knowledge-without-level":
            reader.note(finding.kind, finding.severity, at, finding.message, about)
    if worded is None:  # no level word: the whole wording names the concept
        worded = KnowledgeRequirement(level, text, text, text, None, None)
    if given is None:
        reader.note(
            "no-knowledge-level", Severity.WARNING, at, f"{text[:60]!r} has no kennis_type", about
        )
    elif level is None:
        reader.note(
            "unknown-knowledge-level",
            Severity.WARNING,
            at,
            f"kennis_type {given!r} is no known level; kept as given",
            about,
        )
    elif worded.level is not None and worded.level is not level:
        reader.note(
            "level-wording-differs",
            Severity.WARNING,
            at,
            f"typed {given!r} but worded {text[:60]!r}; the typed field is kept",
            about,
        )
    return KnowledgeRequirement(
        level=level,
        concept=worded.concept,
        worded=worded.worded,
        source_text=text,
        descriptor=worded.descriptor,
        line=None,
        level_given=None if level else (str(given) if given is not None else None),
    )


def _check_numbers(reader: _Reader, blocks: list[ActivityBlock]) -> None:
    seen: set[int] = set()
    for i, block in enumerate(blocks):
        if block.number in seen:
            reader.note(
                "duplicate-number",
                Severity.WARNING,
                f"{ROOT}.competenties[{i}].nr",
                f"competence number {block.number} is used twice; renumbered {len(blocks) + i + 1}",
            )
            block.number = len(blocks) + i + 1
        seen.add(block.number)


def _statements(reader: _Reader, bk: dict, key: str) -> list[Statement]:
    statements = []
    for i, item in enumerate(reader.items(bk, key, ROOT)):
        text = reader.text(item.get("waarde"), f"{ROOT}.{key}[{i}].waarde")
        if text:
            statements.append(Statement(text, None))
    return statements


def _certificates(reader: _Reader, bk: dict) -> list[Statement]:
    statements = []
    for i, item in enumerate(reader.items(bk, "attesten", ROOT)):
        text = reader.text(item.get("omschrijving"), f"{ROOT}.attesten[{i}].omschrijving")
        if text:
            statements.append(
                Statement(text, None, reader.text(item.get("type"), f"{ROOT}.attesten[{i}].type"))
            )
    return statements


def _autonomy(reader: _Reader, bk: dict) -> list[AutonomyStatement]:
    statements = []
    for i, item in enumerate(reader.items(bk, "autonomie", ROOT)):
        at = f"{ROOT}.autonomie[{i}]"
        text = reader.text(item.get("waarde"), f"{at}.waarde")
        kind = AUTONOMY.get(item.get("autonomie_type"))
        if not text:
            continue
        if kind is None:
            reader.note(
                "unknown-autonomy-type",
                Severity.WARNING,
                at,
                f"autonomie_type {item.get('autonomie_type')!r} is not known; left out",
            )
            continue
        statements.append(AutonomyStatement(kind, text, None))
    return statements
