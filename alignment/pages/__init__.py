"""Public HTML pages: dashboard, country, requirement and cell-history pages and their charts."""
