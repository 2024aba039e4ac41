"""``interfant-desktop orders ...``: the order workflow from the command line.

::

    interfant-desktop [--db URL] --user U orders start STUDY_ID --cycle N --weight KG \\
        --height CM [--measured YYYY-MM-DD] [--start "YYYY-MM-DD HH:MM"] [--bag-hours 24|48] \\
        [--confirm-warnings]
    interfant-desktop [--db URL] --user U orders sign ORDER_ID
    interfant-desktop [--db URL] --user U orders verify ORDER_ID --weight KG --height CM
    interfant-desktop [--db URL] --user U orders print ORDER_ID --out FILE.pdf
    interfant-desktop [--db URL] --user U orders list [STUDY_ID]
    interfant-desktop [--db URL] --user U orders hold|release|discontinue ORDER_ID --reason TEXT
    interfant-desktop [--db URL] --user U orders restart ORDER_ID --reason TEXT [--confirm-warnings]
    interfant-desktop [--db URL] --user U orders modify ORDER_ID --reason TEXT [--weight KG] \
        [--height CM] [--measured YYYY-MM-DD] [--start "YYYY-MM-DD HH:MM"] [--bag-hours 24|48] \
        [--confirm-warnings]

The sign-in password comes from ``INTERFANT_PASSWORD`` or a prompt, and is asked again
(the variable read again, or a new prompt) for every electronic signature: signing
("prescribed"), verifying ("verified"), printing ("printed for administration") and every lifecycle transition
("held", "hold released", "discontinued", "superseded"). ``restart`` and ``modify`` print
the new draft's ID (sign and verify it as any order).
``start`` prints the new order's ID (``IF21-000042``) on stdout; ORDER_ID is that ID or
its number. ``--confirm-warnings`` confirms the engine's warnings (they are printed on
stderr); without it a start with warnings is refused with them.

A refusal is one line on stderr: exit 1 for permission, state, signature or tampering,
2 for bad input (unknown patient or order, invalid number or date).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from interfant_desktop.cli import EXIT_BAD_INPUT, EXIT_OK, CliError, one_line
from interfant_desktop.cli.order_cmd import _write_atomically
from interfant_desktop.cli.store_cmds import _guarded, _out, _password, _signed_in

if TYPE_CHECKING:
    from interfant_desktop.services.order_workflow import NewOrder, OrderView
    from interfant_desktop.services.permissions import CurrentUser
    from interfant_desktop.services.store_access import Store

T = TypeVar("T")
_ORDER_ID = re.compile(r"^(?:IF21-)?0*(\d{1,12})$", re.IGNORECASE)


def register(subparsers: Any) -> None:
    """Add ``orders`` with ``start``, ``sign``, ``verify``, ``print``, ``list`` and the
    lifecycle: ``hold``, ``release``, ``discontinue``, ``restart``, ``modify``."""
    p = subparsers.add_parser("orders", help="start, sign, verify, print, list, hold, release, "
                              "discontinue, restart and modify orders")
    orders = p.add_subparsers(dest="orders_command", metavar="ACTION", required=True)

    start = orders.add_parser("start", help="start a blinatumomab order (prints its ID)")
    start.add_argument("study_id", metavar="STUDY_ID")
    start.add_argument("--cycle", type=int, required=True, choices=(1, 2))
    start.add_argument("--weight", metavar="KG", required=True, help="weight in kg")
    start.add_argument("--height", metavar="CM", required=True, help="height in cm")
    start.add_argument("--measured", metavar="YYYY-MM-DD",
                       help="date the weight and height were measured (default: today)")
    start.add_argument("--start", metavar="YYYY-MM-DD HH:MM",
                       help="start of the infusion, local time: it places the bag schedule "
                            "(no order without it)")
    start.add_argument("--bag-hours", type=int, choices=(24, 48),
                       help="bag duration (default: the protocol file's)")
    start.add_argument("--confirm-warnings", action="store_true",
                       help="confirm the engine's warnings (printed on stderr)")
    start.set_defaults(handler=_guarded(run_start))

    sign = orders.add_parser("sign", help="sign a draft (password asked again)")
    sign.add_argument("order_id", metavar="ORDER_ID")
    sign.set_defaults(handler=_guarded(run_sign))

    verify = orders.add_parser("verify", help="verify a signed order with a blinded re-entry")
    verify.add_argument("order_id", metavar="ORDER_ID")
    verify.add_argument("--weight", metavar="KG", required=True)
    verify.add_argument("--height", metavar="CM", required=True)
    verify.set_defaults(handler=_guarded(run_verify))

    printing = orders.add_parser("print", help="check, sign and write the order sheet (PDF)")
    printing.add_argument("order_id", metavar="ORDER_ID")
    printing.add_argument("--out", metavar="FILE.pdf", required=True)
    printing.set_defaults(handler=_guarded(run_print))

    for name, what in (("hold", "hold an order in force: no bag is hung from it"),
                       ("release", "release a hold (physicians)"),
                       ("discontinue", "discontinue an order permanently (physicians)")):
        change = orders.add_parser(name, help=f"{what} (signed: reason and password)")
        change.add_argument("order_id", metavar="ORDER_ID")
        change.add_argument("--reason", required=True, help="why (required, recorded and signed)")
        change.set_defaults(handler=_guarded(run_transition), transition=name)

    restart = orders.add_parser("restart", help="the restart order after the cycle's latest "
                                "interruption (physicians; prints the new order's ID)")
    restart.add_argument("order_id", metavar="ORDER_ID")
    restart.add_argument("--reason", required=True)
    restart.add_argument("--confirm-warnings", action="store_true")
    restart.set_defaults(handler=_guarded(run_new_order), transition="restart")

    modify = orders.add_parser("modify", help="a new order with changed values that supersedes "
                               "this one (physicians; prints the new order's ID)")
    modify.add_argument("order_id", metavar="ORDER_ID")
    modify.add_argument("--reason", required=True)
    modify.add_argument("--weight", metavar="KG")
    modify.add_argument("--height", metavar="CM")
    modify.add_argument("--measured", metavar="YYYY-MM-DD")
    modify.add_argument("--start", metavar="YYYY-MM-DD HH:MM")
    modify.add_argument("--bag-hours", type=int, choices=(24, 48))
    modify.add_argument("--confirm-warnings", action="store_true")
    modify.set_defaults(handler=_guarded(run_new_order), transition="modify")

    listing = orders.add_parser("list", help="list orders (of one patient, or all)")
    listing.add_argument("study_id", metavar="STUDY_ID", nargs="?")
    listing.set_defaults(handler=_guarded(run_list))


def _number(name: str, text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise CliError(f"--{name}: not a number: {text!r}", EXIT_BAD_INPUT) from None
    if not value > 0:
        raise CliError(f"--{name}: must be greater than 0; got {text!r}", EXIT_BAD_INPUT)
    return value


def _order_id(text: str) -> int:
    match = _ORDER_ID.match(text.strip())
    if match is None:
        raise CliError(f"ORDER_ID: not an order ID (IF21-000042 or 42): {text!r}",
                       EXIT_BAD_INPUT)
    return int(match.group(1))


def _date(name: str, text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"--{name}: must be a date YYYY-MM-DD; got {text!r}",
                       EXIT_BAD_INPUT) from None


def _start(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise CliError(f"--start: must be \"YYYY-MM-DD HH:MM\"; got {text!r}",
                       EXIT_BAD_INPUT) from None


def _confirming(args: argparse.Namespace, call: Callable[[tuple[str, ...]], T]) -> T:
    """``call`` with no warning confirmed; with ``--confirm-warnings``, again confirming the
    engine's warnings (printed on stderr) when it refused for them."""
    from interfant_desktop.services.order_workflow import WarningsNotConfirmed

    try:
        return call(())
    except WarningsNotConfirmed as exc:
        if not args.confirm_warnings:
            raise
        for warning in exc.warnings:
            print(f"interfant-desktop: confirmed warning: {warning}", file=sys.stderr)
        return call(exc.warnings)


