"""Synthetic debate maps for benchmarks: N claims as an argmap YAML map and as Argdown text.

The debate has a few issues, each answered by two to four positions; every other claim bears on
an earlier claim of its issue (so chains form), some claims also bear on a claim elsewhere
(cross-links, a few of which close cycles), about 60 % of relations support and 40 % oppose,
a few relations have linked premises and an explicit id, and some claims undercut those. Claims
carry actors, sources, tags, the odd quote, note and weight, and texts of realistic length in
English, Japanese or both. The same seed gives byte-identical files.

    python benchmarks/generate.py 32000 benchmarks/_work/maps            # map-32000.yaml/.argdown
    python benchmarks/generate.py 1000 /tmp/maps --lang both --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Bump when the output changes, so cached benchmark maps are made anew.
GENERATOR_VERSION = 1

TOPICS = [
    # (slug, English question, Japanese question, English subjects, Japanese subjects)
    (
        "congestion",
        "Should the city adopt a congestion charge?",
        "市は渋滞課金を導入すべきか?",
        ["the congestion charge", "road pricing", "the charging zone", "bus lanes"],
        ["渋滞課金", "道路課金", "課金区域", "バス専用レーン"],
    ),
    (
        "open-weights",
        "Should frontier AI models be released with open weights?",
        "最先端AIモデルの重みを公開すべきか?",
        ["open-weight models", "model release", "fine-tuning by third parties", "export rules"],
        ["オープンウェイトモデル", "モデルの公開", "第三者によるファインチューニング", "輸出規制"],
    ),
    (
        "carbon-tax",
        "Should the country introduce a carbon tax?",
        "国は炭素税を導入すべきか?",
        ["a carbon tax", "the carbon dividend", "border adjustments", "energy prices"],
        ["炭素税", "炭素配当", "国境調整措置", "エネルギー価格"],
    ),
    (
        "rent-control",
        "Should rents be capped in the capital?",
        "首都で家賃の上限を設けるべきか?",
        ["rent control", "the rent cap", "new housing supply", "tenant protection"],
        ["家賃規制", "家賃の上限", "新規住宅供給", "借家人保護"],
    ),
    (
        "nuclear",
        "Should the ageing nuclear plants be kept running?",
        "老朽化した原子力発電所の運転を続けるべきか?",
        ["nuclear power", "the plant extension", "waste storage", "grid stability"],
        ["原子力発電", "運転延長", "放射性廃棄物の保管", "電力網の安定"],
    ),
    (
        "ubi",
        "Should a universal basic income replace targeted benefits?",
        "ベーシックインカムは対象を絞った給付に代わるべきか?",
        ["a basic income", "the pilot scheme", "means-tested benefits", "labour supply"],
        ["ベーシックインカム", "試行制度", "資力調査付きの給付", "労働供給"],
    ),
    (
        "data-rule",
        "Should platforms be required to store data locally?",
        "プラットフォームにデータの国内保存を義務づけるべきか?",
        ["data localisation", "the storage rule", "cross-border transfers", "cloud costs"],
        ["データの国内保存", "保存義務", "越境データ移転", "クラウドの費用"],
    ),
    (
        "school-phones",
        "Should phones be banned in schools?",
        "学校で携帯電話を禁止すべきか?",
        ["a phone ban", "screen time", "classroom attention", "parental contact"],
        ["携帯電話の禁止", "画面を見る時間", "授業への集中", "保護者との連絡"],
    ),
]

EN_PREDICATES = [
    "would cut {obj} by about {n} % within {y} years",
    "has reduced {obj} in comparable cities, according to the {yr} evaluation",
    "raises the cost of {obj} for low-income households",
    "is supported by a majority of residents in the latest survey",
    "cannot work without reliable data on {obj}",
    "shifts the burden of {obj} onto small businesses",
    "was tried in {place} and abandoned after {y} years",
    "is cheaper to administer than the present system",
    "depends on assumptions about {obj} that the study does not test",
    "would bring in about {n} million a year, most of it spent on {obj}",
    "protects the people most exposed to {obj}",
    "ignores how {obj} changes once people adapt their behaviour",
    "is needed because voluntary measures on {obj} have failed",
    "will be challenged in court, which delays any effect on {obj}",
]
EN_CLAUSES = [
    "as the {yr} report by the {org} shows",
    "although the evidence from {place} is mixed",
    "and the effect grows over time",
    "which critics say is overstated",
    "even after accounting for {obj}",
    "if the revenue is returned to households",
    "since most of the cost falls on commuters",
    "unless the exemptions are kept narrow",
]
JA_PREDICATES = [
    "は{y}年以内に{obj}を約{n}%減らす",
    "は{yr}年の評価によれば、同規模の都市で{obj}を減らした",
    "は低所得世帯にとって{obj}の負担を増やす",
    "は最新の調査で住民の過半数に支持されている",
    "は{obj}についての信頼できるデータなしには機能しない",
    "は{obj}の負担を中小企業に転嫁する",
    "は{place}で試行されたが{y}年後に廃止された",
    "は現行制度より運用コストが安い",
    "は研究が検証していない{obj}についての仮定に依存している",
    "は年間約{n}億円の収入をもたらし、その大半は{obj}に使われる",
    "は{obj}の影響を最も受ける人々を守る",
    "は人々が行動を変えた後に{obj}がどう変わるかを無視している",
    "は{obj}に関する自主的な取り組みが失敗したため必要である",
]
JA_CLAUSES = [
    "{yr}年の{org}の報告書が示すとおり、",
    "{place}での証拠はまちまちだが、",
    "批判者は誇張だと言うものの、",
    "収入を家計に還元するならば、",
    "例外を狭く保つ限り、",
]
PLACES = ["Stockholm", "Singapore", "Milan", "Gothenburg", "Oslo", "Seoul", "Lyon", "Porto"]
PLACES_JA = ["ストックホルム", "シンガポール", "ミラノ", "ヨーテボリ", "オスロ", "ソウル"]
ORGS = ["transport ministry", "audit office", "city council", "OECD", "central bank"]
ORGS_JA = ["国土交通省", "会計検査院", "市議会", "OECD", "中央銀行"]
SCHEMES = [
    "argument from consequences",
    "argument from expert opinion",
    "argument from analogy",
    "practical reasoning",
    "argument from sign",
]
TAGS = [
    "cost",
    "equity",
    "evidence",
    "safety",
    "law",
    "environment",
    "health",
    "economy",
    "implementation",
    "public-opinion",
    "innovation",
    "security",
]
FIRST = ["Anna", "Ben", "Chiara", "Daisuke", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas"]
LAST = ["Sato", "Novak", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Weber", "Kim"]
KINDS = ["fact"] * 55 + ["value"] * 25 + ["policy"] * 12 + ["definition"] * 8


@dataclass
class Claim:
    id: str
    issue: int
    texts: dict[str, str]
    kind: str
    by: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    answers: str | None = None
    supports: list[str] = field(default_factory=list)
    opposes: list[str] = field(default_factory=list)
    undercuts: list[str] = field(default_factory=list)
    quote: str | None = None
    note: str | None = None
    weight: float | None = None


@dataclass
class Relation:
    id: str
    premises: list[str]
    target: str
    type: str
    scheme: str


@dataclass
class Debate:
    """A generated debate: everything both writers need."""

    n: int
    langs: list[str]
    issues: list[tuple[str, dict[str, str]]]
    actors: list[tuple[str, str, str, str | None]]  # id, name, kind, affiliation
    sources: list[tuple[str, str, str, str, str]]  # id, title, author, date, url
    claims: list[Claim]
    relations: list[Relation]

    def count_relations(self) -> dict[str, int]:
        """How many relations of each type the debate holds."""
        counts = {"supports": 0, "opposes": 0, "undercuts": 0}
        for c in self.claims:
            counts["supports"] += len(c.supports)
            counts["opposes"] += len(c.opposes)
            counts["undercuts"] += len(c.undercuts)
        for r in self.relations:
            counts[r.type] += 1
        return counts


def _text(rng: random.Random, lang: str, topic: tuple, rounds: int) -> str:
    subjects = topic[4] if lang == "ja" else topic[3]
    parts = []
    for _ in range(rounds):
        subject, obj = rng.sample(subjects, 2)
        values = {
            "obj": obj,
            "n": rng.randint(3, 45),
            "y": rng.randint(2, 12),
            "yr": rng.randint(2009, 2025),
            "place": rng.choice(PLACES_JA if lang == "ja" else PLACES),
            "org": rng.choice(ORGS_JA if lang == "ja" else ORGS),
        }
        if lang == "ja":
            clause = rng.choice(JA_CLAUSES) if rng.random() < 0.5 else ""
            parts.append((clause + subject + rng.choice(JA_PREDICATES) + "。").format(**values))
        else:
            sentence = subject[0].upper() + subject[1:] + " " + rng.choice(EN_PREDICATES)
            if rng.random() < 0.45:
                sentence += ", " + rng.choice(EN_CLAUSES)
            parts.append((sentence + ".").format(**values))
    return ("" if lang == "ja" else " ").join(parts)


def _capitalise(name: str) -> str:
    return " ".join(w[0].upper() + w[1:] for w in name.split())


def generate(n: int, seed: int = 0, lang: str = "en") -> Debate:
    """A debate of ``n`` claims; ``lang`` is ``en``, ``ja`` or ``both`` (Japanese first)."""
    if n < 4:
        raise ValueError("a debate needs at least 4 claims")
    rng = random.Random(seed)
    langs = {"en": ["en"], "ja": ["ja"], "both": ["ja", "en"]}[lang]
    n_issues = max(2, min(40, round(n**0.5 / 8)))
    n_issues = min(n_issues, n // 4)
    n_actors = max(8, min(800, n // 100))
    n_sources = max(5, min(3000, n // 40))

    actors: list[tuple[str, str, str, str | None]] = []
    orgs: list[str] = []
    for i in range(n_actors):
        if i % 5 == 0:
            aid = f"org-{i}"
            orgs.append(aid)
            actors.append((aid, f"{_capitalise(rng.choice(ORGS))} {i}", "organization", None))
        else:
            aid = f"actor-{i}"
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            affiliation = rng.choice(orgs) if orgs and rng.random() < 0.6 else None
            actors.append((aid, name, "person", affiliation))
    sources = []
    for i in range(n_sources):
        yr = rng.randint(2005, 2025)
        sources.append(
            (
                f"src-{i}",
                f"Report {i} on {rng.choice(TOPICS)[3][0]} ({yr})",
                f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                f"{yr}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                f"https://example.org/reports/{yr}/{i}",
            )
        )

    issues = []
    topics = []
    for i in range(n_issues):
        topic = TOPICS[i % len(TOPICS)]
        topics.append(topic)
        suffix = "" if i < len(TOPICS) else f" (round {i // len(TOPICS) + 1})"
        question = {"en": topic[1] + suffix, "ja": topic[2] + suffix}
        issues.append((f"{topic[0]}-{i}" if i >= len(TOPICS) else topic[0], question))

    claims: list[Claim] = []
    by_issue: list[list[int]] = [[] for _ in range(n_issues)]

    def new_claim(issue: int, kind: str) -> Claim:
        topic = topics[issue]
        rounds = 1 if rng.random() < 0.55 else 2
        texts = {lg: _text(rng, lg, topic, rounds) for lg in langs}
        cid = f"{issues[issue][0]}-{len(claims)}"
        claim = Claim(cid, issue, texts, kind)
        r = rng.random()
        if r < 0.85:
            claim.by = [actors[rng.randrange(n_actors)][0]]
        elif r < 0.95:
            claim.by = [actors[j][0] for j in sorted(rng.sample(range(n_actors), 2))]
        if rng.random() < 0.6:
            claim.source = [sources[rng.randrange(n_sources)][0]]
        if rng.random() < 0.3:
            claim.tags = sorted(rng.sample(TAGS, rng.randint(1, 2)))
        if rng.random() < 0.05:
            claim.quote = texts[langs[0]][: rng.randint(20, 60)].rstrip()
        if rng.random() < 0.03:
            claim.note = "Paraphrased from the hearing of " + str(rng.randint(2010, 2025)) + "."
        if rng.random() < 0.05:
            claim.weight = round(rng.uniform(0.2, 1.0), 2)
        by_issue[issue].append(len(claims))
        claims.append(claim)
        return claim

    # positions: two to four per issue, the second often opposing the first
    for i in range(n_issues):
        for k in range(rng.randint(2, 4)):
            if len(claims) >= n:
                break
            pos = new_claim(i, "policy")
            pos.answers = issues[i][0]
            if k == 1 and rng.random() < 0.5:
                pos.opposes.append(claims[by_issue[i][0]].id)

    relations: list[Relation] = []
    weights = [1.0 + rng.random() for _ in range(n_issues)]
    while len(claims) < n:
        issue = rng.choices(range(n_issues), weights)[0]
        members = by_issue[issue]
        claim = new_claim(issue, rng.choice(KINDS))
        # a parent: often a recent claim (chains), else anything earlier in the issue
        if rng.random() < 0.5:
            parent = members[max(0, len(members) - 1 - rng.randint(1, 6))]
        else:
            parent = members[rng.randrange(len(members) - 1)]
        target = claims[parent].id
        r = rng.random()
        if r < 0.03 and relations:
            claim.undercuts.append(relations[rng.randrange(len(relations))].id)
        elif r < 0.07 and len(members) > 4:
            # a linked argument: this claim and one or two others of the issue together
            others = {members[rng.randrange(len(members) - 1)] for _ in range(rng.randint(1, 2))}
            premises = [claim.id] + [claims[j].id for j in sorted(others) if j != parent]
            if len(premises) > 1:
                rel_type = "supports" if rng.random() < 0.6 else "opposes"
                rid = f"arg-{len(relations)}"
                relations.append(Relation(rid, premises, target, rel_type, rng.choice(SCHEMES)))
            else:
                claim.supports.append(target)
        elif r < 0.07 + 0.93 * 0.6:
            claim.supports.append(target)
        else:
            claim.opposes.append(target)
        # cross-links: to any earlier claim, in this issue or another
        if rng.random() < 0.08:
            other = claims[rng.randrange(len(claims) - 1)]
            if other.id != target and other.id != claim.id:
                (claim.supports if rng.random() < 0.6 else claim.opposes).append(other.id)
    # a few back-links that close cycles (an earlier claim bearing on a later one)
    for _ in range(max(1, n // 500)):
        a, b = sorted(rng.sample(range(n_issues, n), 2))
        if claims[b].id not in claims[a].supports + claims[a].opposes:
            claims[a].opposes.append(claims[b].id)

    order = sorted(range(len(claims)), key=lambda j: (claims[j].issue, j))
    return Debate(n, langs, issues, actors, sources, [claims[j] for j in order], relations)


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
_RESOLVES = re.compile(
    r"^(?:[-+]?[0-9][0-9_.:eE+-]*|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)|~|null|Null|NULL|"
    r"y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"
)


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same string, else quoted."""
    if (
        _PLAIN.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and not _RESOLVES.match(text)
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _text_yaml(texts: dict[str, str], indent: str) -> str:
    if len(texts) == 1 and "en" in texts:
        return " " + yaml_scalar(texts["en"]) + "\n"
    return "\n" + "".join(f"{indent}{lg}: {yaml_scalar(t)}\n" for lg, t in texts.items())


def _ids(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else "[" + ", ".join(ids) + "]"


def to_yaml(debate: Debate) -> str:
    """The debate as one argmap YAML file (block style, like a hand-written map)."""
    out = [
        "# Synthetic debate for argmap benchmarks (benchmarks/generate.py).\n",
        "argmap: 1\n",
        f"title: Synthetic debate of {debate.n} claims\n",
        f"languages: [{', '.join(debate.langs)}]\n",
        "actors:\n",
    ]
    for aid, name, kind, affiliation in debate.actors:
        out.append(f"  {aid}:\n    name: {yaml_scalar(name)}\n    kind: {kind}\n")
        if affiliation:
            out.append(f"    affiliation: {affiliation}\n")
    out.append("sources:\n")
    for sid, title, author, date, url in debate.sources:
        out.append(
            f"  {sid}:\n    title: {yaml_scalar(title)}\n    author: {yaml_scalar(author)}\n"
            f"    date: {date}\n    url: {url}\n"
        )
    out.append("issues:\n")
    for iid, question in debate.issues:
        texts = {lg: question[lg] for lg in debate.langs}
        out.append(f"  {iid}:\n    question:{_text_yaml(texts, '      ')}")
    out.append("claims:\n")
    for c in debate.claims:
        out.append(f"  {c.id}:\n    text:{_text_yaml(c.texts, '      ')}")
        if c.kind != "fact":
            out.append(f"    kind: {c.kind}\n")
        if c.answers:
            out.append(f"    answers: {c.answers}\n")
        if c.by:
            out.append(f"    by: {_ids(c.by)}\n")
        if c.source:
            out.append(f"    source: {_ids(c.source)}\n")
        if c.quote:
            out.append(f"    quote: {yaml_scalar(c.quote)}\n")
        if c.tags:
            out.append(f"    tags: [{', '.join(c.tags)}]\n")
        for key in ("supports", "opposes", "undercuts"):
            ids = getattr(c, key)
            if ids:
                out.append(f"    {key}: {_ids(ids)}\n")
        if c.weight is not None:
            out.append(f"    weight: {c.weight}\n")
        if c.note:
            out.append(f"    note: {yaml_scalar(c.note)}\n")
    if debate.relations:
        out.append("relations:\n")
        for r in debate.relations:
            out.append(
                f"  - id: {r.id}\n    from: [{', '.join(r.premises)}]\n    to: {r.target}\n"
                f"    type: {r.type}\n    scheme: {r.scheme}\n"
            )
    return "".join(out)


def _argdown_text(text: str) -> str:
    """Argdown reads [, ], <, >, #, { and } in texts as syntax: keep them out."""
    return re.sub(r"[\[\]<>#{}]", "", text)


def to_argdown(debate: Debate) -> str:
    """The same debate in Argdown: a section per issue, a statement per claim with its outgoing
    relations, an argument with a premise-conclusion structure per linked relation."""
    lang = debate.langs[0]
    out = ["===\n", f"title: Synthetic debate of {debate.n} claims\n", "===\n\n"]
    relations_by_issue: dict[int, list[Relation]] = {}
    issue_of = {c.id: c.issue for c in debate.claims}
    for r in debate.relations:
        relations_by_issue.setdefault(issue_of[r.target], []).append(r)
    current = -1
    for c in debate.claims:
        if c.issue != current:
            for r in relations_by_issue.get(current, []):
                out.append(_argdown_argument(r))
            current = c.issue
            out.append(f"# {_argdown_text(debate.issues[c.issue][1][lang])}\n\n")
        tags = "".join(f" #{t}" for t in c.tags)
        data = []
        if c.by:
            data.append(f"by: [{', '.join(c.by)}]")
        if c.source:
            data.append(f"source: [{', '.join(c.source)}]")
        meta = " {" + ", ".join(data) + "}" if data else ""
        out.append(f"[{c.id}]: {_argdown_text(c.texts[lang])}{tags}{meta}\n")
        for t in c.supports:
            out.append(f"  +> [{t}]\n")
        for t in c.opposes:
            out.append(f"  -> [{t}]\n")
        for t in c.undercuts:
            out.append(f"  _> <{t}>\n")
        out.append("\n")
    for r in relations_by_issue.get(current, []):
        out.append(_argdown_argument(r))
    return "".join(out)


def _argdown_argument(r: Relation) -> str:
    lines = [f"<{r.id}>: {r.scheme}.\n"]
    if r.type == "opposes":
        lines.append(f"  -> [{r.target}]\n")
    lines.append("\n")
    for i, p in enumerate(r.premises, 1):
        lines.append(f"({i}) [{p}]\n")
    lines.append("----\n")
    k = len(r.premises) + 1
    if r.type == "supports":
        lines.append(f"({k}) [{r.target}]\n\n")
    else:
        lines.append(f"({k}) [{r.id}-conclusion]: Together these tell against {r.target}.\n\n")
    return "".join(lines)


def write(n: int, outdir: str | Path, seed: int = 0, lang: str = "en") -> tuple[Path, Path]:
    """Write ``map-N.yaml`` and ``map-N.argdown`` (suffixed by language when not English)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    debate = generate(n, seed, lang)
    stem = f"map-{n}" + ("" if lang == "en" else f"-{lang}") + ("" if seed == 0 else f"-s{seed}")
    yaml_path, argdown_path = outdir / f"{stem}.yaml", outdir / f"{stem}.argdown"
    yaml_path.write_text(to_yaml(debate), encoding="utf-8")
    argdown_path.write_text(to_argdown(debate), encoding="utf-8")
    return yaml_path, argdown_path


def main(argv: list[str] | None = None) -> None:
    """Command line: ``generate.py N OUTDIR [--seed S] [--lang en|ja|both]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of claims")
    parser.add_argument("outdir", help="folder to write map-N.yaml and map-N.argdown into")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lang", choices=["en", "ja", "both"], default="en")
    args = parser.parse_args(argv)
    for path in write(args.n, args.outdir, args.seed, args.lang):
        print(path)


if __name__ == "__main__":
    main()
