"""Charts as data: what ``macros/charts.html`` draws (with ``static/js/charts.js`` and the vendored
Chart.js) and shows as a table of its figures.

A view builds a Chart from a service's figures; the labels are formatted here, at the edge, in the
reader's language (dates through Flask-Babel), the values stay integers (VND or counts) and are
formatted by the table (Jinja filters) and the chart (the browser's Intl, in the page's language).
"""
from dataclasses import dataclass, field

from flask_babel import format_date
from flask_babel import gettext as _

KINDS = ("bar", "line", "doughnut")
UNITS = ("vnd", "count")


@dataclass
class Chart:
    id: str  # unique on the page: the figure's id and its test id
    title: str
    labels: list  # one text per point (a day, a village…)
    datasets: list  # (label, [integer per point]) pairs
    unit: str = "count"  # "vnd" or "count": how values are written
    kind: str = "bar"
    horizontal: bool = False  # bars along the y axis: long names (villages, products) stay readable
    stacked: bool = False
    summary: str = ""  # a sentence under the title (a total)
    heading: str = ""  # the table's first column: what the labels are ("Village"); "Period" when empty
    empty_text: str = field(default_factory=lambda: _("Nothing to show for this period yet."))

    @property
    def empty(self):
        return not self.labels or not any(value for _label, values in self.datasets for value in values)

    @property
    def rows(self):
        """(label, [value per dataset]) per point: the table's rows."""
        return [(label, [values[i] for _label, values in self.datasets]) for i, label in enumerate(self.labels)]

    def payload(self):
        """What charts.js reads from the page's JSON block."""
        return {"kind": self.kind, "unit": self.unit, "horizontal": self.horizontal, "stacked": self.stacked,
                "labels": [str(label) for label in self.labels],
                "datasets": [{"label": str(label), "values": list(values)} for label, values in self.datasets]}


def bucket_labels(period):
    """Each bucket of a reports period as the reader says it: "1 thg 12", "Tuần 30 thg 11", "thg 12 2026"."""
    if period.size == "day":
        return [format_date(day, "d MMM") for day in period.buckets]
    if period.size == "week":
        return [_("Week of %(day)s", day=format_date(day, "d MMM")) for day in period.buckets]
    return [format_date(day, "MMM y") for day in period.buckets]
