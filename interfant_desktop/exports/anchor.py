"""The audit chain head an export was made at, carried **inside** the export file.

An export's audit event fixes the chain head (``seq``, ``hash``) as it stood when the data
left the app; ``audit verify --anchors FILE`` later reports it if the database no longer
reaches it (the trail cut back or rewritten). The head also goes in a file beside the
export, but a file sent on alone (or written to standard output) must still name it, so:

* ODM: ``ClinicalData/AuditRecords/AuditRecord[@ID="AR.AUDIT-ANCHOR"]`` (who, where, when,
  why) with the head as canonical JSON in its ``SourceID``; the ``User`` and ``Location``
  it refers to are in ``AdminData``;
* FHIR: a ``Provenance`` resource for the export (the exporting user as its agent) with
  the head in the extension :data:`ANCHOR_EXTENSION` (``seq``, ``hash``, ``db``, ``chain``,
  ``at``) and as the identifier of its source entity.

:func:`chain_head_in_odm` and :func:`chain_head_in_bundle` read it back
(``services.audit.anchors_in_file``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

#: The ODM AuditRecord that holds the chain head, and the FHIR extension.
ODM_RECORD_ID = "AR.AUDIT-ANCHOR"
ANCHOR_EXTENSION = "urn:interfant-desktop:fhir/StructureDefinition/audit-anchor"
ANCHOR_IDENTIFIER_SYSTEM = "urn:interfant-desktop:fhir/sid/audit-chain-head"
_ODM = "{http://www.cdisc.org/ns/odm/v1.3}"


@dataclass(frozen=True, slots=True)
class ChainHead:
    """The audit chain head at the export's own event: database, chain (hash of its first
    event), event number, event hash, and when (UTC, ISO) that event was recorded."""

    seq: int
    hash: str
    db: str = ""
    chain: str = ""
    at: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"db": self.db, "chain": self.chain, "seq": self.seq, "hash": self.hash, "at": self.at}

    def json_text(self) -> str:
        """One canonical JSON form (sorted keys, no spaces), as the anchor files have it."""
        return json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_mapping(cls, item: dict[str, Any]) -> ChainHead:
        """Raises KeyError/TypeError/ValueError on a damaged head."""
        return cls(int(item["seq"]), str(item["hash"]), str(item.get("db", "")),
                   str(item.get("chain", "")), str(item.get("at", "")))


@dataclass(frozen=True, slots=True)
class ExportStamp:
    """Who made an export and the chain head it was made at."""

    exported_by: str
    head: ChainHead
    audit_seq: int


# --- FHIR ---------------------------------------------------------------------------------------

def fhir_provenance(stamp: ExportStamp, targets: list[str], recorded: str) -> dict[str, Any]:
    """The Provenance of an export: the resources it carries (``targets``, full URLs), the
    exporting user, and the chain head (extension and source entity identifier)."""
    head = stamp.head
    parts: list[dict[str, Any]] = [{"url": "seq", "valueInteger": head.seq}]
    parts += [{"url": name, "valueString": getattr(head, name)}
              for name in ("hash", "db", "chain", "at") if getattr(head, name)]
    return {
        "resourceType": "Provenance",
        "target": [{"reference": url} for url in targets],
        "recorded": head.at or recorded,
        "activity": {"text": f"export (audit event {stamp.audit_seq})"},
        "agent": [{"type": {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
            "code": "author", "display": "Author"}]}, "who": {"display": stamp.exported_by}}],
        "entity": [{"role": "source", "what": {
            "identifier": {"system": ANCHOR_IDENTIFIER_SYSTEM, "value": f"{head.seq}:{head.hash}"},
            "display": f"audit chain head at event {head.seq} of {head.db or 'the database'}"}}],
        "extension": [{"url": ANCHOR_EXTENSION, "extension": parts}],
    }


def chain_head_in_bundle(bundle: dict[str, Any]) -> ChainHead | None:
    """The chain head in a FHIR Bundle's export Provenance (``None``: it has none). Raises
    KeyError/TypeError/ValueError/StopIteration when the head in it is damaged."""
    for entry in bundle.get("entry") or []:
        resource = entry.get("resource") or {}
        if resource.get("resourceType") != "Provenance":
            continue
        for extension in resource.get("extension") or []:
            if extension.get("url") != ANCHOR_EXTENSION:
                continue
            values = {part["url"]: next(v for k, v in part.items() if k.startswith("value"))
                      for part in extension.get("extension") or []}
            return ChainHead.from_mapping(values)
    return None


# --- ODM ----------------------------------------------------------------------------------------

def odm_user_oid(username: str) -> str:
    return f"USR.{username}"


def chain_head_in_odm(document: bytes) -> ChainHead | None:
    """The chain head in an ODM file's export AuditRecord (``None``: it has none). Raises
    ValueError (also for a file that is not well-formed XML) or KeyError/TypeError when the
    head in it is damaged."""
    from lxml import etree  # (only when an ODM file is checked: the GUI never loads lxml at start)

    try:
        root = etree.fromstring(document, parser=etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from None
    for record in root.iter(f"{_ODM}AuditRecord"):
        if record.get("ID") == ODM_RECORD_ID:
            source = record.find(f"{_ODM}SourceID")
            if source is None or not source.text:
                raise ValueError("the audit record holds no chain head")
            return ChainHead.from_mapping(json.loads(source.text))
    return None


__all__ = ["ANCHOR_EXTENSION", "ODM_RECORD_ID", "ChainHead", "ExportStamp", "chain_head_in_bundle",
           "chain_head_in_odm", "fhir_provenance", "odm_user_oid"]
