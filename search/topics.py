"""From a free-text topic to the programmes that work on it, through search."""

from __future__ import annotations

from search.engine import SearchEngine


def programmes_for_topic(engine: SearchEngine, topic: str, *, limit: int = 5, depth: int = 20) -> list[tuple[str, str, float]]:
    """Programmes named by the best hits for ``topic`` (programme descriptions and the passages that
    mention programmes), scored by the fused rank of the hits that lead to them."""
    scores: dict[str, float] = {}
    labels: dict[str, str] = {}
    for hit in engine.search(topic, depth, kinds=["programma", "passage"]):
        for entity in hit.entities:
            if entity["kind"] == "programma":
                scores[entity["iri"]] = scores.get(entity["iri"], 0.0) + hit.score
                labels[entity["iri"]] = entity["label"]
    ranked = sorted(scores.items(), key=lambda item: -item[1])[:limit]
    return [(iri, labels[iri], round(score, 5)) for iri, score in ranked]
