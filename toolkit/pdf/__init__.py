"""PDF: LibreOffice conversion with its cache, packet assembly, reproducible metadata."""
