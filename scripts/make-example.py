"""Builds examples/improvement-plan.xlsx, the sample tracker `npm run demo` reads.

It puts the four tracker shapes Ragbook reads into one workbook, as real
trackers often do: work-stream blocks with hand-typed summaries (one of them
stale), a RAG register held in an Excel Table, a milestone plan under area
headings, and a one-work-stream sheet. A bar chart sits on the first sheet so
the demo shows that Ragbook keeps what it does not own.

Everything in it is invented. Run with /usr/bin/python3 (Debian python3-openpyxl).
"""
import copy
import datetime
import os
import sys
import zipfile

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table, TableStyleInfo

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, '..', 'tests', 'fixtures')
OUT = os.path.join(HERE, '..', 'examples', 'improvement-plan.xlsx')


def copy_sheet(src, dst):
    for row in src.iter_rows():
        for c in row:
            if c.value is None:
                continue
            d = dst.cell(row=c.row, column=c.column, value=c.value)
            d.number_format = c.number_format
            if c.font is not None and c.font.b:
                d.font = Font(bold=True)
            d.alignment = copy.copy(c.alignment)
    for m in src.merged_cells.ranges:
        dst.merge_cells(str(m))
    for key, dim in src.column_dimensions.items():
        dst.column_dimensions[key].width = dim.width


def main():
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, sheet in [('workstreams-messy.xlsx', 'Progress'), ('rag-review.xlsx', 'Review'), ('milestones.xlsx', 'Improvement Plan')]:
        src = openpyxl.load_workbook(os.path.join(FIX, name))
        s = src.worksheets[0]
        d = wb.create_sheet(sheet)
        copy_sheet(s, d)
        for t in s.tables.values():
            nt = Table(displayName=t.displayName, ref=t.ref)
            nt.tableStyleInfo = TableStyleInfo(name='TableStyleMedium9', showRowStripes=True)
            d.add_table(nt)

    carers = wb.create_sheet('Carers')
    carers.append(['No', 'Action', 'Update', 'Status', 'RAG', 'Due date', 'Lead'])
    rows = [
        (1, 'Refresh the carers strategy with carers themselves', 'Draft shared with the carers forum', 'In progress', 'Green', datetime.date(2025, 12, 31), 'Ruth Penhale'),
        (2, 'Offer every carer an assessment within 28 days', 'Backlog cleared in August', 'Completed', 'Blue', datetime.date(2025, 8, 31), 'Ruth Penhale'),
        (3, 'Launch the carers emergency card', 'Printer delayed', 'Static', 'Green', 'July 2025', 'Owen Tregear'),
        (4, 'Publish a short-breaks directory', 'Not started: waiting on the directory relaunch', 'Not started', 'Amber', 'Q3 2025/26', 'Owen Tregear'),
    ]
    for r in rows:
        carers.append(list(r))
    for row in carers.iter_rows(min_row=2, min_col=6, max_col=6):
        for c in row:
            if isinstance(c.value, datetime.date):
                c.number_format = 'dd/mm/yyyy'
    for c in carers[1]:
        c.font = Font(bold=True)

    progress = wb['Progress']
    chart = BarChart()
    chart.title = 'Actions per work stream (hand-typed)'
    data = Reference(progress, min_col=6, min_row=16, max_row=16)
    chart.add_data(data, from_rows=True, titles_from_data=False)
    progress.add_chart(chart, 'H4')

    wb.properties.creator = 'Ragbook example'
    wb.properties.created = datetime.datetime(2025, 9, 30, 9, 0, 0)
    wb.properties.modified = datetime.datetime(2025, 9, 30, 9, 0, 0)
    tmp = OUT + '.tmp'
    wb.save(tmp)
    # Fixed timestamps so the file is the same byte for byte on every run.
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(OUT, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 9, 30, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, zin.read(item.filename))
    os.remove(tmp)
    print('wrote', os.path.relpath(OUT))


if __name__ == '__main__':
    sys.exit(main())
