# -*- coding: utf-8 -*-
"""Shared helpers of the tracker generators (scripts/make-variant-trackers.py).

What each status spelling means, target-date cells built from what they mean (class T and
its builders), the Stream / Book / Sheet classes that write tables and record the truth
about them, hand-typed summary blocks, deterministic saving and the LibreOffice copies.

Two sets use them: the 12 variant trackers (tests/fixtures/variants, the older truth) and
the unseen corpus (tests/fixtures/trackers, scripts/unseen_trackers.py), which extends the
vocabulary and the RAG rules. Anything that would change the older set's bytes or truth
is kept behind a switch, so that set regenerates byte-identically.
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal, ROUND_HALF_UP

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.table import Table, TableStyleInfo

HERE = os.path.dirname(os.path.abspath(__file__))
# The fixtures' own generator saves with fixed zip timestamps; the variants are saved the same way.
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'fixtures'))
from make_fixtures import save_deterministic  # noqa: E402
FIXED_TIME = datetime.datetime(2025, 10, 1, 9, 0, 0)
AS_OF = datetime.date(2025, 9, 30)
DUE_SOON_DAYS = 14
RED_OVERDUE_DAYS = 28
BOLD = Font(bold=True)
WRAP_TOP = Alignment(wrap_text=True, vertical='top')
COUNCIL = 'Fernleigh District Council'   # fictional
D = datetime.date

# ======================================================================================
# What each spelling means (DESIGN.md, "Two kinds of status")
# ======================================================================================

PROGRESS = {}


def _spell(word, how, *raws):
    for r in raws:
        PROGRESS[r] = (word, how)


_spell('Completed', 'exact', 'Completed', 'completed', 'COMPLETED', 'Completed ', ' Completed')
_spell('Completed', 'synonym', 'Complete', 'complete', 'Done', 'Achieved', 'Closed', 'Finished', 'DONE')
_spell('In progress', 'exact', 'In progress', 'in progress', 'In Progress', 'in-progress', 'IN_PROGRESS', 'In  progress', 'In-Progress')
_spell('In progress', 'synonym', 'Ongoing', 'On track', 'Underway', 'In hand', 'Started', 'On-going', 'on going')
_spell('Static', 'exact', 'Static', 'STATIC', 'static ')
_spell('Static', 'synonym', 'Stalled', 'On hold', 'Blocked', 'No progress', 'On Hold')
_spell('Not started', 'exact', 'Not started', 'Not Started', 'not-started', 'NOT_STARTED')
_spell('Not started', 'synonym', 'Not yet started', 'Planned', 'Pending', 'To do')
# near misses: one or two slips from exactly one known word
_spell('In progress', 'near-miss', 'In progess', 'Inprogress', 'In prgress')
_spell('Completed', 'near-miss', 'Compelted', 'Completd')
_spell('Not started', 'near-miss', 'Not strated')
_spell('Static', 'near-miss', 'Statc')
_spell('Unrecognised', 'unrecognised', 'Deferred', 'See update', 'Awaiting sign-off', '?')
# 'N/A' was Unrecognised in the first version of this truth; the vocabulary now counts it as
# Withdrawn (an action that no longer applies), so it is neither overdue nor in percentages.
_spell('Withdrawn', 'synonym', 'N/A')
_spell('No status', 'empty', None, '', '   ')

RATING = {}


def _rate(word, how, *raws):
    for r in raws:
        RATING[r] = (word, how)


_rate('Blue', 'exact', 'Blue', 'BLUE')
_rate('Green', 'exact', 'Green', 'green', 'GREEN')
_rate('Amber', 'exact', 'Amber', 'amber')
_rate('Red', 'exact', 'Red', 'RED')
_rate('Amber/Green', 'exact', 'Amber/Green', 'Amber / Green', 'Green/Amber')
_rate('Amber/Red', 'exact', 'Amber/Red', 'Amber-Red')
_rate('Blue', 'letter', 'B')
_rate('Green', 'letter', 'G', 'g')
_rate('Amber', 'letter', 'A')
_rate('Red', 'letter', 'R')
_rate('Amber/Green', 'letter', 'A/G')
_rate('Green', 'synonym', 'Green - on track')
_rate('Amber', 'near-miss', 'Ambre')
_rate('Unrecognised', 'unrecognised', 'Purple', 'TBC')
_rate('Unrated', 'empty', None, '')

COUNT_KEY = {'Completed': 'completed', 'In progress': 'inProgress', 'Static': 'static', 'Not started': 'notStarted',
             'Withdrawn': 'withdrawn', 'Unrecognised': 'unrecognised', 'No status': 'noStatus'}
RATING_KEY = {'Blue': 'blue', 'Green': 'green', 'Amber': 'amber', 'Red': 'red', 'Amber/Green': 'amberGreen',
              'Amber/Red': 'amberRed', 'Unrecognised': 'unrated', 'Unrated': 'unrated'}
# The progress counts, in the order the report writes them.
COUNT_FIELDS = ['completed', 'inProgress', 'static', 'notStarted', 'withdrawn', 'unrecognised', 'noStatus', 'total']
RATING_ORDER = ['Blue', 'Green', 'Amber/Green', 'Amber', 'Amber/Red', 'Red']

# ======================================================================================
# Target dates: each cell is built from what it means, so its reading is known
# ======================================================================================

MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
          'November', 'December']


def month_end(y, m):
    return D(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)


def ordinal(n):
    return '%d%s' % (n, 'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th'))


class T:
    """A target-date cell: the value written (text, or a date with a number format) and the
    parts it must be read as, each (kind, due-by date or None)."""

    def __init__(self, value, parts, fmt=None):
        self.value, self.parts, self.fmt = value, parts, fmt

    def __add__(self, other):          # several dates, one per line
        return T(self.value + '\n' + other.value, self.parts + other.parts)

    def then(self, other, sep=' '):    # several dates in a row on one line
        return T(self.value + sep + other.value, self.parts + other.parts)


def xdate(d, fmt='dd/mm/yyyy'):
    return T(datetime.datetime(d.year, d.month, d.day), [('excel-date', d)], fmt)


def dtext(d, style='dmy'):
    text = {
        'dmy': '%02d/%02d/%d' % (d.day, d.month, d.year),
        'dmy-short': '%d/%d/%02d' % (d.day, d.month, d.year % 100),
        'dots': '%02d.%02d.%d' % (d.day, d.month, d.year),
        'words': '%d %s %d' % (d.day, MONTHS[d.month - 1], d.year),
        'ordinal': '%s %s %d' % (ordinal(d.day), MONTHS[d.month - 1][:3], d.year),
        'iso': d.isoformat(),
        # the abbreviations offices type: 'Sept' for September, three letters otherwise
        'abbr': '%d %s %d' % (d.day, month_abbr(d.month), d.year),
        'dots-short': '%d.%d.%02d' % (d.day, d.month, d.year % 100),
    }[style]
    return T(text, [('date-text', d)])


def month_abbr(m):
    return 'Sept' if m == 9 else MONTHS[m - 1][:3]


def bad(text):
    return T(text, [('invalid', None)])


def mtext(y, m, short=False):
    name = MONTHS[m - 1][:3] if short else MONTHS[m - 1]
    return T('%s %d' % (name, y), [('month-year', month_end(y, m))])


# --- kinds read by the unseen corpus's truth (scripts/unseen_trackers.py) -------------------

def sept(y):
    """'Sept 2025': the four-letter abbreviation offices use for September."""
    return T('Sept %d' % y, [('month-year', month_end(y, 9))])


def xmonth(y, m, fmt='mmm-yy', day=1):
    """An Excel date whose number format shows only month and year: due at the END of that month,
    whatever day the serial holds (a person types 'Mar-26' and Excel stores 1 March)."""
    return T(datetime.datetime(y, m, day), [('excel-month', month_end(y, m))], fmt)


def fytext(text, fy):
    """'2025/26', '2025-26', 'FY 2025/26': the end of the financial year starting 1 April fy."""
    return T(text, [('financial-year', D(fy + 1, 3, 31))])


TERM_END = {'Autumn': (12, 31), 'Spring': (3, 31), 'Summer': (7, 31)}   # DESIGN.md's defaults


def term(season, year, text=None):
    """'Autumn term 2025' (31 Dec 2025), 'Spring term 2026' (31 Mar), 'Summer term 2026' (31 Jul)."""
    m, d = TERM_END[season]
    return T(text or '%s term %d' % (season, year), [('term', D(year, m, d))])


def endof(y, m, style='End'):
    text = {'End': 'End %s %d', 'by': 'by end of %s %d', 'End of': 'End of %s %d'}[style] % (MONTHS[m - 1], y)
    return T(text, [('end-of-month', month_end(y, m))])


def wc(d, style='words'):
    assert d.weekday() == 0, d
    text = 'w/c %d %s %d' % (d.day, MONTHS[d.month - 1], d.year) if style == 'words' else 'w/c %s' % d.strftime('%d/%m/%Y')
    return T(text, [('week-commencing', d + datetime.timedelta(days=6))])


def quarter_end(fy, q):
    """Last day of quarter q of the financial year starting 1 April fy."""
    m = 3 + 3 * q
    return month_end(fy + (m > 12), (m - 1) % 12 + 1)


def fy_of(d):
    return d.year if d.month >= 4 else d.year - 1


def qtext(text, fy, *qs):
    return T(text, [('quarter', quarter_end(fy, max(qs)))])


def tbc(text='TBC'):
    return T(text, [('tbc', None)])


def recurring(text='Ongoing'):
    return T(text, [('recurring', None)])


def free(text):
    return T(text, [('free-text', None)])


def target_truth(t, cell):
    if t is None:
        return {'cell': cell, 'raw': '', 'parts': [], 'final': None}
    ends = [e for _, e in t.parts if e is not None]
    raw = t.value if isinstance(t.value, str) else t.value.date().isoformat()
    return {'cell': cell, 'raw': raw, 'parts': [{'kind': k, 'end': e.isoformat() if e else None} for k, e in t.parts],
            'final': max(ends).isoformat() if ends else None}


# ======================================================================================
# Helpers
# ======================================================================================

def new_workbook(title):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    wb.properties.creator = 'Performance Team'
    wb.properties.lastModifiedBy = 'Performance Team'
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb, ws



def whole_percent(n, total):
    """The whole percent a person types for n of total, half rounded up: 4 of 7 is 57."""
    if total == 0:
        return 0
    return int((Decimal(n) * 100 / Decimal(total)).quantize(Decimal('1'), rounding=ROUND_HALF_UP))


def a1(r, c):
    return '%s%d' % (get_column_letter(c), r)


def parse_reporting_date(header):
    """The `Progress as at 31/03/2025` header's date, which places a quarter written without a year."""
    m = re.search(r'(\d{1,2})/(\d{1,2})/(\d{4})', header)
    if m:
        return D(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.search(r'(\d{1,2})(?:st|nd|rd|th)? ([A-Z][a-z]+) (\d{4})', header)
    if m and m.group(2) in MONTHS:
        return D(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))
    return None


