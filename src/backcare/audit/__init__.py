"""The audit log: an append-only, hash-chained record of every access to a person's data.

Public interface (everything else is internal):

- ``schemas.AuditActor(actor_id, role, name)``: who acts; build one per request or command.
  ``role`` is person, clinician, admin, system, os_user or anonymous. A person's own name is
  never stored: their account id stands for them.
- ``schemas.AuditEvent(actor, action, patient_id, outcome, source, detail)``: one access.
  ``action`` is an ``AuditAction`` (``record.read``, ``record.write``, ``record.export``,
  ``record.erase``, ``auth.login``, ``auth.login_failed``, ``access.break_glass``, ...);
  ``patient_id`` is the record touched (for a person acting on their own record, that record);
  ``outcome`` is allowed or denied; ``source`` is the client address or ``cli``; ``detail`` is
  short and never clinical content.
- ``service.record(session, event, *, at)``: append, in the caller's transaction (so the row
  commits or rolls back with the access). Call it last in the unit of work.
- ``service.verify(session) -> ChainReport``: ok, rows checked, first bad row and why.
- ``service.list_events(session, *, patient_id, limit, offset) -> list[AuditRow]``: newest first.
- ``service.who_opened(session, *, patient_id) -> list[AccessSummary]``: what the person sees.
- ``service.export(session, out, *, fmt="jsonl"|"csv") -> int``: the whole log, oldest first.
- ``service.erase_patient_trail(session, *, patient_id, account_ids, actor, source, at)``: the
  audit half of erasing a person; call ``patients.service.erase_patient``, which does both.

The chain: each row's SHA-256 covers its fields and the previous row's hash
(``chain.py``), and appenders lock the single ``audit_chain_head`` row, so rows from several
threads, processes or PostgreSQL connections form one unbroken chain. Free-text ``detail``
enters the hash through a salted digest (its seal). Erasing a person replaces the detail of
every row about them (or by their accounts) with that seal and drops the salt: their words are
gone, the seal alone reveals nothing, and the chain still verifies. The rows keep the patient id,
a random key that after erasure points at nothing, so who opened the record before it was erased
stays on file. Database triggers (migration 0006) refuse every DELETE and every UPDATE except
that seal, on SQLite and PostgreSQL.
"""
