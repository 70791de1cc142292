"""CSV files the marketplace writes, safe to open in a spreadsheet program."""
import csv
import io

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets
# (``=HYPERLINK(...)``, ``@SUM(...)``): OWASP's "CSV injection".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value, with a leading apostrophe if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header, rows, bom=True):
    """A CSV document of neutralised cells, with a BOM (so spreadsheet programs read Vietnamese
    correctly) unless ``bom`` is false (an ASCII file for a bank's upload form)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" if bom else "") + out.getvalue()