# ======================================================================================
# Writing tables and recording what they must be read as
# ======================================================================================

FIELDS = ['completed', 'inProgress', 'static', 'notStarted', 'total']
FIELD_LABELS = {'completed': 'Completed', 'inProgress': 'In progress', 'static': 'Static',
                'notStarted': 'Not started', 'withdrawn': 'Withdrawn', 'total': 'Total', 'blue': 'Blue', 'green': 'Green', 'amber': 'Amber',
                'red': 'Red', 'amberGreen': 'Amber/Green', 'amberRed': 'Amber/Red'}


class Stream:
    """One work stream's truth."""

    def __init__(self, title, sheet):
        self.title, self.sheet = title, sheet
        self.header_row = None
        self.action_rows, self.ids = [], []
        self.progress, self.ratings = [], []     # readings per action
        self.targets = []
        self.kind = None
        self.status_cells = []                   # (cell, raw, how, word, dimension) of progress and ratings
        self.stated = None

    def counts(self):
        c = {k: 0 for k in COUNT_FIELDS}
        for i in range(len(self.action_rows)):
            c['total'] += 1
            if self.kind in ('progress', 'both'):
                c[COUNT_KEY[self.progress[i]]] += 1
            elif self.kind == 'neither':
                c['noStatus'] += 1
        return c

    def rating_counts(self):
        r = {k: 0 for k in ['blue', 'green', 'amber', 'red', 'amberGreen', 'amberRed', 'unrated']}
        for i in range(len(self.action_rows)):
            r[RATING_KEY[self.ratings[i]] if self.kind in ('ratings', 'both') else 'unrated'] += 1
        return r

    def dates(self):
        overdue, due_soon, worst = 0, 0, 0
        for i, t in enumerate(self.targets):
            if t is None or t['final'] is None:
                continue
            done = (self.progress[i] in ('Completed', 'Withdrawn')) if self.kind in ('progress', 'both') else (
                self.kind == 'ratings' and self.ratings[i] == 'Blue')
            if done:                   # withdrawn actions are never overdue either
                continue
            due = datetime.date.fromisoformat(t['final'])
            if due < AS_OF:
                overdue += 1
                worst = max(worst, (AS_OF - due).days)
            elif (due - AS_OF).days <= DUE_SOON_DAYS:
                due_soon += 1
        return overdue, due_soon, worst

    def rag(self):
        """DESIGN.md's rules: a table with both a status and a rating takes the worse of the RAG
        its progress derives and the worst rating declared."""
        c = self.counts()
        overdue, _, worst = self.dates()
        declared = None
        if self.kind in ('ratings', 'both'):
            present = [w for w in RATING_ORDER if w in self.ratings]
            declared = present[-1] if present else None
        if self.kind == 'ratings' and declared:
            return declared
        has_progress = self.kind in ('progress', 'both')
        counting = c['total'] - c['withdrawn']     # withdrawn actions no longer count
        if c['total'] == 0:
            return 'Green'
        if has_progress and counting and c['completed'] == counting:
            derived = 'Blue'
        elif worst > RED_OVERDUE_DAYS:
            derived = 'Red'
        elif has_progress and counting and c['static'] * 4 >= counting:
            derived = 'Red'
        elif overdue or c['static'] or c['unrecognised'] or (has_progress and c['noStatus']):
            derived = 'Amber'
        else:
            derived = 'Green'
        if self.kind == 'both' and declared and RATING_ORDER.index(declared) > RATING_ORDER.index(derived if derived in RATING_ORDER else 'Green'):
            return declared
        return derived

    def truth(self):
        overdue, due_soon, _ = self.dates()
        return {
            'title': self.title, 'sheet': self.sheet, 'header_row': self.header_row,
            'action_rows': self.action_rows, 'ids': self.ids, 'kind': self.kind,
            'counts': self.counts(), 'ratings': self.rating_counts(), 'overdue': overdue, 'due_soon': due_soon,
            'rag': self.rag(), 'stated': self.stated, 'targets': [t for t in self.targets if t is not None],
            'status_cells': [{'cell': c, 'raw': raw, 'how': how, 'word': w, 'dimension': dim}
                             for c, raw, how, w, dim in self.status_cells],
        }


