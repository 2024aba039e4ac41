"""What the window holds while the start-up operation signs in: nothing, and it allows
nothing.

The main window is shown at once, before the services are loaded; the start-up
operation (``ui/app.py``) opens the database, signs in and reads the first page of
the list in the background, then gives the window the real
:class:`~interfant_desktop.ui.backend.UiBackend` (``MainWindow.attach_backend``).
Until then the window holds a :class:`SigningIn`: no user, no patient data, every
permission refused. It imports neither SQLAlchemy nor the services' store code.
"""

from __future__ import annotations

from interfant_desktop.services.permissions import CurrentUser


class SigningIn:
    """Stand-in for the backend until the sign-in is confirmed: allows nothing."""

    def __init__(self, username: str) -> None:
        #: the account being signed in (shown in the header), not yet a signed-in user
        self.username = username
        self.user: CurrentUser | None = None

    def role_label(self) -> str:
        return ""

    def can_create_patient(self) -> bool:
        return False

    def can_edit(self) -> bool:
        return False

    def can_manage_users(self) -> bool:
        return False

    def sign_out(self) -> None:
        self.user = None
