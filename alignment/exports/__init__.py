"""Public exports: CSV, XLSX and JSON downloads of statuses and history."""