def _on_order(args: argparse.Namespace,
              act: Callable[[Store, CurrentUser, OrderView], T]) -> tuple[T, CurrentUser]:
    """Sign in, load the order ``args.order_id`` and ``act`` on it; the result and the user."""
    from interfant_desktop.services import order_workflow

    order_id = _order_id(args.order_id)
    with _signed_in(args) as (store, user):
        return act(store, user, order_workflow.get_order(store, user, order_id)), user


def _signature_password(args: argparse.Namespace, meaning: str) -> str:
    """The password again for one electronic signature (variable read again, or a prompt)."""
    return _password("INTERFANT_PASSWORD",
                     f"Password of {args.user} to sign ({meaning}): ")


def run_start(args: argparse.Namespace) -> int:
    from interfant_desktop.services import order_workflow, patients

    weight, height = _number("weight", args.weight), _number("height", args.height)
    measured = _date("measured", args.measured) or dt.date.today()
    start = _start(args.start)
    with _signed_in(args) as (store, user):
        version = patients.open_patient(store, user, args.study_id).version
        values: dict[str, Any] = dict(weight_kg=weight, height_cm=height, weight_date=measured,
                                      height_date=measured,
                                      start_date=start.date() if start else None,
                                      start_time=start.time() if start else None,
                                      bag_hours=args.bag_hours)
        order = _confirming(args, lambda confirmed: order_workflow.start_order(
            store, user, args.study_id, version, args.cycle, confirm_warnings=confirmed,
            **values))
    _out(order.order_code)
    return EXIT_OK


