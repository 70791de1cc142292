"""The staff form page of one record of the reference data: a craft, a village, an association, a mark."""
from flask import url_for

from marketplace.core import audit
from marketplace.core.forms import form_page


def record_page(form, record, kind, endpoint, save, success, heading, back, back_label,
                template="admin/record_form.html", **context):
    """GET shows ``form`` for ``record`` (None for a new one) with its change history; POST runs
    ``save(values)``, flashes ``success(row)`` and goes (303) to the row's page, ``endpoint`` taking
    ``<kind>_id``; refused, the form comes back (400) with each message by its field."""
    return form_page(
        form, save, success, lambda row: url_for(endpoint, **{f"{kind}_id": row.id}), template,
        record=record, kind=kind, history=audit.history(kind, record.id) if record is not None else None,
        heading=heading, back=back, back_label=back_label, **context)
