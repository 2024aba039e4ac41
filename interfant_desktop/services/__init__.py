"""The use cases the GUI and the CLI share. Permission checks live here.

Start-up and sign-in::

    store = store_access.open_store(url=None)       # creates/upgrades the database
    user = auth.sign_in(store, "name", "password")  # -> CurrentUser (role, username)

Every other call is ``module.function(store, user, ...)`` and runs in one short
transaction of its own. Refusals are ``errors.ServiceError`` subclasses with a
one-line message and an exit ``status`` (1 refused, 2 bad input); the one to
handle specially in the GUI is ``errors.ConflictError`` ("changed by someone else,
reload"), raised when ``expected_version`` is not the stored version.

=================  ======================================================================
module             functions
=================  ======================================================================
``patients``       ``search_patients(store, user, query="", offset=0, limit=50) -> SearchPage``
                   ``create_patient(store, user, *, study_id, date_of_birth, ...)``,
                   ``import_case(store, user, data, *, source=None)``,
                   ``open_patient(store, user, study_id) -> PatientRecord`` (``.version``,
                   ``.case_json``, ``.eligibility``, ``.review_decisions``),
                   ``get_case(store, user, study_id) -> Case``,
                   ``export_case(store, user, study_id) -> dict``, ``study_ids(store, user)``
``clinical``       ``update_section``, ``replace_section``, ``record_measurements``,
                   ``record_allergies``, ``confirm_eligibility`` (all take
                   ``study_id, expected_version, ..., reason=None``; return PatientRecord)
``corrections``    ``correct_fact(store, user, study_id, expected_version, Correction |
                   EnteredInError) -> CorrectionResult`` (audited, orders stale, what
                   changed in the engine's answers), ``confirm_correction`` (second
                   person, password), ``withdraw_correction``, ``pending_corrections``,
                   ``entered_in_error_facts``, ``mrd_in_date_order``
``reviews``        ``open_review_items``, ``decide_review(store, user, study_id,
                   expected_version, review_id, option, reason)``,
                   ``record_review_decision``, ``review_resolutions``, ``review_history``
``evaluation``     ``evaluate_patient(store, user, study_id, today=None) -> Evaluation``
``order_workflow`` ``plan_order`` (computes, saves nothing), ``start_order`` (records the
                   measurements, warnings confirmed, stores the full order context, one
                   transaction), ``sign_order(..., password=)``, ``verification_task``
                   (blinded), ``blinded_for``, ``verify_order(..., weight_kg=, height_cm=,
                   password=)`` (blinded, independent re-entry), ``preview_order_pdf``,
                   ``print_order(..., password=)`` (checks every signature, certificate,
                   fact and dose, signs and records the print, COPY on reprints),
                   ``cancel_order``, ``get_order``, ``list_orders`` (protocol file change
                   -> stale); ``hold_order``, ``release_order``, ``discontinue_order``,
                   ``modify_order``, ``restart_order`` (signed with a reason and the
                   password); split into ``order_state``, ``order_start``,
                   ``order_signatures``, ``order_blinding``, ``order_verification``,
                   ``order_printing``, ``order_lifecycle``
``signing_keys``   users' Ed25519 keys and certificates, ``site_fingerprint(store)``
``accounts``       ``checked_transaction(store, user)``: every call re-checks the account
``trial_export``   ``export_trial_data(store, user, study_ids|None, ExportFormat, *, identified,
                   progress) -> ExportOutput`` (ODM, FHIR, CSV pseudonymised by default; case
                   files), ``save_export(output, path)``
``audit``          ``patient_history(store, user, study_id)``, ``verify_audit(store, user)``
``users``          ``add_user(..., admin_password=)``, ``list_users``,
                   ``reset_password(..., admin_password=)``, ``certify_key``,
                   ``unlock_user``, ``set_active``, ``change_own_password``
``backup``         ``backup_database(store, user, path)``, ``restore_database(store, user, path)``
``permissions``    ``Permission``, ``ROLE_PERMISSIONS``, ``CurrentUser.can(permission)``
``order_sheet``    order sheet PDFs (see that module)
=================  ======================================================================
"""
