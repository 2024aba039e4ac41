"""The calculation trail of an order: every step from the measurements to the doses,
with the rule that decided it. All numbers are the engine's (the stored order context);
this view only lays them out."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QTextBrowser, QWidget

from interfant_desktop.services.order_trail import CalculationTrailModel, TrailRule, trail_model


def num(value: Any) -> str:
    """A number as ISMP writes it: leading zero, no trailing zeros; a dash when unknown."""
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return html.escape(str(value))
    return f"{value:.6g}"


#: U+2060 WORD JOINER: no line break after a unit's slash ("mcg/" over "day")
WORD_JOINER = "\u2060"


def whole_units(text: str) -> str:
    """``text`` that may wrap at its spaces but never inside a unit such as mcg/m²/day."""
    return text.replace("/", "/" + WORD_JOINER)


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _rule(rule: TrailRule) -> str:
    detail = f" — {_e(rule.detail)}" if rule.detail else ""
    return (f"<span style='color:#4a4a4a'><b>{_e(rule.rule)}</b> "
            f"({_e(rule.source)}): {_e(rule.text)}{detail}</span>")


class CalculationTrail(QTextBrowser):
    """Weight and height → BSA → dose per step → bag → dexamethasone, plus the marrow,
    the risk group and the decisions with their rules."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CalculationTrail")
        self.setAccessibleName(self.tr("Calculation trail"))
        self.setOpenLinks(False)
        self.setMinimumHeight(260)
        self.context: CalculationTrailModel | None = None

    def show_hidden(self, why: str) -> None:
        """Show no number at all (the blinded verifier), only ``why``."""
        self.context = None
        self.setHtml(f"<p><i>{_e(why)}</i></p>")
        self.setAccessibleDescription(why)

    def set_context(self, context: Mapping[str, Any] | None) -> None:
        """Show the trail of a stored order context (read into typed values here, once)."""
        self.context = trail_model(context) if context else None
        self.setHtml(self.trail_html(self.context) if self.context else "")

    def trail_html(self, m: CalculationTrailModel) -> str:
        parts: list[str] = []

        def head(text: str) -> None:
            parts.append(f"<h3 style='margin:10px 0 2px 0'>{_e(text)}</h3>")

        head(self.tr("1  Weight and height"))
        parts.append(self.tr("Weight <b>{w} kg</b> (measured {wd}) · height <b>{h} cm</b> "
                        "(measured {hd})").format(
            w=num(m.weight_kg), wd=_e(m.weight_date or self.tr("date not recorded")),
            h=num(m.height_cm), hd=_e(m.height_date or self.tr("date not recorded"))))
        head(self.tr("2  Body surface area"))
        parts.append(self.tr("{formula} = {raw} m² → rounded to {d} decimals: <b>BSA {bsa} m²</b>")
                     .format(formula=_e(m.bsa_formula), raw=f"{m.bsa_unrounded:.5f}",
                             d=m.bsa_decimals, bsa=num(m.bsa_m2)))
        parts += [f"<br/>{_rule(r)}" for r in m.bsa_rules]
        head(self.tr("3  Dose per step"))
        if m.cycle == 1:
            parts.append(self.tr("Marrow before cycle 1 (end of induction): <b>{m}</b> — it chose "
                            "{plan}.").format(
                m=_e(m.marrow or self.tr("not recorded")),
                plan=self.tr("step dosing") if len(m.steps) > 1 else self.tr("one dose for 28 days")))
        heads = [_e(whole_units(text)) for text in (
            self.tr("Days"), self.tr("Dates"), self.tr("mcg/m²/day"), self.tr("× BSA = mcg/day"),
            self.tr("Cap"), self.tr("Final mcg/day"))]
        rows = ["<tr style='background:#eef1f4'><th align='left'>{}</th><th align='left'>{}</th>"
                "<th align='right'>{}</th><th align='right'>{}</th><th align='left'>{}</th>"
                "<th align='right'>{}</th></tr>".format(*heads)]
        step_rules: dict[str, TrailRule] = {}
        for s in m.steps:
            cap = self.tr("none")
            if s.cap_mcg_per_day is not None:
                cap = (self.tr("{cap} mcg/day — applied") if s.capped
                       else self.tr("{cap} mcg/day — not reached")).format(
                    cap=num(s.cap_mcg_per_day))
            rows.append(
                f"<tr><td>{s.first_day}–{s.last_day}</td>"
                f"<td>{_e(s.start_date)} – {_e(s.end_date)}</td>"
                f"<td align='right'>{num(s.dose_mcg_per_m2_day)}</td>"
                f"<td align='right'>{num(s.dose_mcg_per_day_calculated)}</td>"
                f"<td>{_e(cap)}</td>"
                "<td align='right' style='white-space:nowrap'><b>"  # the dose whole, on one line
                + self.tr("{dose} mcg/day").format(dose=num(s.dose_mcg_per_day)) + "</b></td></tr>")
            for r in s.rules:
                step_rules[f"{r.rule}|{r.detail}"] = r
        # 99 %: Qt rounds a 100 % table a pixel wider than the view at many widths, and a
        # pharmacist then gets a horizontal scrollbar for nothing.
        parts.append("<table cellspacing='0' cellpadding='3' width='99%'>" + "".join(rows)
                     + "</table>")
        parts += [f"{_rule(r)}<br/>" for r in step_rules.values()]
        head(self.tr("4  Bag"))
        bag = m.bag
        if bag:
            parts.append(self.tr("Continuous IV, {h} hour bag: rate <b>{rate} mL/h</b>, volume "
                            "<b>{vol} mL</b> per bag, daily fluid {daily} mL = <b>{perkg} "
                            "mL/kg/day</b> ({prep}).").format(
                h=bag.hours, rate=num(bag.rate_ml_per_h), vol=num(bag.volume_ml),
                daily=num(bag.daily_volume_ml), perkg=num(bag.fluid_ml_per_kg_day),
                prep=_e(bag.preservative)))
        for item in m.handling:
            parts.append(f"<br/>• {_e(item)}")
        premed = m.premedication
        if premed:
            head(self.tr("5  Premedication"))
            parts.append(self.tr("{drug} {per} mg/m² × BSA = {raw} mg, maximum {max} mg → "
                            "<b>{dose} mg</b>{capped}").format(
                drug=_e(premed.drug), per=num(premed.mg_per_m2),
                raw=num(premed.dose_mg_calculated), max=num(premed.max_mg),
                dose=num(premed.dose_mg),
                capped=self.tr(" (capped)") if premed.capped else ""))
            for when in premed.when:
                parts.append(f"<br/>• {_e(when)}")
            if premed.note:
                parts.append(f"<br/><i>{_e(premed.note)}</i>")
            if premed.rule:
                parts.append(f"<br/>{_rule(premed.rule)}")
        head(self.tr("6  Risk group, eligibility and decision"))
        risk = m.risk
        group = _e(risk.current)
        if risk.at_diagnosis and risk.at_diagnosis != risk.current:
            group += self.tr(" (at diagnosis {g})").format(g=_e(risk.at_diagnosis))
        parts.append(self.tr("Risk group <b>{g}</b> ({status}) · eligibility <b>{elig}</b>").format(
            g=group, status=_e(risk.status), elig=_e(m.eligibility_status)))
        for r in risk.reasons:
            parts.append(f"<br/>{_rule(r)}")
        for move in risk.reallocations:
            parts.append("<br/>" + _rule(dataclasses.replace(
                move.rule, detail=f"{move.from_group} → {move.to_group}: {move.rule.detail or ''}")))
        decision = m.decision
        parts.append("<br/>" + self.tr("Decision {id}: <b>{value}</b>").format(
            id=_e(decision.id),
            value=self.tr("give") if decision.value is True else _e(decision.value)))
        for r in decision.reasons:
            parts.append(f"<br/>{_rule(r)}")
        if m.warnings:
            head(self.tr("Warnings"))
            for w in m.warnings:
                mark = self.tr(" — confirmed by the prescriber") if w in m.confirmed_warnings else ""
                parts.append(f"<br/><span style='color:#b00020'>⚠ {_e(w)}{_e(mark)}</span>")
        parts.append("<p style='color:#555555'>" + self.tr(
            "Protocol file {name} {version} (SHA-256 {sha}…), evaluated {day}.").format(
            name=_e(m.protocol_name), version=_e(m.protocol_version),
            sha=_e(m.protocol_sha256[:12]), day=_e(m.evaluated_on))
            + "</p>")
        return "".join(parts)
