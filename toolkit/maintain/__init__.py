"""Maintainer tools: templates list/show/check, translation catalogs, the profile skeleton."""
