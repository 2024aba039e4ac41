"""The calculation trail of an order: every step from the measurements to the doses,
with the rule that decided it. All numbers are the engine's (the stored order context);
this view only lays them out."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QTextBrowser, QWidget


def num(value: Any) -> str:
    """A number as ISMP writes it: leading zero, no trailing zeros; a dash when unknown."""
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return html.escape(str(value))
    return f"{value:.6g}"


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _rule(rule: dict[str, Any]) -> str:
    detail = f" — {_e(rule.get('detail'))}" if rule.get("detail") else ""
    return (f"<span style='color:#4a4a4a'><b>{_e(rule.get('rule'))}</b> "
            f"({_e(rule.get('source'))}): {_e(rule.get('text'))}{detail}</span>")


class CalculationTrail(QTextBrowser):
    """Weight and height → BSA → dose per step → bag → dexamethasone, plus the marrow,
    the risk group and the decisions with their rules."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CalculationTrail")
        self.setAccessibleName(self.tr("Calculation trail"))
        self.setOpenLinks(False)
        self.setMinimumHeight(260)
        self.context: dict[str, Any] | None = None

    def show_hidden(self, why: str) -> None:
        """Show no number at all (the blinded verifier), only ``why``."""
        self.context = None
        self.setHtml(f"<p><i>{_e(why)}</i></p>")
        self.setAccessibleDescription(why)

    def set_context(self, context: dict[str, Any] | None) -> None:
        self.context = context
        self.setHtml(self.trail_html(context) if context else "")

    def trail_html(self, c: dict[str, Any]) -> str:
        o = c["order"]
        parts: list[str] = []

        def head(text: str) -> None:
            parts.append(f"<h3 style='margin:10px 0 2px 0'>{_e(text)}</h3>")

        head(self.tr("1  Weight and height"))
        parts.append(self.tr("Weight <b>{w} kg</b> (measured {wd}) · height <b>{h} cm</b> "
                        "(measured {hd})").format(
            w=num(o["weight_kg"]), wd=_e(o.get("weight_date") or self.tr("date not recorded")),
            h=num(o["height_cm"]), hd=_e(o.get("height_date") or self.tr("date not recorded"))))
        head(self.tr("2  Body surface area"))
        parts.append(self.tr("{formula} = {raw} m² → rounded to {d} decimals: <b>BSA {bsa} m²</b>")
                     .format(formula=_e(o.get("bsa_formula_text") or o.get("bsa_formula")),
                             raw=f"{o['bsa_unrounded']:.5f}", d=o["bsa_decimals"],
                             bsa=num(o["bsa_m2"])))
        bsa_rules = [r for r in o.get("rules") or [] if r.get("rule") == "R-BSA"]
        parts += [f"<br/>{_rule(r)}" for r in bsa_rules]
        head(self.tr("3  Dose per step"))
        if c["cycle"] == 1:
            parts.append(self.tr("Marrow before cycle 1 (end of induction): <b>{m}</b> — it chose "
                            "{plan}.").format(
                m=_e(c.get("marrow") or self.tr("not recorded")),
                plan=self.tr("step dosing") if len(o["steps"]) > 1 else self.tr("one dose for 28 days")))
        rows = [f"<tr style='background:#eef1f4'><th align='left'>{_e(self.tr('Days'))}</th>"
                f"<th align='left'>{_e(self.tr('Dates'))}</th>"
                f"<th align='right'>{_e(self.tr('mcg/m²/day'))}</th>"
                f"<th align='right'>{_e(self.tr('× BSA = mcg/day'))}</th>"
                f"<th align='left'>{_e(self.tr('Cap'))}</th>"
                f"<th align='right'>{_e(self.tr('Final mcg/day'))}</th></tr>"]
        step_rules: dict[str, dict[str, Any]] = {}
        for s in o["steps"]:
            cap = self.tr("none")
            if s.get("cap_mcg_per_day") is not None:
                cap = (self.tr("{cap} mcg/day — applied") if s.get("capped")
                       else self.tr("{cap} mcg/day — not reached")).format(
                    cap=num(s["cap_mcg_per_day"]))
            rows.append(
                f"<tr><td>{s['first_day']}–{s['last_day']}</td>"
                f"<td>{_e(s.get('start_date'))} – {_e(s.get('end_date'))}</td>"
                f"<td align='right'>{num(s['dose_mcg_per_m2_day'])}</td>"
                f"<td align='right'>{num(s['dose_mcg_per_day_calculated'])}</td>"
                f"<td>{_e(cap)}</td>"
                f"<td align='right'><b>{num(s['dose_mcg_per_day'])} mcg/day</b></td></tr>")
            for r in s.get("rules") or []:
                step_rules[f"{r.get('rule')}|{r.get('detail')}"] = r
        parts.append("<table cellspacing='0' cellpadding='3' width='100%'>" + "".join(rows)
                     + "</table>")
        parts += [f"{_rule(r)}<br/>" for r in step_rules.values()]
        head(self.tr("4  Bag"))
        bag = next((b for b in o.get("bag_options") or [] if b.get("hours") == c.get("bag_hours")),
                   None)
        if bag:
            parts.append(self.tr("Continuous IV, {h} hour bag: rate <b>{rate} mL/h</b>, volume "
                            "<b>{vol} mL</b> per bag, daily fluid {daily} mL = <b>{perkg} "
                            "mL/kg/day</b> ({prep}).").format(
                h=bag["hours"], rate=num(bag["rate_ml_per_h"]), vol=num(bag["volume_ml"]),
                daily=num(bag.get("daily_volume_ml")), perkg=num(bag["fluid_ml_per_kg_day"]),
                prep=_e(bag.get("preservative"))))
        for item in o.get("handling") or []:
            parts.append(f"<br/>• {_e(item)}")
        premed = o.get("premedication") or {}
        if premed:
            head(self.tr("5  Premedication"))
            parts.append(self.tr("{drug} {per} mg/m² × BSA = {raw} mg, maximum {max} mg → "
                            "<b>{dose} mg</b>{capped}").format(
                drug=_e(premed.get("drug")), per=num(premed.get("mg_per_m2")),
                raw=num(premed.get("dose_mg_calculated")), max=num(premed.get("max_mg")),
                dose=num(premed.get("dose_mg")),
                capped=self.tr(" (capped)") if premed.get("capped") else ""))
            for when in premed.get("when") or []:
                parts.append(f"<br/>• {_e(when)}")
            if premed.get("note"):
                parts.append(f"<br/><i>{_e(premed['note'])}</i>")
            if premed.get("rule"):
                parts.append(f"<br/>{_rule(premed['rule'])}")
        head(self.tr("6  Risk group, eligibility and decision"))
        risk = c.get("risk") or {}
        group = _e(risk.get("current"))
        if risk.get("at_diagnosis") and risk.get("at_diagnosis") != risk.get("current"):
            group += self.tr(" (at diagnosis {g})").format(g=_e(risk["at_diagnosis"]))
        parts.append(self.tr("Risk group <b>{g}</b> ({status}) · eligibility <b>{elig}</b>").format(
            g=group, status=_e(risk.get("status")),
            elig=_e((c.get("eligibility") or {}).get("status"))))
        for r in risk.get("reasons") or []:
            parts.append(f"<br/>{_rule(r)}")
        for move in risk.get("reallocations") or []:
            parts.append("<br/>" + _rule({**move, "detail": f"{move.get('from')} → "
                                          f"{move.get('to')}: {move.get('detail') or ''}"}))
        decision = c.get("decision") or {}
        parts.append("<br/>" + self.tr("Decision {id}: <b>{value}</b>").format(
            id=_e(decision.get("id")),
            value=self.tr("give") if decision.get("value") is True else _e(decision.get("value"))))
        for r in decision.get("reasons") or []:
            parts.append(f"<br/>{_rule(r)}")
        warnings = c.get("warnings") or []
        if warnings:
            head(self.tr("Warnings"))
            confirmed = set(c.get("confirmed_warnings") or [])
            for w in warnings:
                mark = self.tr(" — confirmed by the prescriber") if w in confirmed else ""
                parts.append(f"<br/><span style='color:#b00020'>⚠ {_e(w)}{_e(mark)}</span>")
        proto = c.get("protocol") or {}
        parts.append("<p style='color:#555555'>" + self.tr(
            "Protocol file {name} {version} (SHA-256 {sha}…), evaluated {day}.").format(
            name=_e(proto.get("name")), version=_e(proto.get("version")),
            sha=_e(str(proto.get("sha256") or "")[:12]), day=_e(c.get("evaluated_on")))
            + "</p>")
        return "".join(parts)
