"""The year-long culture program, way of working, reports and exports (coming with their issues)."""
