"""The families' needs monitoring (seed 002): service suggestions and the needs report.

* :mod:`asendusdoc.needs.suggest`: which services of the seeds fit the needs a feedback form or
  a referral states, with their conditions (``asendusdoc suggest``).
* :mod:`asendusdoc.needs.report`: counts and shares over many feedback forms, unmet needs, the
  contact, case figures, with small counts suppressed (``asendusdoc needs-report``).
* :mod:`asendusdoc.needs.suppression`: the privacy rule, primary and secondary suppression.
* :mod:`asendusdoc.needs.output`: the report as JSON, CSV or a PDF with charts.
"""
