"""The façade over the core: opened once from the settings, it owns the store, the search engine (built
on first use, behind a lock), the lexicon, the index refresher, the SPARQL query runner and the kept
analyses. Its methods are the use cases; the CLI (service/cli.py), the API (service/api.py,
writes.py, uploads.py) and the pages (service/views/*) only parse their input, call one method and
render what it returns. A new use case is one method here plus one line of rendering per front-end.

The views of the whole graph (partner network, programme names, layouts) are kept by ONE cache keyed
on the store version (graph/cache.py), which the core functions use, so the CLI shares it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from graph.actielijnen import Partner, actielijn_partners, leads
from graph.cache import kept
from graph.documents import DocumentText, document_additions, document_text
from graph.entities import Detail, Page, entity_detail, list_entities
from graph.errors import KgError, NotFound
from graph.factory import open_store
from graph.memory import release_memory
from graph.projections import Bridge, bridging_partners
from graph.queries import Involvement, class_counts, find_programmes, involvements, organisation_named
from graph.resources import Resource, describe, exists, resource
from graph.review import Decision, ReviewQueue, decide, review_queue
from graph.store import Store, StoreError
from graph.writes import WriteResult
from ingest.lexicon import Lexicon
from ingest.sources import PdfLimits
from ingest.spreadsheets import read_table_file
from ingest.table_import import ImportPlan, apply_import, export_tables, plan_import
from ingest.upload import UploadResult, commit_upload, prepare_upload
from ontology.vocabulary import iri_of
from search.embedder import Embedder
from search.embedders import make_embedder
from search.engine import Hit, SearchEngine, SearchUnavailable
from search.overlaps import MIN_SCORE
from search.topics import programmes_for_topic
from search.word_vectors import WordVectors
from service.analyses_state import AnalysesKeeper
from service.analysis_filters import actielijn_overlaps, entity_analyses, gap_groups, gap_kinds, gap_view, overlap_view
from service.index_refresh import IndexRefresher
from service.query_runner import IsolatedQueryRunner
from service.settings import Settings
from visual.network import NetworkFilter, NetworkView, build_view

T = TypeVar("T")


@dataclass
class Stats:
    aantallen: dict[str, int]
    verbinders: list[Bridge]


@dataclass
class Named:
    iri: str
    naam: str


@dataclass
class Who:
    vraag: str
    gevonden_via: str  # naam | zoeken
    programmas: list[Named]
    betrokkenen: list[Involvement]


@dataclass
class Search:
    vraag: str
    resultaten: list[Hit]
    programmas: list[Named] = field(default_factory=list)  # programmes whose name matches the question

    def answer(self) -> dict[str, Any]:
        """The one JSON of a search: /api/search, /zoeken.json (plus the chosen filters) and `gezond-kg search
        --json`. ``q`` and ``vraag`` both hold the question (``vraag`` kept for existing users of the API)."""
        hits = [asdict(hit) for hit in self.resultaten]
        return {"q": self.vraag, "vraag": self.vraag, "programmas": [asdict(named) for named in self.programmas],
                "resultaten": hits, "groepen": grouped(hits)}


# the order of the groups of a search answer: the organisations and programmes a coordinator asks for
# first, then the other entities, the passages last
SEARCH_GROUPS = (("organisatie", "Organisaties"), ("programma", "Programma's en projecten"))
OTHER_ENTITIES, PASSAGES = "Andere resultaten", "Passages"


def grouped(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The hits in groups (organisations, programmes, other entities, passages), each in rank order."""
    titles = dict(SEARCH_GROUPS)
    order = [*titles.values(), OTHER_ENTITIES, PASSAGES]
    groups: dict[str, list[dict[str, Any]]] = {title: [] for title in order}
    for hit in hits:
        kind = hit["kind"]
        groups[titles.get(kind, PASSAGES if kind == "passage" else OTHER_ENTITIES)].append(hit)
    return [{"titel": title, "resultaten": groups[title]} for title in order if groups[title]]


@dataclass
class ActielijnOverview:
    """One actielijn besides its programmes: the organisations in its programmes (with role, number of
    programmes and passage), its trekkers, its overlap with itself and the other actielijnen (programme
    pairs at the standard minimum score, the relation with its evidence), its gaps and its network."""
    nummer: int
    partners: list[Partner]
    trekkers: list[Partner]
    overlap: list[dict[str, Any]]
    min_score: float
    lacunes: list[dict[str, Any]]
    lacunesoorten: list[dict[str, Any]]
    netwerk: str


