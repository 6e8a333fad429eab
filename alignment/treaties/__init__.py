"""The treaty chart (issue 8): a treaty framework read like the Treaty Office's chart.

One row per country the treaty applies to: signature, ratification and entry-into-force
dates, each from its own approved StatusChange on the treaty's `party` requirement, and the
step in force on the chart's date, in the treaty's words (alignment.models.status_label).
"""
