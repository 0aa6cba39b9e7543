"""The State profile and the treaty, as typed data: schema, loading with file:line, UN names, treaty facts."""
