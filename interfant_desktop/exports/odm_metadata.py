"""The study metadata of the ODM export, as data: study events, forms, item groups,
items and code lists. The writer (:mod:`.odm`) emits both the ``MetaDataVersion`` and
the clinical data from these definitions, so every value has its definition in the
same file; the tests check every value against its item's data type and code list.
"""

from __future__ import annotations

from dataclasses import dataclass

from interfant_desktop.protocol.case import TIMEPOINTS


@dataclass(frozen=True, slots=True)
class Item:
    oid: str
    name: str
    data_type: str  # ODM DataType: text, integer, float, date, datetime, boolean
    question: str
    codelist: str | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    oid: str
    name: str
    repeating: bool
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Form:
    oid: str
    name: str
    groups: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class Event:
    oid: str
    name: str
    repeating: bool
    kind: str  # ODM StudyEventDef Type: Scheduled, Unscheduled, Common
    forms: tuple[Form, ...]


def _i(oid: str, data_type: str, question: str, codelist: str | None = None,
       unit: str | None = None) -> Item:
    return Item(f"IT.{oid}", oid, data_type, question, codelist, unit)


UNITS: dict[str, str] = {
    "U.10E9L": "10^9/L", "U.PERUL": "/uL", "U.PCT": "%", "U.KG": "kg", "U.CM": "cm",
    "U.M2": "m2", "U.MCGM2D": "mcg/m2/day", "U.MCGD": "mcg/day", "U.MCG": "mcg", "U.ML": "mL",
    "U.MLH": "mL/h", "U.H": "h", "U.DAYS": "days", "U.CEL": "°C",
}

CODELISTS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "CL.SEX": ("Sex", (("male", "male"), ("female", "female"), ("other", "other"))),
    "CL.LINEAGE": ("Lineage", (("B-ALL", "B-cell ALL"), ("B-MPAL", "B-lineage mixed phenotype"),
                               ("MPAL-multilineage", "multilineage mixed phenotype"),
                               ("T-ALL", "T-cell ALL"), ("other", "other"))),
    "CL.KMT2A": ("KMT2A status", (("rearranged", "rearranged"), ("wildtype", "wild type"),
                                  ("pending", "result pending"))),
    "CL.WBCUNIT": ("WBC unit as entered", (("10^9/L", "x 10^9/L"), ("/uL", "per microlitre"))),
    "CL.MARROW": ("Marrow status", (("M1", "M1 (< 5 % blasts)"), ("M2", "M2 (5-25 % blasts)"),
                                    ("M3", "M3 (> 25 % blasts)"))),
    "CL.CNS": ("CNS status", (("CNS1", "CNS1"), ("CNS2", "CNS2"), ("CNS3", "CNS3"))),
    "CL.PRED": ("Prednisone response", (("good", "good (< 1000 blasts/uL on day 8)"),
                                        ("poor", "poor (>= 1000 blasts/uL on day 8)"),
                                        ("not_evaluable", "not evaluable"))),
    "CL.TIMEPOINT": ("MRD time point", tuple((t, t.replace("_", " ")) for t in TIMEPOINTS)),
    "CL.MRDKIND": ("MRD result form", (("percent", "quantified (%)"), ("undetectable", "undetectable"),
                                       ("pnq", "positive, not quantifiable"))),
    "CL.RISK": ("Risk group", (("MR", "medium risk"), ("HR", "high risk"))),
    "CL.RISKSTATUS": ("Risk status", (("final", "final"), ("pending", "pending: data missing"),
                                      ("review", "review: a clinician must decide"))),
    "CL.SUBGROUP": ("MR subgroup", (("MR-low", "MR-low"), ("MR-high", "MR-high"))),
    "CL.ELIG": ("Eligibility", (("eligible", "eligible"), ("ineligible", "ineligible"),
                                ("incomplete", "incomplete"))),
    "CL.CRITSTATUS": ("Criterion status", (("met", "met"), ("failed", "failed"),
                                           ("missing", "missing"))),
    "CL.BSA": ("BSA formula", (("mosteller", "Mosteller"), ("haycock", "Haycock"),
                               ("dubois", "Du Bois"))),
    "CL.INTREASON": ("Interruption reason", (("crs", "cytokine release syndrome"),
                                             ("neurotoxicity", "neurotoxicity"),
                                             ("other_adverse_reaction", "other adverse reaction"),
                                             ("line_or_pump", "line or pump"), ("other", "other"))),
    "CL.OXYGEN": ("Oxygen", (("none", "none"), ("low_flow", "low flow"), ("high_flow", "high flow"),
                             ("positive_pressure", "positive pressure"))),
    "CL.CONSC": ("Level of consciousness", (("alert", "alert"), ("spontaneous", "awakens spontaneously"),
                                            ("voice", "awakens to voice"),
                                            ("tactile", "awakens to tactile stimulus"),
                                            ("unarousable", "unarousable"))),
    "CL.SEIZURE": ("Seizure", (("none", "none"), ("resolved_rapidly", "resolved rapidly"),
                               ("prolonged_or_repeated", "prolonged or repeated"))),
    "CL.MOTOR": ("Motor findings", (("none", "none"), ("deep_focal_weakness", "deep focal weakness"))),
    "CL.OEDEMA": ("Cerebral oedema", (("none", "none"), ("focal", "focal"),
                                      ("diffuse_or_raised_icp", "diffuse or raised ICP"))),
    "CL.AETERM": ("Adverse event", (("CRS", "cytokine release syndrome"),
                                    ("ICANS", "immune effector cell-associated neurotoxicity"),
                                    ("OTHER", "other adverse reaction"))),
    "CL.ALLERGY": ("Allergy status", (("not_recorded", "not recorded"), ("none_known", "no known allergies"),
                                      ("recorded", "allergies recorded"))),
    "CL.ORDERSTATUS": ("Order status", (("draft", "draft"), ("signed", "prescribed (signed)"),
                                        ("verified", "verified"), ("printed", "printed for administration"),
                                        ("cancelled", "cancelled"), ("held", "held"),
                                        ("discontinued", "discontinued"),
                                        ("superseded", "superseded by a modified or restart order"))),
    "CL.PHASESTATUS": ("Phase status", (("done", "done"), ("current", "current"), ("planned", "planned"),
                                        ("skipped", "skipped"), ("not_applicable", "not applicable"))),
}

