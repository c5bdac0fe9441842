"""Synthetic CRM data and the benchmarks run by `crmgraph bench …` (results: docs/benchmarks.md)."""
