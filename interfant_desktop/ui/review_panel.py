"""Open review items, shown above every page so they cannot be missed.

The engine raises a review item where the protocol does not settle the
question. A clinician with the right role resolves it by choosing one of the
engine's options and giving a reason; the services record it in the audit trail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from interfant_desktop.ui.dialogs.resolve_review_dialog import ResolveReviewDialog
from interfant_desktop.ui.widgets.banner import Banner
from interfant_desktop.ui.widgets.layouts import remove_all

if TYPE_CHECKING:
    from interfant_desktop.protocol.reasons import ReviewItem
    from interfant_desktop.ui.workspace import PatientWorkspace


class ReviewPanel(QWidget):
    """One warning banner per open review item, each with a "Resolve…" button."""

    def __init__(self, workspace: PatientWorkspace) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 8, 16, 0)
        self.items: list[ReviewItem] = []
        self.buttons: list[QPushButton] = []
        self.hide()

    def set_items(self, items: list[ReviewItem]) -> None:
        """Show the engine's open review items (hidden when there are none)."""
        remove_all(self._layout)
        self.items = list(items)
        self.buttons = []
        for item in self.items:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 4)
            banner = Banner()
            banner.set_status(
                "warn",
                self.tr("Needs a clinician's decision — {rule} ({source})").format(
                    rule=item.rule, source=item.source),
                f"{item.text}\n{item.detail}".strip())
            line.addWidget(banner, 1)
            button = QPushButton(self.tr("Resolve…"))
            button.setObjectName("Primary")
            button.setAccessibleName(self.tr("Resolve review item {rule}").format(
                rule=item.rule))
            allowed = self.workspace.backend.can_resolve_review()
            button.setEnabled(allowed)
            if not allowed:
                button.setToolTip(self.tr("Only a physician can resolve review items."))
            button.clicked.connect(lambda _=False, it=item: self.resolve(it))
            line.addWidget(button)
            self.buttons.append(button)
            self._layout.addWidget(row)
        self.setVisible(bool(self.items))

    def resolve(self, item: ReviewItem) -> None:
        """Ask for the option and reason, then record the decision."""
        dialog = ResolveReviewDialog(item, self)
        if dialog.exec():
            self.workspace.resolve_review(item, dialog.option(), dialog.reason())
