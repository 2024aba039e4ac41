"""Fast patient search and order worklists.

Adds ``search_terms`` (normalised words of study ID, name and hospital number, so a
prefix search is an index range scan), fills it for the patients already stored,
and indexes the order fields the worklists filter on.

The normalisation is copied here on purpose: a migration must keep doing what it
did when it was written, whatever later versions of the app code do.
"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'

_SPLIT = re.compile(r"[\s,;/()\-]+")
# Letters that are not "letter + accent" in Unicode, so NFKD leaves them alone.
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe",
                       "þ": "th", "ı": "i"})


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().translate(_FOLD).split())


def _terms(kind: str, value: str | None) -> list[tuple[str, str]]:
    if not value:
        return []
    whole = _normalise(value)
    if not whole:
        return []
    words = [w for w in _SPLIT.split(whole) if w]
    return [(kind, term[:200]) for term in dict.fromkeys([whole, *words])]


def upgrade() -> None:
    search_terms = op.create_table(
        'search_terms',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('patient_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('term', sa.String(length=200).with_variant(
            sa.String(length=200, collation='C'), 'postgresql'), nullable=False),
        sa.ForeignKeyConstraint(['patient_id'], ['patients.id'],
                                name=op.f('fk_search_terms_patient_id_patients'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_terms')),
    )
    op.create_index('ix_search_terms_patient_id', 'search_terms', ['patient_id'], unique=False)
    op.create_index('ix_search_terms_term', 'search_terms', ['term', 'patient_id'], unique=False)
    op.create_index('ix_orders_patient_status', 'orders', ['patient_id', 'status'], unique=False)
    op.create_index('ix_orders_status', 'orders', ['status'], unique=False)

    bind = op.get_bind()
    patients = bind.execute(sa.text(
        "SELECT id, study_id, name, hospital_number FROM patients ORDER BY id")).fetchall()
    rows: list[dict[str, object]] = []
    for pid, study_id, name, hospital_number in patients:
        for kind, value in (("study_id", study_id), ("name", name),
                            ("hospital_number", hospital_number)):
            rows.extend({"patient_id": pid, "kind": k, "term": t} for k, t in _terms(kind, value))
    if rows:
        op.bulk_insert(search_terms, rows)


def downgrade() -> None:
    op.drop_index('ix_orders_status', table_name='orders')
    op.drop_index('ix_orders_patient_status', table_name='orders')
    op.drop_index('ix_search_terms_term', table_name='search_terms')
    op.drop_index('ix_search_terms_patient_id', table_name='search_terms')
    op.drop_table('search_terms')
