"""The engine: one module per SPEC section (`act`, `log`, `rpl`, `wf`, `mrg`) plus the
record rules every API write goes through. Rules compose repository calls inside one
transaction when a rule must be atomic."""
