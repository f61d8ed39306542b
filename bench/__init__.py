"""The benchmark behind `make bench` (run it with ``python -m bench``).

It builds the real site on generated plans of several sizes and, in the same
run, a bare Material site of the same number of pages (the floor), and
reports the ratio between the two; it also times ``actieplan validate`` on a
large plan, a rebuild under ``mkdocs serve`` and a reader's first visit.
Ratios against a floor measured minutes apart on the same machine mean
something even when the machine is shared; absolute seconds do not travel.

Modules: ``measure`` (one measurement each), ``floor`` (the bare site),
``report`` (targets, results.json and results.md), ``run`` (the order of
the measurements and the command line).
"""
