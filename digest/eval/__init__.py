"""Quality evaluation on real public data (`../shared/eval`), with floors pinned in tests.

Run `python -m digest.eval ingest|summaries|entities|all [--eval-dir DIR] [--limit N]`.
"""
