"""Everything a map says about one claim, gathered in one JSON-ready mapping."""

from __future__ import annotations

from typing import Any

from argmap.model import ArgumentMap


def claim_card(amap: ArgumentMap, cid: str, lang: str | None = None) -> dict[str, Any]:
    """The claim's texts, kind, actors, sources, tags, issue, and what bears on it directly.

    Supporters and opposers are listed per relation, so linked premises stay together and an
    undercut is shown with the relation it attacks.
    """
    from argmap.analysis.query import consequences, direct
    from argmap.graph import claim_graph

    claim = amap.claims[cid]
    g = claim_graph(amap)
    pro, con = direct(g, cid)

    def relation_entries(steps) -> list[dict[str, Any]]:
        grouped: dict[str, dict[str, Any]] = {}
        for s in steps:
            entry = grouped.setdefault(
                s.relation, {"relation": s.relation, "type": s.type, "claims": []}
            )
            entry["claims"].append(
                {"id": s.source, "text": amap.text(amap.claims[s.source].text, lang)}
            )
        return list(grouped.values())

    issue = amap.issues.get(claim.answers) if claim.answers else None
    return {
        "id": cid,
        "text": amap.text(claim.text, lang),
        "texts": claim.text.to_data(),
        "quote": claim.quote.to_data() if claim.quote else None,
        "kind": claim.kind,
        "by": [{"id": a, "name": amap.text(amap.actors[a].name, lang)} for a in claim.by],
        "sources": [
            {
                "id": s,
                "title": amap.text(amap.sources[s].title, lang),
                "date": amap.sources[s].date,
                "url": amap.sources[s].url,
            }
            for s in claim.source
        ],
        "tags": list(claim.tags),
        "answers": (
            {"id": issue.id, "question": amap.text(issue.question, lang)} if issue else None
        ),
        "weight": claim.weight,
        "note": amap.text(claim.note, lang) if claim.note else None,
        "supporters": relation_entries(pro),
        "opposers": relation_entries(con),
        "bears_on": [
            {
                "relation": s.relation,
                "type": s.type,
                "stance": "supports" if s.stance > 0 else "opposes",
                "id": s.target,
                "text": amap.text(amap.claims[s.target].text, lang),
            }
            for s in consequences(g, cid)
        ],
        "location": str(claim.loc) if claim.loc else None,
    }
