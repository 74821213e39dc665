"""Make tests/fixtures/upstream_runs.txt: hashes of every 8-word run of the upstream guide.

Run once, by hand, where the upstream documents are available; never at build or test time:

    PYTHONPATH=hooks .venv/bin/python tools/make_upstream_runs.py FOLDER_OF_UPSTREAM_DOCUMENTS

Only the hashes are written (studyguide.prose.run_hash over studyguide.prose.words), never upstream text, so
the repository holds no sentence of the upstream guide.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from studyguide.prose import RUN_LENGTH, upstream_hashes

OUTPUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "upstream_runs.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", type=Path, help="folder of the upstream documents (*.txt, *.md)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    files = sorted(p for p in args.seeds.iterdir() if p.suffix in {".txt", ".md"})
    if not files:
        parser.error(f"no .txt or .md files in {args.seeds}")
    hashes = upstream_hashes(p.read_text(encoding="utf-8") for p in files)
    header = (
        f"# Hashes of every {RUN_LENGTH}-word run of the upstream guide ({len(files)} documents), one a line.\n"
        "# Made by tools/make_upstream_runs.py; read by tests/test_prose_originality.py. Do not edit.\n"
    )
    args.output.write_text(header + "".join(f"{h}\n" for h in sorted(hashes)), encoding="utf-8")
    print(f"{len(hashes)} run hashes from {len(files)} documents written to {args.output}")


if __name__ == "__main__":
    main()