def run_sign(args: argparse.Namespace) -> int:
    from interfant_desktop.services import order_workflow

    signed, user = _on_order(args, lambda store, user, order: order_workflow.sign_order(
        store, user, order.id, order.version, password=_signature_password(args, "prescribed")))
    _out(f"{signed.order_code} signed (prescribed) by {user.username}")
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    from interfant_desktop.services import order_workflow

    order_id = _order_id(args.order_id)
    weight, height = _number("weight", args.weight), _number("height", args.height)
    with _signed_in(args) as (store, user):
        task = order_workflow.verification_task(store, user, order_id)
        verified = order_workflow.verify_order(store, user, task.id, task.version,
                                               weight_kg=weight, height_cm=height,
                                               password=_signature_password(args, "verified"))
    _out(f"{verified.order_code} verified by {user.username}")
    return EXIT_OK


def run_print(args: argparse.Namespace) -> int:
    from interfant_desktop.services import order_workflow

    order_id = _order_id(args.order_id)
    out = Path(args.out)
    if out.is_dir():
        raise CliError(f"{out}: is a folder; give a file name such as order.pdf")
    with _signed_in(args) as (store, user):
        order = order_workflow.get_order(store, user, order_id)
        printed = order_workflow.print_order(
            store, user, order.id, order.version,
            password=_signature_password(args, "printed for administration"))
    _write_atomically(out, printed.pdf)
    what = "COPY of " if printed.copy else ""
    _out(f"wrote {what}{printed.order.order_code} to {out} (SHA-256 {printed.sha256})")
    return EXIT_OK


_MEANINGS = {"hold": "held", "release": "hold released", "discontinue": "discontinued"}


def _reason_text(args: argparse.Namespace) -> str:
    text = str(args.reason or "").strip()
    if not text:
        raise CliError("--reason: say why (required)", EXIT_BAD_INPUT)
    return text


def run_transition(args: argparse.Namespace) -> int:
    """``hold``, ``release`` or ``discontinue``: one signed transition."""
    from interfant_desktop.services import order_workflow

    reason = _reason_text(args)
    change = {"hold": order_workflow.hold_order, "release": order_workflow.release_order,
              "discontinue": order_workflow.discontinue_order}[args.transition]
    done, user = _on_order(args, lambda store, user, order: change(
        store, user, order.id, order.version, reason=reason,
        password=_signature_password(args, _MEANINGS[args.transition])))
    _out(f"{done.order_code} {done.status} by {user.username}")
    return EXIT_OK


def run_new_order(args: argparse.Namespace) -> int:
    """``restart`` or ``modify``: the new draft (its ID on stdout), the old one superseded."""
    from interfant_desktop.services import order_workflow

    reason = _reason_text(args)
    values: dict[str, Any] = {}
    if args.transition == "modify":
        start, measured = _start(args.start), _date("measured", args.measured)
        values = {"weight_kg": _number("weight", args.weight) if args.weight else None,
                  "height_cm": _number("height", args.height) if args.height else None,
                  "weight_date": measured, "height_date": measured,
                  "start_date": start.date() if start else None,
                  "start_time": start.time() if start else None, "bag_hours": args.bag_hours}
    make = order_workflow.restart_order if args.transition == "restart" \
        else order_workflow.modify_order

    def act(store: Store, user: CurrentUser, order: OrderView) -> NewOrder:
        password = _signature_password(args, "superseded")
        return _confirming(args, lambda confirmed: make(
            store, user, order.id, order.version, reason=reason, password=password,
            confirm_warnings=confirmed, **values))

    made, _ = _on_order(args, act)
    _out(made.order.order_code)
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from interfant_desktop.services import order_workflow, patients

    with _signed_in(args) as (store, user):
        ids = [args.study_id] if args.study_id else patients.study_ids(store, user)
        views = [v for study_id in ids for v in order_workflow.list_orders(store, user, study_id)]
    for v in views:
        stale = "  STALE" if v.stale else ""
        _out(f"{v.order_code}\t{one_line(v.study_id)}\tcycle {v.cycle}\t{v.status}\t"
             f"prescriber {v.prescriber or '-'}\tverifier {v.verifier or '-'}{stale}")
    return EXIT_OK
