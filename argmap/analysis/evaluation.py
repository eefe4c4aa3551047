"""One-call evaluations of a map for pictures and pages: grounded statuses and strengths."""

from __future__ import annotations

from argmap.model import ArgumentMap


def claim_statuses_of(amap: ArgumentMap) -> dict[str, str]:
    """Each claim's grounded status: ``in``, ``out`` or ``undec``.

    >>> from argmap.load import load_map
    >>> claim_statuses_of(load_map("tests/data/tiny.yaml"))["c"]
    'in'
    """
    from argmap.analysis.framework import claim_statuses, map_to_framework
    from argmap.analysis.semantics import grounded

    mfw = map_to_framework(amap)
    return claim_statuses(mfw, grounded(mfw.framework).as_dict())


def claim_strengths_of(amap: ArgumentMap, model: str = "dfquad") -> dict[str, float]:
    """Each claim's gradual strength in [0, 1] under ``model`` (dfquad, quadratic, euler)."""
    from argmap.analysis.strength import strength

    return dict(strength(amap, model).strengths)
