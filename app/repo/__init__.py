"""Repositories: functions that take a transaction and run named queries from `cypher/`.

They never open sessions; the rules and API compose them inside one transaction.
"""
