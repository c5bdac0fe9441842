"""The `crmgraph` command line: thin click wrappers over `app` and `loaders`."""