class Book:
    def __init__(self, name, first_sheet, date1904=False):
        self.name = name
        self.wb, ws = new_workbook(first_sheet)
        if date1904:
            self.wb.epoch = CALENDAR_MAC_1904
        self.date1904 = date1904
        self.sheets = [Sheet(self, ws)]
        self.streams = []

    def sheet(self, title, hidden=False):
        ws = self.wb.create_sheet(title)
        if hidden:
            ws.sheet_state = 'hidden'
        s = Sheet(self, ws)
        self.sheets.append(s)
        return s

    def save(self, out):
        save_deterministic(self.wb, os.path.join(out, self.name))
        return {'date1904': self.date1904, 'workstreams': [s.truth() for s in self.streams],
                'overall': overall([s for s in self.streams])}


def overall(streams):
    c = {k: 0 for k in COUNT_FIELDS}
    for s in streams:
        for k, v in s.counts().items():
            c[k] += v
    # Tables that record ratings only still add their actions to the overall total; the
    # progress columns must add up to it, so those actions count as "No status" overall.
    kinds = {s.kind for s in streams}
    counted = sum(v for k, v in c.items() if k != 'total')
    if kinds - {'ratings'} and counted < c['total']:
        c['noStatus'] += c['total'] - counted
    return {'counts': c}


