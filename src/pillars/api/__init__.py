"""The HTTP API: token-authenticated, scoped by the same access rules as the pages."""
