"""Pure adapters: bytes of a file -> standard records plus row errors. Never imports Django."""
