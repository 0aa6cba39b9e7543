"""Languages: the language table, gettext catalogs, CLDR formats, grammar and numerals, the DOCX message extractor."""