DEMOGRAPHY = Group("IG.DEMOG", "Patient", False, (
    _i("BRTHDTC", "date", "Date of birth (shifted in a pseudonymised export)"),
    _i("SEX", "text", "Sex", "CL.SEX"),
    _i("DOWNSYND", "boolean", "Down syndrome"),
    _i("NAME", "text", "Name (identified export only)"),
    _i("HOSPNO", "text", "Hospital number (identified export only)"),
    _i("ALLERGST", "text", "Allergy status", "CL.ALLERGY"),
    _i("ALLERGY", "text", "Allergies as recorded (allergen: reaction)"),
))
DIAGNOSIS = Group("IG.DIAG", "Diagnosis", False, (
    _i("DXDTC", "date", "Date of diagnosis"),
    _i("AGEDXD", "integer", "Age at diagnosis", unit="U.DAYS"),
    _i("LINEAGE", "text", "Lineage", "CL.LINEAGE"),
    _i("KMT2A", "text", "KMT2A status", "CL.KMT2A"),
    _i("KMT2APRT", "text", "KMT2A fusion partner"),
    _i("RELAPSED", "boolean", "Relapsed disease"),
    _i("WBC", "float", "WBC at diagnosis as entered"),
    _i("WBCU", "text", "Unit of the WBC as entered", "CL.WBCUNIT"),
    _i("WBC10E9", "float", "WBC at diagnosis in 10^9/L", unit="U.10E9L"),
    _i("PRSTER", "boolean", "Prior systemic steroids"),
    _i("PRCHEMO", "boolean", "Prior chemotherapy"),
    _i("CONSENT", "boolean", "Informed consent"),
    _i("RISKDX", "text", "Risk group at diagnosis (engine)", "CL.RISK"),
))
ELIGIBILITY = Group("IG.ELIG", "Eligibility", False, (
    _i("ELIGST", "text", "Eligibility status (engine)", "CL.ELIG"),
))
CRITERION = Group("IG.ELIGCRIT", "Eligibility criterion", True, (
    _i("CRITID", "text", "Criterion (INC1-INC3, EXC1-EXC7)"),
    _i("CRITST", "text", "Criterion status (engine)", "CL.CRITSTATUS"),
))
PREDNISONE = Group("IG.PRED", "Prednisone response", False, (
    _i("PREDDTC", "date", "Date of the day-8 blood count"),
    _i("PREDBLST", "float", "Blasts in blood on day 8", unit="U.PERUL"),
    _i("PREDNE", "boolean", "Not evaluable"),
    _i("PREDRESP", "text", "Prednisone response (engine)", "CL.PRED"),
))
END_OF_INDUCTION = Group("IG.EOI", "End of induction", False, (
    _i("EOIDTC", "date", "Date of the end-of-induction marrow"),
    _i("EOIMARR", "text", "Marrow status", "CL.MARROW"),
    _i("EOICNS", "text", "CNS status", "CL.CNS"),
    _i("SUBGROUP", "text", "MR subgroup (engine)", "CL.SUBGROUP"),
))
MRD = Group("IG.MRD", "MRD result", False, (
    _i("MRDTPT", "text", "Time point", "CL.TIMEPOINT"),
    _i("MRDDTC", "date", "Sample date"),
    _i("MRDKIND", "text", "Result form", "CL.MRDKIND"),
    _i("MRDPCT", "float", "MRD in % of nucleated cells", unit="U.PCT"),
    _i("MRDQR", "float", "Quantitative range of the assay (positive, not quantifiable)", unit="U.PCT"),
    _i("MRDMETH", "text", "Method"),
    _i("MRDLAB", "text", "Laboratory"),
))
CYCLE = Group("IG.BLCYC", "Blinatumomab cycle", False, (
    _i("CYCLE", "integer", "Cycle"),
    _i("CYCSTDTC", "date", "Start date"),
    _i("CYCSTTM", "text", "Start time (local, HH:MM)"),
    _i("WEIGHT", "float", "Weight", unit="U.KG"),
    _i("HEIGHT", "float", "Height", unit="U.CM"),
    _i("BSA", "float", "Body surface area as used for the dose (engine)", unit="U.M2"),
    _i("BSAFORM", "text", "BSA formula", "CL.BSA"),
    _i("BAGHOURS", "integer", "Bag length chosen", unit="U.H"),
))
STEP = Group("IG.BLSTEP", "Blinatumomab dose step (engine)", True, (
    _i("STPFDAY", "integer", "First day"),
    _i("STPLDAY", "integer", "Last day"),
    _i("STPSTDTC", "date", "Step start date"),
    _i("STPENDTC", "date", "Step end date"),
    _i("DOSEM2", "float", "Dose per m2", unit="U.MCGM2D"),
    _i("DOSEDAY", "float", "Dose for this patient", unit="U.MCGD"),
    _i("CAPPED", "boolean", "Dose capped (patients < 45 kg)"),
))
BAG = Group("IG.BLBAG", "Blinatumomab bag (engine schedule)", True, (
    _i("BAGNO", "integer", "Bag number"),
    _i("BAGHANG", "datetime", "Hung at (local time)"),
    _i("BAGENDS", "datetime", "Taken down at (local time)"),
    _i("BAGHRS", "integer", "Bag length", unit="U.H"),
    _i("BAGDOSE", "float", "Dose rate", unit="U.MCGD"),
    _i("BAGMCG", "float", "Blinatumomab infused from this bag", unit="U.MCG"),
    _i("BAGML", "float", "Volume infused", unit="U.ML"),
    _i("BAGRATE", "float", "Pump rate", unit="U.MLH"),
))
ORDER = Group("IG.BLORDER", "Blinatumomab order (as stored and signed)", True, (
    _i("ORDNO", "integer", "Order of the cycle (1, 2, ... in the order drafted)"),
    _i("ORDSTAT", "text", "Status", "CL.ORDERSTATUS"),
    _i("ORDRESTR", "boolean", "Restart order (re-planned from a recorded restart)"),
    _i("ORDSTALE", "boolean", "Patient data changed after the order was drafted"),
    _i("ORDPROT", "text", "Protocol file version of the order"),
    _i("ORDDRAFT", "datetime", "Drafted at (UTC)"),
    _i("ORDSIGN", "datetime", "Prescribed (signed) at (UTC)"),
    _i("ORDVERIF", "datetime", "Verified at (UTC)"),
    _i("ORDPRINT", "datetime", "First printed for administration at (UTC)"),
    _i("ORDBSA", "float", "Body surface area of the order", unit="U.M2"),
    _i("ORDDOSES", "text", "Dose steps of the order as first-last day:mcg per day, space-separated"),
))
BAG_GIVEN = Group("IG.BLGIVEN", "Blinatumomab bag as given (bedside record)", True, (
    _i("GIVORDER", "integer", "Order of the cycle (1 = first; a restart order numbers its bags again)"),
    _i("GIVBAGNO", "integer", "Bag number of that order's schedule"),
    _i("GIVHANG", "datetime", "Hung at (local time)"),
    _i("GIVRATE", "float", "Pump rate as checked at hanging", unit="U.MLH"),
    _i("GIVVOLTO", "float", "Volume to be infused as checked at hanging", unit="U.ML"),
    _i("GIVREM", "datetime", "Changed or removed at (local time; empty while on the pump)"),
    _i("GIVHRS", "float", "Hours on the pump", unit="U.H"),
    _i("GIVVOL", "float", "Volume infused", unit="U.ML"),
    _i("GIVRESID", "float", "Residual discarded", unit="U.ML"),
))
INTERRUPTION = Group("IG.BLINT", "Infusion interruption", True, (
    _i("INTSTOP", "datetime", "Stopped at (local time)"),
    _i("INTRESTR", "datetime", "Restarted at (local time; empty while still stopped)"),
    _i("INTHRS", "float", "Hours stopped", unit="U.H"),
    _i("INTREAS", "text", "Reason", "CL.INTREASON"),
))
ASSESSMENT = Group("IG.TOX", "Toxicity assessment", False, (
    _i("TOXDTC", "datetime", "Assessed at (local time)"),
    _i("TOXCYC", "integer", "During or after cycle"),
    _i("TEMP", "float", "Temperature", unit="U.CEL"),
    _i("ANTIPYR", "boolean", "Antipyretic or anti-cytokine therapy given"),
    _i("HYPOTENS", "boolean", "Hypotension"),
    _i("VASOPR", "integer", "Vasopressors other than vasopressin"),
    _i("VASOPRSN", "boolean", "Vasopressin"),
    _i("OXYGEN", "text", "Oxygen", "CL.OXYGEN"),
    _i("CAPD", "integer", "CAPD score (0-32)"),
    _i("SEDATED", "boolean", "Deeply sedated"),
    _i("CONSC", "text", "Level of consciousness", "CL.CONSC"),
    _i("SEIZURE", "text", "Seizure", "CL.SEIZURE"),
    _i("MOTOR", "text", "Motor findings", "CL.MOTOR"),
    _i("OEDEMA", "text", "Cerebral oedema", "CL.OEDEMA"),
    _i("SEIZCNT", "integer", "Seizures so far in this treatment"),
))
ADVERSE_EVENT = Group("IG.AE", "Adverse event", True, (
    _i("AETERM", "text", "Adverse event", "CL.AETERM"),
    _i("AETEXT", "text", "Term as recorded (other reactions)"),
    _i("AEGRADE", "integer", "Grade"),
    _i("AEGRSYS", "text", "Grading system"),
    _i("AERESD", "integer", "Days to resolve", unit="U.DAYS"),
))
STATUS = Group("IG.STATUS", "Protocol status at export (engine)", False, (
    _i("PROTVER", "text", "Protocol file version applied"),
    _i("RISKNOW", "text", "Risk group now", "CL.RISK"),
    _i("RISKST", "text", "Risk status", "CL.RISKSTATUS"),
    _i("BLINA1", "boolean", "Blinatumomab cycle 1 (empty: not decided yet)"),
    _i("BLINA2", "boolean", "Blinatumomab cycle 2 (empty: not decided yet)"),
    _i("HSCT", "boolean", "Eligible for allogeneic HSCT (empty: not decided yet)"),
    _i("PHASE", "text", "Current phase"),
    _i("REVOPEN", "integer", "Open review questions"),
))
PHASE = Group("IG.ROADMAP", "Roadmap phase (engine)", True, (
    _i("PHASEID", "text", "Phase"),
    _i("PHASEST", "text", "Status", "CL.PHASESTATUS"),
))
DECISION = Group("IG.REVDEC", "Clinician decision on a review question", True, (
    _i("REVID", "text", "Review question"),
    _i("REVRULE", "text", "Rule"),
    _i("REVOPT", "text", "Option chosen"),
    _i("REVDTC", "date", "Decided on"),
    _i("REVPROT", "text", "Protocol version of the decision"),
))