def open_graph(settings: Settings, *, read_only: bool = True) -> Store:
    """The store of the settings; a damaged one is a StoreError that says what to do."""
    try:
        return open_store(settings.data_dir, store_url=settings.store, read_only=read_only)
    except (OSError, RuntimeError) as error:  # RocksDB: a damaged or truncated file in the store ('Corruption: …')
        raise StoreError(f"de store in {settings.data_dir / 'store'} is beschadigd en kan niet worden geopend ({error}). Zet "
                         "een reservekopie terug of bouw de graaf opnieuw met 'gezond-kg build --opnieuw'.") from error


def to_json(value: Any) -> Any:
    """A use case's dataclass as plain JSON data (the one JSON shape of every front-end)."""
    return asdict(value) if hasattr(value, "__dataclass_fields__") else value


class Knowledge:
    def __init__(self, settings: Settings, store: Store, *, query_runner: IsolatedQueryRunner | None = None) -> None:
        self.settings, self.store, self.query_runner = settings, store, query_runner
        self._engine: SearchEngine | None = None
        self._embedder: Embedder | None = None
        self._lexicon: Lexicon | None = None
        self._word_vectors: WordVectors | None = None
        self._lock = threading.RLock()  # building the engine, the embedder or the lexicon once (the engine needs the embedder)
        self.write_lock = threading.Lock()  # uniqueness checks and commit of one write at a time
        self.index_refresher = IndexRefresher(self)
        self.analyses_keeper = AnalysesKeeper(self)

    @classmethod
    def open(cls, settings: Settings, *, read_only: bool = True, sparql: bool = False) -> Knowledge:
        """Open the store (a damaged one is reported with what to do); with ``sparql`` also the isolated
        workers of the /sparql endpoint."""
        store = open_graph(settings, read_only=read_only)
        runner = IsolatedQueryRunner(settings.data_dir, settings.store, settings.sparql_timeout,
                                     settings.sparql_max_result_bytes) if sparql else None
        return cls(settings, store, query_runner=runner)

    def close(self, timeout: float = 60) -> None:
        self.index_refresher.close(timeout)
        self.analyses_keeper.close(timeout)
        if self.query_runner is not None:
            self.query_runner.stop()
        self.store.close()

    def __enter__(self) -> Knowledge:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what the use cases share ---------------------------------------------------------------

    @property
    def engine(self) -> SearchEngine:
        """The search engine, loaded on first use (once, behind a lock)."""
        return self._once("_engine", self._load_engine)

    @engine.setter
    def engine(self, engine: SearchEngine | None) -> None:
        """A rebuilt index (the refresher), or None: load again on next use."""
        self._engine = engine

    @property
    def embedder(self) -> Embedder:
        """The configured model, loaded once for the search engine, its rebuilds and the word vectors."""
        return self._once("_embedder", lambda: make_embedder(self.settings.model))

    @property
    def word_vectors(self) -> WordVectors:
        """Single words' vectors of the configured model, for comparing names by meaning (loaded on first use)."""
        return self._once("_word_vectors", lambda: WordVectors(self.embedder, self.settings.data_dir))

    @property
    def loaded_engine(self) -> SearchEngine | None:
        return self._engine

    def _load_engine(self) -> SearchEngine:
        try:
            return SearchEngine(self.settings.data_dir, self.embedder)
        except KgError:
            raise
        except Exception as error:  # noqa: BLE001 - numpy, faiss, bm25s and json each fail their own way on a damaged file
            raise SearchUnavailable("De zoekindex is beschadigd of onvolledig; zoeken, overlap en lacunes zijn even niet "
                                    "beschikbaar. Bouw de index opnieuw met 'gezond-kg build --opnieuw'.") from error

    @property
    def lexicon(self) -> Lexicon:
        return self._once("_lexicon", Lexicon.load)

    def _once(self, attribute: str, load: Callable[[], T]) -> T:
        """The value of ``attribute``, loaded on first use by one thread while the others wait."""
        if getattr(self, attribute) is None:
            with self._lock:
                if getattr(self, attribute) is None:
                    setattr(self, attribute, load())
        return getattr(self, attribute)

    def analyses(self) -> dict[str, Any]:
        """The kept analyses of the current graph (see service/analyses_state.py)."""
        return self.analyses_keeper.get()

    # -- reading ---------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Instances per class."""
        return class_counts(self.store)

    def triple_count(self) -> int:
        """Distinct triples of the graph, counted once per store state (a count over 300,000 triples takes
        a second; /healthz asks for it on every call)."""
        return kept(self.store, "triple_count", self.store.triple_count)

    def stats(self, top: int = 10) -> Stats:
        """Instances per class, triples, and the partners that connect actielijnen."""
        counts = self.counts()
        counts["triples"] = self.triple_count()
        return Stats(counts, bridging_partners(self.store, top=top))

    def who(self, question: str) -> Who:
        """Who works on a programme (by name) or, when no name matches, on a topic (via search)."""
        matches, via = find_programmes(self.store, question), "naam"
        if not matches:
            matches, via = programmes_for_topic(self.engine, question), "zoeken"
        rows = involvements(self.store, [iri for iri, _, _ in matches])
        return Who(question, via, [Named(iri, name) for iri, name, _ in matches], rows)

    def search(self, question: str, k: int = 10, *, kinds: Sequence[str] | None = None, actielijn: int | None = None,
               document: str | None = None) -> Search:
        """The hits of a question, and the programmes whose name it is."""
        hits = self.engine.search(question, k, kinds=list(kinds) if kinds else None, actielijn=actielijn, document=document)
        return Search(question, hits, [Named(iri, name) for iri, name, _ in find_programmes(self.store, question)])

    def overlaps(self, min_score: float = MIN_SCORE, actielijnen: Sequence[int | str] = ()) -> dict[str, Any]:
        return overlap_view(self.analyses(), min_score, list(actielijnen))

    def gaps(self, soort: str = "", actielijn: str = "", bron: str = "") -> list[dict[str, Any]]:
        return gap_view(self.analyses(), soort, actielijn, bron)

    def actielijn(self, number: int) -> ActielijnOverview:
        """Partners, trekkers, overlap, gaps and the network address of actielijn ``number``."""
        analyses = self.analyses()
        partners = actielijn_partners(self.store, number)
        gaps = gap_view(analyses, actielijn=str(number))
        return ActielijnOverview(number, partners, leads(partners), actielijn_overlaps(analyses, number, MIN_SCORE), MIN_SCORE,
                                 gaps, gap_groups(gaps), f"/netwerk?actielijn={number}")

    def gap_kinds(self) -> list[str]:
        return gap_kinds(self.analyses())

    def goals(self, actielijn: int | None = None) -> dict[str, Any]:
        """Opgave → actielijn links (from the text) and the goals with their actielijnen and programmes."""
        analyses = self.analyses()
        return {"koppelingen": [link for link in analyses["doelkoppelingen"] if actielijn in (None, link["actielijn"])],
                "doelen": [goal for goal in analyses["doelen"] if actielijn is None or actielijn in goal["actielijnen"]]}

    def suggestions(self, organisation: str) -> dict[str, Any]:
        """Possible collaborators of an organisation (IRI or key), each with two passages."""
        iri = organisation if organisation.startswith("http") else iri_of("organisatie", organisation)
        return {"organisatie": iri, "suggesties": self.analyses()["suggesties"].get(iri, [])}

    def communities(self) -> dict[str, Any]:
        analyses = self.analyses()
        return {"modulariteit": analyses["modulariteit"], "gemeenschappen": analyses["gemeenschappen"]}

    def matrix(self, actielijn: int | None = None, *, empty_only: bool = False) -> list[dict[str, Any]]:
        """Cells actielijn × target group × area, with their programmes and organisations."""
        return [cell for cell in self.analyses()["matrix"]
                if actielijn in (None, cell["actielijn"]) and (not empty_only or not cell["aantal_programmas"])]

    def exists(self, iri: str) -> bool:
        return exists(self.store, iri)

    def describe(self, iri: str, media_type: str) -> bytes:
        """The RDF of a resource (its triples, qualified relations and the facts citing it) in ``media_type``."""
        return describe(self.store, iri, media_type)

    def resource(self, iri: str) -> Resource:
        """The statements about any minted resource (a passage, involvement, membership, …)."""
        return resource(self.store, iri)

    def entity(self, iri: str) -> Detail:
        return entity_detail(self.store, iri)

    def entity_analyses(self, iri: str) -> dict[str, Any]:
        return entity_analyses(self.analyses(), iri)

    def entity_json(self, iri: str) -> dict[str, Any]:
        """One entity as JSON: its relations and evidence, and what the analyses say about it (``analyse``);
        the same at /api/<soorten>/<sleutel> and at /id/<soort>/<sleutel>.json. An actielijn also carries
        its overview (``actielijn``: partners, trekkers, overlap, gaps, network)."""
        detail = self.entity(iri)
        found = {**asdict(detail), "analyse": self.entity_analyses(iri)}
        key = iri.rsplit("/", 1)[-1]
        if detail.kind == "actielijn" and key.isdigit():
            found["actielijn"] = asdict(self.actielijn(int(key)))
        return found

    def entities(self, kind: str, *, q: str = "", org_type: str = "", actielijn: int | None = None, limit: int = 50,
                 offset: int = 0) -> Page:
        return list_entities(self.store, kind, q=q, org_type=org_type, actielijn=actielijn, limit=limit, offset=offset)

    def document(self, slug: str, passage: str = "") -> DocumentText:
        return document_text(self.store, slug, passage)

    def network(self, flt: NetworkFilter) -> NetworkView:
        return build_view(self.store, flt)

    def organisation(self, name_or_iri: str) -> str:
        """The IRI of an organisation given by IRI or by name."""
        if name_or_iri.startswith("http"):
            return name_or_iri
        iri = organisation_named(self.store, name_or_iri)
        if iri is None:
            raise NotFound(f"Geen organisatie met de naam '{name_or_iri}'.")
        return iri

    def tables(self) -> dict[str, list[dict[str, str]]]:
        return export_tables(self.store)

    # -- writing (each inside the write lock; afterwards the workers, the index and the analyses follow) --

    def write(self, action: Callable[..., T], *args: object, **kwargs: object) -> T:
        """``action(store, *args)`` inside the write lock, so that its checks (does the name exist yet?)
        see every earlier write; then the SPARQL workers, the search index and the analyses catch up."""
        with self.write_lock:
            result = action(self.store, *args, **kwargs)
        release_memory()  # a document's or a table's write: its graphs and the store's update are garbage now
        self.after_write()
        return result

    def after_write(self) -> None:
        if self.query_runner is not None:
            self.query_runner.refresh()  # the SPARQL workers see the write from their next query on
        self.index_refresher.request()
        self.analyses_keeper.refresh()

    def upload(self, user: str, file_name: str, raw: bytes, explanation: str, *, replace: bool = False) -> UploadResult:
        """Check and read a document outside the write lock (slow), then commit it inside."""
        settings = self.settings
        prepared = prepare_upload(self.store, settings.data_dir, self.lexicon, user, file_name, raw, explanation,
                                  max_bytes=settings.max_document_bytes, max_chars=settings.max_document_chars, replace=replace,
                                  pdf_limits=PdfLimits(settings.max_pdf_pages, settings.max_parse_seconds))
        return self.write(commit_upload, settings.data_dir, prepared, replace=replace)

    def review_queue(self, document: str = "") -> ReviewQueue:
        """What waits for a coordinator's decision (of one document when ``document`` is its slug)."""
        return review_queue(self.store, self.settings.review_threshold, document=document, word_vectors=self.word_vectors)

    def additions(self, slug: str) -> dict[str, Any]:
        """What one document added (entities and relations by kind) and what waits for review: in all and from it."""
        proposals = self.review_queue().voorstellen
        from_document = sum(1 for p in proposals if p.bron is not None and p.bron.document == slug)
        total = len(proposals)
        del proposals
        release_memory()
        return {"toegevoegd": document_additions(self.store, slug), "te_beoordelen": total,
                "te_beoordelen_uit_document": from_document, "beoordelen": f"/beoordelen?document={slug}"}

    def decide(self, user: str, proposal: str, decision: str, target: str = "", explanation: str = "") -> Decision:
        """Accept, reject or merge one proposal of the review queue: a write with PROV, re-applied by every build."""
        return self.write(decide, self.settings.review_threshold, user, proposal, decision, target, explanation,
                          self.word_vectors)

    def plan_import(self, file_name: str, raw: bytes) -> ImportPlan:
        """What importing this table would add, change or reject, row by row (nothing is written)."""
        return plan_import(self.store, read_table_file(file_name, raw, self.settings.table_limits()))

    def apply_import(self, user: str, plan: ImportPlan, explanation: str, file_name: str) -> WriteResult | None:
        """Import a plan without rejected rows in one write (None: nothing to do)."""
        with self.write_lock:
            result = apply_import(self.store, user, plan, explanation, file_name)
        release_memory()
        if result is not None:
            self.after_write()
        return result
