"""Organisations and involvements as tables: what an import would add, change or reject (by row and
column), applying it as one write, and the export in the same shape (a round trip changes nothing)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.queries import PREFIX_BLOCK
from graph.store import Store
from graph.writes import (
    PendingWrite,
    WriteRejected,
    WriteResult,
    commit,
    new_write,
    stage_correction,
    stage_involvement,
    stage_organisation,
)
from ingest.spreadsheets import Row
from ontology.namespaces import GGID, slugify
from ontology.vocabulary import ORGANISATION_TYPES, ROLES

ADD, CHANGE, SAME, REJECT = "toevoegen", "wijzigen", "ongewijzigd", "geweigerd"


@dataclass(frozen=True)
class RowOutcome:
    table: str
    row: int
    status: str
    subject: str = ""
    column: str = ""
    reason: str = ""


@dataclass
class ImportPlan:
    outcomes: list[RowOutcome] = field(default_factory=list)
    _steps: list[tuple[RowOutcome, dict]] = field(default_factory=list, repr=False)

    def count(self, status: str) -> int:
        return sum(outcome.status == status for outcome in self.outcomes)

    @property
    def rejected(self) -> list[RowOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == REJECT]


@dataclass
class _Catalogue:
    """What the store holds, read once per plan."""

    organisations: dict[str, tuple[str, str]]  # key -> (name, type)
    programmes: dict[str, str]  # key -> name
    agents: dict[str, str]  # 'organisatie/<key>' or 'persoon/<key>' -> name
    involvements: set[tuple[str, str, str]]  # (programme key, agent key, role)


def _key(iri: str, kind: str) -> str:
    return iri.removeprefix(f"{GGID}{kind}/")


def _catalogue(store: Store) -> _Catalogue:
    organisations = {
        _key(row["o"] or "", "organisatie"): (row["name"] or "", _key(row["type"] or "", "organisatietype"))
        for row in store.select(PREFIX_BLOCK + """SELECT ?o (MIN(STR(?n)) AS ?name) (MIN(STR(?t)) AS ?type) WHERE {
            ?o a org:Organization ; skos:prefLabel ?n . OPTIONAL { ?o org:classification ?t } } GROUP BY ?o""").rows}
    programmes = {_key(row["p"] or "", "programma"): row["name"] or "" for row in store.select(PREFIX_BLOCK + """
        SELECT ?p (MIN(STR(?n)) AS ?name) WHERE { ?p a ?c ; rdfs:label ?n . VALUES ?c { gg:Programma gg:Interventie } } GROUP BY ?p""").rows}
    agents = {(row["a"] or "").removeprefix(str(GGID)): row["name"] or "" for row in store.select(PREFIX_BLOCK + """
        SELECT ?a (MIN(STR(?n)) AS ?name) WHERE { ?a a ?c ; rdfs:label ?n . VALUES ?c { org:Organization foaf:Person } } GROUP BY ?a""").rows}
    involvements = {(_key(row["p"] or "", "programma"), (row["a"] or "").removeprefix(str(GGID)), row["role"] or "")
                    for row in store.select(PREFIX_BLOCK + """SELECT DISTINCT ?p ?a ?role WHERE {
                        ?p prov:qualifiedAssociation ?b . ?b prov:agent ?a ; prov:hadRole/skos:notation ?role }""").rows}
    return _Catalogue(organisations, programmes, agents, involvements)


def plan_import(store: Store, rows: list[Row]) -> ImportPlan:
    """Decide for every row what an import would do, without changing anything."""
    catalogue = _catalogue(store)
    plan = ImportPlan()
    seen: dict[tuple[str, ...], int] = {}
    new_organisations: dict[str, str] = {}  # key -> name, for involvements of organisations added in the same file
    for row in sorted(rows, key=lambda r: r.table != "organisaties"):
        try:
            identity, outcome, step = (_plan_organisation(catalogue, row, new_organisations) if row.table == "organisaties"
                                       else _plan_involvement(catalogue, row, new_organisations))
            if identity in seen:
                raise _Reject("naam" if row.table == "organisaties" else "programma",
                              f"dubbel: dezelfde {'organisatie' if row.table == 'organisaties' else 'betrokkenheid'} "
                              f"staat ook in rij {seen[identity]}")
            seen[identity] = row.number
        except _Reject as reject:
            outcome, step = RowOutcome(row.table, row.number, REJECT, column=reject.column, reason=str(reject)), None
        plan.outcomes.append(outcome)
        if step is not None:
            plan._steps.append((outcome, step))
            if row.table == "organisaties" and outcome.status == ADD:
                new_organisations[outcome.subject] = step["name"]
    plan.outcomes.sort(key=lambda outcome: (outcome.table, outcome.row))
    return plan


class _Reject(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column


def _plan_organisation(catalogue: _Catalogue, row: Row, new_organisations: dict[str, str]):  # noqa: ANN202
    name = " ".join(row.values.get("naam", "").split())
    org_type = row.values.get("type", "").lower()
    if not name:
        raise _Reject("naam", "de naam is leeg")
    if org_type not in ORGANISATION_TYPES:
        raise _Reject("type", f"onbekend type '{org_type}'; kies uit {', '.join(ORGANISATION_TYPES)}")
    key = row.values.get("sleutel", "")
    if key and key not in catalogue.organisations:
        raise _Reject("sleutel", f"geen organisatie met sleutel '{key}' (laat leeg voor een nieuwe organisatie)")
    key = key or slugify(name)
    if key not in catalogue.organisations:
        return ("organisatie", key), RowOutcome(row.table, row.number, ADD, key), {"name": name, "type": org_type}
    current_name, current_type = catalogue.organisations[key]
    changes = {}
    if name != current_name:
        changes["name"] = name
    if org_type != current_type:
        changes["org_type"] = org_type
    if not changes:
        return ("organisatie", key), RowOutcome(row.table, row.number, SAME, key), None
    what = ", ".join(f"{label}: {old} → {new}" for label, old, new in (("naam", current_name, name), ("type", current_type, org_type))
                     if old != new)
    return ("organisatie", key), RowOutcome(row.table, row.number, CHANGE, key, reason=what), {"correct": key, **changes}


def _resolve(names: dict[str, str], key: str, name: str, column: str) -> str:
    """The key given, or the one key whose name matches ``name`` (spelling and accents aside)."""
    if key:
        if key not in names:
            raise _Reject(column, f"onbekende sleutel '{key}'")
        return key
    matches = [candidate for candidate, label in names.items() if slugify(label) == slugify(name)] if name else []
    found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise _Reject(column, f"'{name}' is geen bekende naam; geef de sleutel" if name else "leeg")
    return found


def _plan_involvement(catalogue: _Catalogue, row: Row, new_organisations: dict[str, str]):  # noqa: ANN202
    values = row.values
    programme = _resolve(catalogue.programmes, values.get("programma", ""), values.get("programma_naam", ""), "programma")
    agents = catalogue.agents | {f"organisatie/{key}": name for key, name in new_organisations.items()}
    agent = _resolve(agents, values.get("betrokkene", ""), values.get("betrokkene_naam", ""), "betrokkene")
    role = values.get("rol", "").lower()
    if role not in ROLES:
        raise _Reject("rol", f"onbekende rol '{role}'; kies uit {', '.join(ROLES)}")
    identity = ("betrokkenheid", programme, agent, role)
    subject = f"{programme} – {agent} ({role})"
    if (programme, agent, role) in catalogue.involvements:
        return identity, RowOutcome(row.table, row.number, SAME, subject), None
    return identity, RowOutcome(row.table, row.number, ADD, subject), {
        "programme": f"{GGID}programma/{programme}", "agent": f"{GGID}{agent}", "role": role}


def apply_import(store: Store, user: str, plan: ImportPlan, explanation: str, file_name: str) -> WriteResult | None:
    """All accepted rows as one write; nothing is written while any row is rejected. None: nothing to do."""
    if plan.rejected:
        first = plan.rejected[0]
        raise WriteRejected(f"{len(plan.rejected)} rij(en) geweigerd, er is niets ingelezen; eerste: {first.table} rij {first.row}, "
                            f"kolom {first.column}: {first.reason}", field=first.column)
    if not plan._steps:
        return None
    write = new_write(user, f"tabel inlezen: {file_name}", explanation)
    for outcome, step in plan._steps:
        try:
            _stage(store, write, step)
        except WriteRejected as error:
            raise WriteRejected(f"{outcome.table} rij {outcome.row}: {error}", error.shape, error.field) from error
    return commit(store, write, f"{GGID}invoer/{write.id}")


def _stage(store: Store, write: PendingWrite, step: dict) -> None:
    if "correct" in step:
        stage_correction(store, write, f"{GGID}organisatie/{step['correct']}", "org:Organization",
                         name=step.get("name"), org_type=step.get("org_type"))
    elif "role" in step:
        stage_involvement(store, write, step["programme"], step["agent"], step["role"])
    else:
        stage_organisation(store, write, step["name"], step["type"])


def export_tables(store: Store) -> dict[str, list[dict[str, str]]]:
    """Organisations and involvements in the import's shape, sorted by key."""
    catalogue = _catalogue(store)
    organisations = [{"sleutel": key, "naam": name, "type": org_type}
                     for key, (name, org_type) in sorted(catalogue.organisations.items())]
    involvements = [{"programma": programme, "programma_naam": catalogue.programmes.get(programme, ""), "betrokkene": agent,
                     "betrokkene_naam": catalogue.agents.get(agent, ""), "rol": role}
                    for programme, agent, role in sorted(catalogue.involvements)]
    return {"organisaties": organisations, "betrokkenheden": involvements}