EVENTS: tuple[Event, ...] = (
    Event("SE.DIAGNOSIS", "Diagnosis", False, "Scheduled", (
        Form("F.DIAGNOSIS", "Diagnosis", (DEMOGRAPHY, DIAGNOSIS)),
        Form("F.ELIGIBILITY", "Eligibility", (ELIGIBILITY, CRITERION)))),
    Event("SE.PREDNISONE", "Prednisone response (day 8)", False, "Scheduled", (
        Form("F.PREDNISONE", "Prednisone response", (PREDNISONE,)),)),
    Event("SE.EOI", "End of induction", False, "Scheduled", (
        Form("F.EOI", "End of induction", (END_OF_INDUCTION,)),)),
    Event("SE.MRD", "MRD time point", True, "Scheduled", (
        Form("F.MRD", "MRD result", (MRD,)),)),
    Event("SE.BLINA", "Blinatumomab cycle", True, "Scheduled", (
        Form("F.BLINA", "Blinatumomab cycle", (CYCLE, STEP, BAG, ORDER, BAG_GIVEN, INTERRUPTION)),)),
    Event("SE.AE", "Adverse events (toxicity assessment)", True, "Unscheduled", (
        Form("F.AE", "Toxicity assessment and adverse events", (ASSESSMENT, ADVERSE_EVENT)),)),
    Event("SE.STATUS", "Protocol status at export", False, "Common", (
        Form("F.STATUS", "Protocol status", (STATUS, PHASE, DECISION)),)),
)

ITEMS: dict[str, Item] = {item.oid: item for event in EVENTS for form in event.forms
                          for group in form.groups for item in group.items}
