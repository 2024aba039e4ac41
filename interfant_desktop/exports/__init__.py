"""Trial data out: the pure mapping from a patient's typed record to export documents.

Nothing here reads the database or checks a permission (that is
:mod:`interfant_desktop.services.trial_export`). Each writer takes
:class:`~interfant_desktop.exports.subject.ExportSubject` items, each the engine's
``Evaluation`` of one patient with the date shift that pseudonymises it, and returns a
document:

* :mod:`.odm` — one CDISC ODM 1.3.2 file (metadata and clinical data together);
* :mod:`.fhir` — one FHIR R4 Bundle (``collection``) with every patient's resources;
* :mod:`.csv_tables` — the data manager's tables and their data dictionary.

The clinical answers (risk, decisions, doses, grades) are the engine's, never
re-derived here; :mod:`.engine_links` is the one place that reads engine results
that are still being added (the bag schedule and the toxicity grades).
"""
