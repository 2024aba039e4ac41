"""Shared by the export tests: the sample cases as export subjects, and the checks every
export must pass (ODM schema and metadata, FHIR R4B parsing, CSV against its dictionary)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

from interfant_desktop.exports.subject import DateShift, ExportSubject
from interfant_desktop.protocol.case import parse_case
from interfant_desktop.protocol.evaluation import evaluate
from interfant_desktop.protocol.protocol_file import load_protocol
from tests.conftest import SHARED_CASES

TODAY = dt.date(2026, 12, 1)
ODM = "{http://www.cdisc.org/ns/odm/v1.3}"


def all_sample_case_files() -> list[Path]:
    """Every sample case, the round-2 subfolders included."""
    return sorted(SHARED_CASES.rglob("*.case.json"))


def sample_cases() -> list[dict[str, Any]]:
    return [json.loads(f.read_text(encoding="utf-8")) for f in all_sample_case_files()]


def subject(data: dict[str, Any], days: int = 0, identified: bool = False) -> ExportSubject:
    protocol = load_protocol()
    case = parse_case(data, protocol, TODAY)
    return ExportSubject(evaluate(case, protocol, TODAY), DateShift(days), identified)


@lru_cache(maxsize=1)
def odm_schema() -> etree.XMLSchema:
    """The ODM 1.3.2 schema shipped with odmlib."""
    folder = resources.files("odmlib") / "schemas" / "odm" / "1.3.2"
    with resources.as_file(folder / "ODM1-3-2.xsd") as path:
        return etree.XMLSchema(etree.parse(str(path)))


_INTEGER = re.compile(r"-?[0-9]+\Z")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")


def value_fits(value: str, data_type: str) -> bool:
    """Does ``value`` have the form its declared type promises (ODM or dictionary type)?"""
    try:
        if data_type == "integer":
            return bool(_INTEGER.match(value))
        if data_type in ("float", "decimal"):
            return bool(_DECIMAL.match(value))
        if data_type == "date":
            return dt.date.fromisoformat(value).isoformat() == value
        if data_type == "datetime":
            return dt.datetime.fromisoformat(value).isoformat(timespec="seconds") == value
    except ValueError:
        return False
    if data_type == "boolean":
        return value in ("true", "false")
    return data_type == "text" and value != "" and value.strip() == value


def check_odm(document: bytes) -> etree._Element:
    """Schema-valid, and every value defined, of its declared type and in its code list."""
    root = etree.fromstring(document)
    schema = odm_schema()
    assert schema.validate(root), schema.error_log.filter_from_errors()[:3]
    codelists = {cl.get("OID"): {i.get("CodedValue") for i in cl.iter(f"{ODM}CodeListItem")}
                 for cl in root.iter(f"{ODM}CodeList")}
    items = {}
    for item in root.iter(f"{ODM}ItemDef"):
        ref = item.find(f"{ODM}CodeListRef")
        allowed = None if ref is None else codelists[ref.get("CodeListOID")]
        items[item.get("OID")] = (item.get("DataType"), allowed)
    groups = {g.get("OID"): {r.get("ItemOID") for r in g.iter(f"{ODM}ItemRef")}
              for g in root.iter(f"{ODM}ItemGroupDef")}
    for group in root.iter(f"{ODM}ItemGroupData"):
        for data in group.iter(f"{ODM}ItemData"):
            oid, value = data.get("ItemOID"), data.get("Value")
            assert oid in groups[group.get("ItemGroupOID")], (oid, group.get("ItemGroupOID"))
            data_type, allowed = items[oid]
            assert value_fits(value, data_type), (oid, data_type, value)
            assert allowed is None or value in allowed, (oid, value, allowed)
    return root


def check_fhir(bundle: dict[str, Any]) -> list[Any]:
    """The whole Bundle and every resource in it read by the R4B models."""
    from fhir.resources.R4B import get_fhir_model_class
    from fhir.resources.R4B.bundle import Bundle

    text = json.dumps(bundle)
    parsed = Bundle.model_validate_json(text)
    assert parsed.type == "collection"
    models = []
    for entry in bundle["entry"]:
        resource = entry["resource"]
        model = get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        models.append(model)
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(urls) == len(set(urls))
    references = re.findall(r'"reference": ?"([^"]+)"', text)
    assert set(references) <= set(urls), set(references) - set(urls)
    return models


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def check_csv(files: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """Every table has exactly the dictionary's columns, and every value its type and allowed values."""
    dictionary = read_csv(files["data_dictionary.csv"])
    tables: dict[str, list[dict[str, str]]] = {}
    for name in sorted({d["table"] for d in dictionary}):
        columns = [d for d in dictionary if d["table"] == name]
        header = next(csv.reader(io.StringIO(files[name], newline="")))
        assert header == [c["column"] for c in columns], name
        rows = read_csv(files[name])
        for row in rows:
            for c in columns:
                value = row[c["column"]]
                if value == "":
                    continue
                assert value_fits(value, c["type"]), (name, c["column"], value)
                allowed = c["allowed_values"].split("|") if c["allowed_values"] else None
                assert allowed is None or value in allowed, (name, c["column"], value)
        tables[name] = rows
    # (a saved export folder also holds the chain head it was made at: audit-anchor.json)
    assert set(files) - {"audit-anchor.json"} == {*tables, "data_dictionary.csv"}
    return tables


def real_dates(data: dict[str, Any]) -> set[str]:
    """Every date written in a case file (YYYY-MM-DD, also inside date-times)."""
    return set(re.findall(r"\d{4}-\d{2}-\d{2}", json.dumps(data)))
