"""``gilint audit``: many reports at once, in parallel, kept in SQLite, with cross-year checks.

Modules: ``runner`` (the stages of a run), ``worker`` (what a worker process runs), ``pool`` (worker
processes that may die or hang), ``db`` (the database), ``agency`` (which agency a report belongs
to), ``outputs`` and ``page`` (summary, JSONL, CSV, HTML), ``command`` (the command line). Nothing here
is imported by ``gilint check``. See docs/audit.md.
"""
