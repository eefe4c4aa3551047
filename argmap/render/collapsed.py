"""The overview of a big map: each cluster drawn as one box with its claim count, and one arrow
per pair of boxes and relation type, labelled with how many relations it stands for
(``render --cluster KEY --collapse``). A part of :mod:`argmap.render.dot`'s picture builder."""

from __future__ import annotations

import math
from typing import Any

import pydot

from argmap.render.labels import (
    CLAIM_ROWS,
    CLAIM_TABLE_END,
    CLAIM_TABLE_START,
    Html,
    Name,
    Tooltip,
    attrs,
    font,
    html_escape,
    issue_name,
    quote,
    upper,
)
from argmap.style import theme
from argmap.style.wrap import wrap
from argmap.view import Clusters, collapsed_arrows


class CollapsedGroups:
    """The collapsed-cluster drawing of the picture builder (its ``amap``, ``options``,
    ``words``, ``used``, counters and claim and issue boxes are the builder's own)."""

    amap: Any
    options: Any
    words: Any
    used: Any
    look: Any  # the picture's Theme
    boxes: int
    edges: int

    def collapsed(self, graph: pydot.Dot, groups: Clusters) -> None:
        """One box per cluster (claims outside every cluster drawn as usual) and one arrow per
        pair of boxes and relation type, labelled with how many relations it stands for."""
        amap = self.amap
        counts = dict.fromkeys((key for key, _ in groups.groups), 0)
        for cid in amap.claims:
            if cid in groups.of_claim:
                counts[groups.of_claim[cid]] += 1
        claims = [claim for cid, claim in amap.claims.items() if cid not in groups.of_claim]
        keys, shared = self.claim_keys(claims)
        self.defaults(graph, shared, {})  # each arrow has a look of its own
        for key, label in groups.groups:
            graph.add_node(self.group_node(key, label, counts[key]))
        issues = [iid for iid in amap.issues if iid not in groups.of_issue]
        for iid in issues:
            graph.add_node(self.issue_node(iid))
        for claim, key in zip(claims, keys, strict=True):
            graph.add_node(self.claim_node(claim, key))
        self._issue_row(graph, issues)
        names = {"group": lambda k: quote(f"group:{k}"), "claim": self.name, "issue": issue_name}
        for (source, target, rtype), count in collapsed_arrows(amap, groups).items():
            self.used.relation(rtype)
            style = self.look.relations[rtype]
            edge_attrs = attrs(
                arrowhead=style.arrowhead,
                # xlabel: placed after the layout; edge labels would make dot 100 times slower
                xlabel=f"{count:,}" if count > 1 else None,
                tooltip=Tooltip(f"{count:,} × {rtype}"),
                class_=f"relation {rtype}",
                color=style.color,
                style=style.style,
                penwidth=round(style.penwidth + math.log2(count), 1),
            )
            graph.add_edge(
                pydot.Edge(names[source[0]](source[1]), names[target[0]](target[1]), **edge_attrs)
            )
            self.edges += 1

    def group_node(self, key: str, label: str, count: int) -> pydot.Node:
        """The box that stands for a collapsed cluster."""
        self.used.groups = True
        self.boxes += 1
        is_issue = self.options.cluster == "issue"
        head = f"{upper(self.words['issue'])}  {key}" if is_issue else label
        look = self.look
        color = look.issue_color if is_issue else look.muted
        fill = look.issue_fill if is_issue else look.cluster_fill
        self.used.group_style = (color, fill)
        rows = [font(f"<B>{html_escape(head)}</B>", theme.SMALL_SIZE, color)]
        if is_issue:
            question = "\n".join(wrap(self.text(self.amap.issues[key].question), theme.ISSUE_WIDTH))
            rows.append("<B>" + html_escape(question, newline="<BR/>") + "</B>")
        count_text = (
            self.words["group_count_one"]
            if count == 1
            else self.words["group_count"].format(n=f"{count:,}")
        )
        rows.append(font(html_escape(count_text), theme.SMALL_SIZE, look.muted))
        return pydot.Node(
            Name(quote(f"group:{key}")),
            **attrs(
                label=Html(CLAIM_TABLE_START + CLAIM_ROWS.join(rows) + CLAIM_TABLE_END),
                shape="box",
                style="rounded,filled",
                color=color,
                penwidth=1.6,
                fillcolor=fill,
                tooltip=Tooltip(f"{head}: {count_text}"),
                class_="group",
            ),
        )