class Sheet:
    def __init__(self, book, ws):
        self.book, self.ws = book, ws
        self.row = 1
        self.default_col = 1        # the column tables start in
        self.since_summary = []     # streams since the last summary block on this sheet
        self.percent_of_counting = False   # see summary()

    def put(self, r, c, v, bold=False, wrap=False, fmt=None, text=False):
        cell = self.ws.cell(r, c, v)
        if bold:
            cell.font = BOLD
        if wrap:
            cell.alignment = WRAP_TOP
        if fmt:
            cell.number_format = fmt
        if text:
            cell.data_type = 's'
            cell.number_format = '@'
        return cell

    def line(self, text, col=1, bold=True, merge_to=None, gap=0):
        self.put(self.row, col, text, bold=bold)
        if merge_to:
            self.ws.merge_cells(start_row=self.row, start_column=col, end_row=self.row, end_column=merge_to)
        self.row += 1 + gap

    def skip(self, n=1):
        self.row += n

    def table(self, title, columns, rows, col=None, excel_table=None, ref_date=None):
        """Writes a header and its rows from column `col`; returns the Stream (or, with a group
        column, the streams in order of first appearance).

        columns: [(role, header)]; roles id, action, progress, status, rating, target, owner,
                 milestones, group, or x (a column Ragbook does not know).
        rows:    dicts by role; ('note', text) for a note row, ('blank',) for an empty row,
                 ('heading', text, merge) for an area heading inside the table.
        """
        col = col or self.default_col
        header_row = self.row
        for i, (role, h) in enumerate(columns):
            self.put(header_row, col + i, h, bold=True, wrap='\n' in h)
        self.row += 1
        rc = {role: col + i for i, (role, _) in enumerate(columns)}
        header_of = {role: h for role, h in columns}
        if ref_date is None and 'progress' in header_of:
            ref_date = parse_reporting_date(header_of['progress'])
        if ref_date is None:
            ref_date = AS_OF
        has_progress = 'status' in rc
        has_rating = 'rating' in rc
        kind = 'both' if has_progress and has_rating else 'progress' if has_progress else \
            'ratings' if has_rating else 'neither'
        streams = []
        order = {}

        def new_stream(t):
            s = Stream(t, self.ws.title)
            s.header_row, s.kind = header_row, kind
            streams.append(s)
            return s

        cur = new_stream(title) if title is not None and 'group' not in rc else None
        last_group = None
        for row in rows:
            r = self.row
            if isinstance(row, tuple):
                if row[0] == 'note':
                    self.put(r, col, row[1])
                elif row[0] == 'heading':
                    self.put(r, col, row[1], bold=True)
                    if row[2]:
                        self.ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + len(columns) - 1)
                    cur = new_stream(row[1])
                self.row += 1
                continue
            if 'group' in rc:
                g = row['group']
                if g is not None:
                    self.put(r, rc['group'], g)
                    last_group = g
                else:
                    g = last_group      # a section written once carries down
                if g not in order:
                    # rows above the first section: named as a table without sections is
                    order[g] = new_stream(g if g is not None else title)
                cur = order[g]
            for role, c in rc.items():
                if role == 'group':
                    continue
                v = row.get(role)
                if role == 'target':
                    if v is None:
                        continue
                    if isinstance(v.value, str):
                        self.put(r, c, v.value, wrap='\n' in v.value, text=True)
                    else:
                        self.put(r, c, v.value, fmt=v.fmt)
                    continue
                if v is None:
                    continue
                if role == 'id' and isinstance(v, str):
                    self.put(r, c, v, text=True)
                elif isinstance(v, str):
                    self.put(r, c, v, wrap=len(v) > 40 or '\n' in v)
                else:
                    self.put(r, c, v)
            cur.action_rows.append(r)
            cur.ids.append(None if row.get('id') in (None, '') else str(row['id']))
            if has_progress:
                raw = row.get('status')
                word, how = PROGRESS[raw]
                cur.progress.append(word)
                cur.status_cells.append((a1(r, rc['status']), raw if raw is not None else '', how, word, 'progress'))
            else:
                cur.progress.append(None)
            if has_rating:
                raw = row.get('rating')
                word, how = RATING[raw]
                cur.ratings.append(word)
                cur.status_cells.append((a1(r, rc['rating']), raw if raw is not None else '', how, word, 'rating'))
            else:
                cur.ratings.append(None)
            if 'target' in rc:
                t = row.get('target')
                for k, e in (t.parts if t else []):
                    if k == 'quarter' and e is None:
                        raise ValueError('quarter without a date')
                cur.targets.append(target_truth(t, a1(r, rc['target'])))
            else:
                cur.targets.append(None)
            self.row += 1
        if excel_table:
            ref = '%s:%s' % (a1(header_row, col), a1(self.row - 1, col + len(columns) - 1))
            t = Table(displayName=excel_table, ref=ref)
            t.tableStyleInfo = TableStyleInfo(name='TableStyleMedium2', showRowStripes=True)
            self.ws.add_table(t)
        self.book.streams.extend(streams)
        self.since_summary.extend(streams)
        return streams

    def summary(self, spec):
        """Writes a hand-typed summary block at the current row and records what it says
        against what the rows say.

        spec keys: covers (how many of the latest streams it counts, default 1);
          fields (in order: progress fields, or blue/green/amber/red for a RAG count, and total);
          labels (field -> label text); layout 'horizontal' | 'vertical';
          col (first column of the block, i.e. of the row labels or, without them, of the labels);
          row_labels (count label, percent label) or None; corner (text above the row labels);
          percent 'fraction' | 'text' | 'whole' | None; percent_first (the percent row above the counts);
          counts_as_text; dash_zero (a zero typed as '-'); blank (fields whose count is left empty);
          stale (field -> number added to the typed count); percent_typo (field -> typed text);
          total_percent (text typed under Total in the percent row); vertical_header (cells above a
          vertical block).
        """
        covers = self.since_summary[-spec.get('covers', 1):]
        actual = {}
        for st in covers:
            for k, v in list(st.counts().items()) + list(st.rating_counts().items()):
                actual[k] = actual.get(k, 0) + v
        typed = dict(actual)
        for k, d in spec.get('stale', {}).items():
            typed[k] += d
        fields = spec['fields']
        labels = dict(FIELD_LABELS, **spec.get('labels', {}))
        pmode = spec.get('percent', 'fraction')
        blank = set(spec.get('blank', []))

        # Percentages are of the actions that still count (total less withdrawn). The variant set's
        # blocks were typed as shares of the whole total; blocks of the unseen corpus are typed, like
        # a careful officer would, as shares of the actions that still count (percent_of_counting).
        typed_base = typed['total'] - (typed.get('withdrawn', 0) if self.percent_of_counting else 0)
        actual_base = actual['total'] - actual.get('withdrawn', 0)

        def pct_value(k):
            p = whole_percent(typed[k], typed_base)
            if k in spec.get('percent_typo', {}):
                return spec['percent_typo'][k], int(spec['percent_typo'][k].rstrip('%'))
            if pmode == 'fraction':
                return p / 100, p
            if pmode == 'text':
                return '%d%%' % p, p
            return p, p

        def count_value(k):
            if typed[k] == 0 and spec.get('dash_zero'):
                return '-'
            return str(typed[k]) if spec.get('counts_as_text') else typed[k]

        col = spec.get('col', 1)
        top = self.row
        cells = {}
        if spec.get('layout', 'horizontal') == 'horizontal':
            row_labels = spec.get('row_labels', ('Number', 'Percentage'))
            first = col + (1 if row_labels else 0)
            if spec.get('corner'):
                self.put(top, col, spec['corner'], bold=True)
            for i, k in enumerate(fields):
                self.put(top, first + i, labels[k], bold=True)
            count_row, pct_row = top + 1, top + 2
            if spec.get('percent_first') and pmode:
                count_row, pct_row = top + 2, top + 1
            if row_labels:
                self.put(count_row, col, row_labels[0], bold=True)
            for i, k in enumerate(fields):
                cells[k] = {}
                if k in blank:
                    continue
                self.put(count_row, first + i, count_value(k), text=spec.get('counts_as_text', False))
                cells[k]['count'] = a1(count_row, first + i)
            last = count_row
            if pmode:
                if row_labels:
                    self.put(pct_row, col, row_labels[1], bold=True)
                for i, k in enumerate(fields):
                    if k == 'withdrawn':      # withdrawn actions have no share: they no longer count
                        continue
                    if k == 'total':
                        if spec.get('total_percent'):
                            self.put(pct_row, first + i, spec['total_percent'])
                        continue
                    v, p = pct_value(k)
                    self.put(pct_row, first + i, v, fmt='0%' if pmode == 'fraction' else None)
                    cells[k]['percent'] = (a1(pct_row, first + i), p)
                last = max(count_row, pct_row)
            area = '%s:%s' % (a1(top, col), a1(last, first + len(fields) - 1))
        else:
            r = top
            vh = spec.get('vertical_header')
            if vh:
                for i, h in enumerate(vh):
                    if h:
                        self.put(r, col + i, h, bold=True)
                r += 1
            for k in fields:
                self.put(r, col, labels[k], bold=True)
                self.put(r, col + 1, count_value(k), text=spec.get('counts_as_text', False))
                cells[k] = {'count': a1(r, col + 1)}
                if pmode and k not in ('total', 'withdrawn'):
                    v, p = pct_value(k)
                    self.put(r, col + 2, v, fmt='0%' if pmode == 'fraction' else None)
                    cells[k]['percent'] = (a1(r, col + 2), p)
                elif pmode and spec.get('total_percent'):
                    self.put(r, col + 2, spec['total_percent'])
                r += 1
            last = r - 1
            width = 3 if pmode else 2
            area = '%s:%s' % (a1(top, col), a1(last, col + width - 1))
        self.row = last + 1
        diffs = []
        for k in fields:
            if 'count' in cells[k] and typed[k] != actual[k]:
                diffs.append({'field': k, 'stated': typed[k], 'actual': actual[k], 'cell': cells[k]['count']})
        for k in fields:
            if 'percent' in cells[k]:
                cell, p = cells[k]['percent']
                own = whole_percent(actual[k], actual_base)
                if p != own:
                    diffs.append({'field': 'percent.' + k, 'stated': p / 100, 'actual': own / 100, 'cell': cell})
        covers[-1].stated = {'range': area, 'covers': [st.title for st in covers], 'matches': not diffs,
                             'differences': diffs}
        self.since_summary = []
        return covers[-1].stated


def R(i, a, p, s, t=None, o=None, **more):
    """One action row by role."""
    row = {'id': i, 'action': a, 'progress': p, 'status': s, 'target': t, 'owner': o}
    row.update(more)
    return row


# ======================================================================================
# LibreOffice copies
# ======================================================================================

def lo_copies(files, lo_dir):
    soffice = shutil.which('soffice') or shutil.which('libreoffice')
    if not soffice:
        return False
    os.makedirs(lo_dir, exist_ok=True)
    profile = tempfile.mkdtemp(prefix='lo-variants-')
    try:
        cmd = [soffice, '-env:UserInstallation=file://' + profile, '--headless', '--norestore',
               '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', lo_dir] + files
        subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900, check=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return True


