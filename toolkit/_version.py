"""The toolkit's version, in one place (read by the build backend and written into every manifest)."""

__version__ = "0.2.0"
