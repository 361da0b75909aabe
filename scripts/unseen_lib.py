# -*- coding: utf-8 -*-
"""The machinery of the unseen corpus (tests/fixtures/trackers/, built by scripts/unseen_trackers.py).

It extends the variant generator's helpers (trackers_lib.py) with what the detection rebuild
is judged on and the variant set never needed:

* DESIGN.md's full vocabulary: Withdrawn, the implied ratings (At risk is at least Amber,
  Off track and Not achieved are Red, completed words are Blue), audit and NHS words;
* percent-complete columns (fractions under a % format, whole numbers under a `%` header,
  text such as `50%`), alone or beside a status they may contradict;
* ratings given by a cell's fill alone (RGB, theme, tinted theme and indexed colours), and
  a rating word on another rating's colour;
* original and revised target dates (the revised one is the target, a difference is a slip),
  start dates and dates raised that are never targets, two-row headers (`Timescale` over
  `Start | End`);
* actions whose number and text are merged over several rows, hidden rows, AutoFilters;
* blocks that look like tables but are not trackers (recorded as `unread`), legends
  (recorded, never counted) and a performance officer's judgement calls (recorded apart
  from DESIGN.md's rules);
* a writer that lays a workbook out the way Google Sheets exports one.

Every truth here is computed from the cells written, never by running Ragbook.
"""
import colorsys
import datetime
import os
import re
import zipfile
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import COLOR_INDEX, Color
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.table import Table, TableStyleInfo

from trackers_lib import (AS_OF, COUNT_FIELDS, DUE_SOON_DAYS, RATING_KEY, RATING_ORDER,
                          RED_OVERDUE_DAYS, Book, Sheet, Stream, T, a1, overall,
                          save_deterministic, target_truth)

D = datetime.date

# ======================================================================================
# The vocabulary (DESIGN.md, "Statuses, ratings and progress"), as the engine will follow it
# ======================================================================================


def normal(text):
    """Case, surrounding and doubled spaces, hyphens and underscores never matter."""
    return re.sub(r'\s+', ' ', re.sub(r'[-_]', ' ', text.strip().lower())).strip()


VOCAB = {}           # normalised spelling -> (word counted, rating implied or None)
CANONICAL = {'completed', 'in progress', 'static', 'not started', 'withdrawn'}


def _v(word, implied, *spellings):
    for sp in spellings:
        VOCAB[sp] = (word, implied)


_v('Completed', 'Blue', 'completed', 'complete', 'done', 'achieved', 'closed', 'finished', 'implemented',
   'embedded', 'delivered')
_v('In progress', None, 'in progress', 'ongoing', 'underway', 'in hand', 'started', 'open', 'partially implemented',
   'partially achieved', 'partially complete')
_v('In progress', 'Green', 'on track')
_v('In progress', 'Amber', 'at risk', 'delayed', 'slipping')
_v('In progress', 'Red', 'off track', 'behind schedule', 'overdue')
_v('Static', None, 'static', 'stalled', 'no progress', 'on hold', 'blocked')
_v('Static', 'Red', 'not achieved')
_v('Not started', None, 'not started', 'not yet started', 'planned', 'pending', 'to do', 'not yet due',
   'not implemented')
_v('Withdrawn', None, 'withdrawn', 'superseded', 'cancelled', 'no longer required', 'not applicable', 'n/a')

# Typing slips the corpus uses, each of exactly one known spelling (checked in check_vocabulary).
NEAR_MISS = {'Implmented': 'implemented', 'Partialy implemented': 'partially implemented',
             'On trak': 'on track', 'Compelte': 'complete', 'Superceded': 'superseded',
             'In progres': 'in progress', 'Not strated': 'not started'}

RATING_SPELLINGS = {'blue': 'Blue', 'green': 'Green', 'amber': 'Amber', 'red': 'Red',
                    'amber/green': 'Amber/Green', 'green/amber': 'Amber/Green', 'amber/red': 'Amber/Red',
                    'red/amber': 'Amber/Red'}
RATING_LETTERS = {'b': 'Blue', 'g': 'Green', 'a': 'Amber', 'r': 'Red', 'a/g': 'Amber/Green', 'a/r': 'Amber/Red'}


def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def allowed_slips(text):
    return 1 if len(text.replace(' ', '')) <= 6 else 2


def near_spellings(raw):
    n = normal(raw)
    return [sp for sp in VOCAB if levenshtein(n, sp) <= allowed_slips(sp)]


def read_progress(raw):
    """(word, how, implied) for a status cell, as DESIGN.md reads it."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ''):
        return 'No status', 'empty', None
    n = normal(raw)
    if n in VOCAB:
        word, implied = VOCAB[n]
        return word, ('exact' if n in CANONICAL else 'synonym'), implied
    if raw in NEAR_MISS:
        word, implied = VOCAB[NEAR_MISS[raw]]
        return word, 'near-miss', implied
    return 'Unrecognised', 'unrecognised', None


def read_rating_word(raw):
    if raw is None or raw.strip() == '':
        return 'Unrated', 'empty'
    n = re.sub(r'\s*/\s*', '/', normal(raw))
    if n in RATING_SPELLINGS:
        return RATING_SPELLINGS[n], 'exact'
    if n in RATING_LETTERS:
        return RATING_LETTERS[n], 'letter'
    return 'Unrecognised', 'unrecognised'


def check_vocabulary(raws):
    """Every near miss is a slip of exactly one spelling; no unrecognised word is within a slip of one."""
    for raw in raws:
        if not isinstance(raw, str) or not raw.strip():
            continue
        word, how, _ = read_progress(raw)
        close = near_spellings(raw)
        if how == 'near-miss':
            assert close == [NEAR_MISS[raw]], (raw, close)
        elif how == 'unrecognised':
            assert not close, ('unrecognised word is a near miss of', raw, close)


def worse(a, b):
    """The worse of two RAGs (None for no rating)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if RATING_ORDER.index(a) >= RATING_ORDER.index(b) else b


# ======================================================================================
# Fills: a rating read from a cell's colour
# ======================================================================================

# openpyxl's default theme (Office 2007): theme indexes 4-9 are accent1-6.
THEME_RGB = {4: '4F81BD', 5: 'C0504D', 6: '9BBB59', 7: '8064A2', 8: '4BACC6', 9: 'F79646'}

# the solid fills a tracker's RAG column holds, and what a performance officer reads them as
RAG_FILLS = {'FF0000': 'Red', 'C00000': 'Red', 'FFC000': 'Amber', 'FFBF00': 'Amber', '00B050': 'Green',
             '92D050': 'Green', '0070C0': 'Blue', '00B0F0': 'Blue'}


def apply_tint(rgb, tint):
    """A theme colour with a tint, as ECMA-376 (18.8.19) defines it: the HLS luminance moved towards
    black (tint < 0) or white (tint > 0), kept as a real number until the final RGB. This is what
    LibreOffice computes (accent6 darker 25% is E46C0A in both); Excel's own integer HLS may differ
    by a unit or two per channel, so a test should compare a tinted fill by its rating."""
    if not tint:
        return rgb
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, l, s = colorsys.rgb_to_hls(r, g, b)
    l = l * (1.0 + tint) if tint < 0 else l * (1.0 - tint) + tint
    r, g, b = colorsys.hls_to_rgb(h, l, s)
    return '%02X%02X%02X' % tuple(int(round(x * 255)) for x in (r, g, b))


class Fill:
    """A solid cell fill: an RGB, a theme colour (with a tint) or an indexed colour, and the
    rating a person reads it as."""

    def __init__(self, rating, rgb=None, theme=None, tint=0.0, indexed=None):
        self.rating, self.theme, self.tint, self.indexed = rating, theme, tint, indexed
        self.source = None       # how the colour is stored when it is not a plain RGB
        if rgb:
            self.rgb, self.color = rgb, Color(rgb='FF' + rgb)
            if rgb in RAG_FILLS:
                assert RAG_FILLS[rgb] == rating, (rgb, rating)
        elif theme is not None:
            self.rgb, self.color = apply_tint(THEME_RGB[theme], tint), Color(theme=theme, tint=tint)
            self.source = 'theme %d (accent%d)%s' % (theme, theme - 3, ', tint %g' % tint if tint else '')
        else:
            self.rgb, self.color = COLOR_INDEX[indexed][2:], Color(indexed=indexed)
            self.source = 'indexed %d' % indexed
        assert hue_rating(self.rgb) == rating, ('colour does not look like its rating', self.rgb, rating)

    def pattern(self):
        return PatternFill(patternType='solid', fgColor=self.color, bgColor=Color(indexed=64))

    @property
    def hex(self):
        return '#' + self.rgb


class Plain:
    """A fill that is no rating (a heading band, a logo), written the way Fill is."""

    def __init__(self, rgb):
        self.rgb = rgb

    def pattern(self):
        return PatternFill(patternType='solid', fgColor=Color(rgb='FF' + self.rgb), bgColor=Color(indexed=64))


def hue_rating(rgb):
    """A sanity check of the ratings given to non-standard colours: the RAG nearest in hue."""
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, _, s = colorsys.rgb_to_hls(r, g, b)
    deg = h * 360
    if s < 0.2:
        return None
    if deg < 20 or deg >= 330:
        return 'Red'
    if deg < 55:
        return 'Amber'
    if deg < 170:
        return 'Green'
    if deg < 250:
        return 'Blue'
    return None


def F(name):
    """The standard fills by name, e.g. F('red'), F('amber2')."""
    return {'red': Fill('Red', 'FF0000'), 'red2': Fill('Red', 'C00000'), 'amber': Fill('Amber', 'FFC000'),
            'amber2': Fill('Amber', 'FFBF00'), 'green': Fill('Green', '00B050'), 'green2': Fill('Green', '92D050'),
            'blue': Fill('Blue', '0070C0'), 'blue2': Fill('Blue', '00B0F0')}[name]


# ======================================================================================
# Columns, actions and work streams
# ======================================================================================

class C:
    """A column of a tracker table.

    role: id, action, progress (commentary), status, rating, percent, target (the revised or only
          target), target_orig (an original target beside a revised one), start, raised, meeting,
          closed (dates that are never targets), owner, support, priority, milestones, group, and x, x2,
          x3 ... (columns Ragbook does not know).
    group: text of the merged cell above this column in a two-row header.
    mode:  percent 'fraction' | 'int' | 'text'; status 'yn' (a Done? Y/N column).
    """

    def __init__(self, role, header, width=None, group=None, mode=None):
        self.role, self.header, self.width, self.group, self.mode = role, header, width, group, mode


DATE_ROLES = ('target', 'target_orig', 'start', 'raised', 'meeting', 'closed')

# What a performance officer counts a Done? (Y/N) cell as: Y is done; N is an open action.
YES_NO = {'Y': ('Completed', None), 'N': ('In progress', None)}


def percent_of(raw, mode):
    """The fraction a percent-complete cell holds, or None when it is empty."""
    if raw is None or raw == '':
        return None
    if mode == 'fraction':
        return float(raw)
    if mode == 'int':
        return raw / 100
    m = re.fullmatch(r'\s*(\d+(?:\.\d+)?)\s*%\s*', raw)
    assert m, raw
    return float(m.group(1)) / 100


def percent_word(p):
    return 'Completed' if p >= 1 else 'Not started' if p <= 0 else 'In progress'


class Action:
    def __init__(self, row):
        self.row, self.rows = row, [row]
        self.id = None
        self.progress = None        # (word, how, implied) counted for progress
        self.rating = None          # (word, how) declared rating
        self.target = None          # target_truth dict of the target cell(s)
        self.slip = None
        self.hidden = False


class UStream(Stream):
    """A work stream of the unseen corpus: its truth follows DESIGN.md's rules and vocabulary."""

    def __init__(self, title, sheet):
        super().__init__(title, sheet)
        self.actions = []
        self.header_rows = []
        self.table_range = None
        self.columns = {}
        self.cells = []             # status_cells entries
        self.percent_column = None
        self.target_column = None

    # ---- counts -------------------------------------------------------------------------
    def counts(self):
        c = {k: 0 for k in COUNT_FIELDS}
        key = {'Completed': 'completed', 'In progress': 'inProgress', 'Static': 'static', 'Not started': 'notStarted',
               'Withdrawn': 'withdrawn', 'Unrecognised': 'unrecognised', 'No status': 'noStatus'}
        for a in self.actions:
            c['total'] += 1
            if self.kind in ('progress', 'both'):
                c[key[a.progress[0]]] += 1
            elif self.kind == 'neither':
                c['noStatus'] += 1
        return c

    def rating_counts(self):
        r = {k: 0 for k in ['blue', 'green', 'amber', 'red', 'amberGreen', 'amberRed', 'unrated']}
        for a in self.actions:
            r[RATING_KEY[a.rating[0]] if self.kind in ('ratings', 'both') else 'unrated'] += 1
        return r

    def done(self, a):
        if self.kind in ('progress', 'both'):
            return a.progress[0] in ('Completed', 'Withdrawn')
        return self.kind == 'ratings' and a.rating[0] == 'Blue'

    def overdue_days(self, a):
        if a.target is None or a.target['final'] is None or self.done(a):
            return None
        due = D.fromisoformat(a.target['final'])
        return (AS_OF - due).days if due < AS_OF else None

    def dates(self):
        overdue, due_soon, worst = 0, 0, 0
        for a in self.actions:
            if a.target is None or a.target['final'] is None or self.done(a):
                continue
            due = D.fromisoformat(a.target['final'])
            if due < AS_OF:
                overdue += 1
                worst = max(worst, (AS_OF - due).days)
            elif (due - AS_OF).days <= DUE_SOON_DAYS:
                due_soon += 1     # due today is not overdue yet, but it is due soon
        return overdue, due_soon, worst

    # ---- RAG ----------------------------------------------------------------------------
    def derived(self, has_progress):
        c = self.counts()
        overdue, _, worst = self.dates()
        counting = c['total'] - c['withdrawn']
        if not has_progress and not any(a.target and a.target['final'] for a in self.actions):
            return 'Not rated'            # nothing to judge: no status and no readable date
        if has_progress and c['completed'] == counting:
            return 'Blue'
        if worst > RED_OVERDUE_DAYS:
            return 'Red'
        if has_progress and c['static'] * 4 >= counting:
            return 'Red'
        if overdue or c['static'] or c['unrecognised'] or (has_progress and c['noStatus']):
            return 'Amber'
        return 'Green'

    def rag(self):
        c = self.counts()
        if c['total'] - c['withdrawn'] == 0:
            return 'Not rated'            # no actions, or every one withdrawn
        declared = None
        if self.kind in ('ratings', 'both'):
            for a in self.actions:
                if a.rating[0] in RATING_ORDER:
                    declared = worse(declared, a.rating[0])
        implied = None
        if self.kind in ('progress', 'both'):
            for a in self.actions:
                implied = worse(implied, a.progress[2])
        if self.kind == 'ratings':
            rag = declared if declared else self.derived(False)
        elif self.kind == 'both':
            rag = worse(self.derived(True), declared)
        else:
            rag = self.derived(self.kind == 'progress')
        if rag == 'Not rated':
            return rag
        return worse(rag, implied)        # never better than the worst rating the words imply

    # ---- truth --------------------------------------------------------------------------
    def truth(self):
        overdue, due_soon, _ = self.dates()
        # a rating better than Red on an action overdue by more than the red threshold (ratings only)
        if self.kind == 'ratings':
            for a in self.actions:
                days = self.overdue_days(a)
                if days is not None and days > RED_OVERDUE_DAYS and a.rating[0] in RATING_ORDER[:-1]:
                    for e in self.cells:
                        if e['cell'] == a.rating_cell:
                            e.setdefault('warning', 'rating.overdue')
        return {
            'title': self.title, 'sheet': self.sheet, 'header_row': self.header_row,
            'header_rows': self.header_rows, 'table_range': self.table_range, 'columns': self.columns,
            'action_rows': [a.row for a in self.actions], 'ids': [a.id for a in self.actions], 'kind': self.kind,
            'counts': self.counts(), 'ratings': self.rating_counts(), 'overdue': overdue, 'due_soon': due_soon,
            'rag': self.rag(), 'stated': self.stated,
            'targets': [a.target for a in self.actions if a.target is not None],
            'status_cells': self.cells,
            'percent_complete_column': self.percent_column, 'target_column': self.target_column,
            'slips': [a.slip for a in self.actions if a.slip], 'no_target': bool(self.actions) and not self.target_column,
            'hidden_rows': [r for a in self.actions if a.hidden for r in a.rows],
            'merged_actions': [{'row': a.row, 'rows': a.rows} for a in self.actions if len(a.rows) > 1],
        }


# ======================================================================================
# Sheets and books
# ======================================================================================

class USheet(Sheet):
    """A sheet of the unseen corpus: its own font, column widths, and tracker tables with every
    role DESIGN.md names."""

    def __init__(self, book, ws):
        super().__init__(book, ws)
        self.percent_of_counting = True     # hand-typed percentages are of the actions that still count
        self.font = book.font

    def put(self, r, c, v, bold=False, wrap=False, fmt=None, text=False, size=None, fill=None, italic=False):
        cell = super().put(r, c, v, wrap=wrap, fmt=fmt, text=text)
        name, sz = self.font
        cell.font = Font(name=name, size=size or sz, bold=bold, italic=italic)
        if fill is not None:
            cell.fill = fill.pattern()
        return cell

    def widths(self, first_col, widths):
        for i, w in enumerate(widths):
            if w:
                self.ws.column_dimensions[get_column_letter(first_col + i)].width = w

    # ---- blocks that are not trackers -------------------------------------------------------
    def block(self, row, col, headers, rows, kind='unread', bold=True, fmts=None):
        """A table-like block (a header of text cells over filled rows) that is not a tracker:
        recorded as unread, or as a legend (kind='legend'). Returns its range."""
        for i, h in enumerate(headers):
            self.put(row, col + i, h, bold=bold)
        for j, vals in enumerate(rows, start=1):
            for i, v in enumerate(vals):
                if v is None:
                    continue
                if isinstance(v, Fill):
                    self.put(row + j, col + i, None, fill=v)
                    continue
                if isinstance(v, tuple):          # a word on its colour
                    self.put(row + j, col + i, v[0], fill=v[1])
                    continue
                fmt = (fmts or {}).get(i)
                self.put(row + j, col + i, v, fmt=fmt, wrap=isinstance(v, str) and len(v) > 45)
        rng = '%s:%s' % (a1(row, col), a1(row + len(rows), col + len(headers) - 1))
        (self.book.unread if kind == 'unread' else self.book.legends).append({'sheet': self.ws.title, 'range': rng})
        return rng

    def legend_lines(self, row, col, lines, fills=None):
        """A key typed one entry per cell ('Blue = complete'), not table-like; recorded as a legend."""
        for i, text in enumerate(lines):
            self.put(row + i, col, text, bold=(i == 0 and not fills), fill=(fills or {}).get(i))
        rng = '%s:%s' % (a1(row, col), a1(row + len(lines) - 1, col))
        self.book.legends.append({'sheet': self.ws.title, 'range': rng})
        return rng

    # ---- tracker tables -----------------------------------------------------------------------
    def tracker(self, title, cols, rows, col=None, row=None, excel_table=None, autofilter=None,
                wrap_headers=False, header_fill=None):
        """Writes a tracker table and records its truth; returns its work streams in order.

        rows: dicts by role; ('heading', text, merge[, fill]) starts a work stream; ('parent', text,
        merge[, fill]) is a heading directly over other headings; ('note', text) and ('blank',) are
        neither. An action dict may hold 'hidden': True, and 'sub': [dicts] for an
        action whose number and text are merged over one row per milestone (the sub dicts give
        the per-row cells, such as milestones and target).
        """
        col = col or self.default_col
        top = row or self.row
        two_rows = any(c.group for c in cols)
        header_row = top + 1 if two_rows else top
        # header: a group text merged over its columns; other headers merged down both rows
        i = 0
        while i < len(cols):
            c = cols[i]
            if two_rows and c.group:
                j = i
                while j + 1 < len(cols) and cols[j + 1].group == c.group:
                    j += 1
                self.put(top, col + i, c.group, bold=True, fill=header_fill)
                if j > i:
                    self.ws.merge_cells(start_row=top, start_column=col + i, end_row=top, end_column=col + j)
                for k in range(i, j + 1):
                    self.put(header_row, col + k, cols[k].header, bold=True, fill=header_fill)
                i = j + 1
                continue
            self.put(top, col + i, c.header, bold=True, wrap=wrap_headers or '\n' in c.header, fill=header_fill)
            if two_rows:
                self.ws.merge_cells(start_row=top, start_column=col + i, end_row=header_row, end_column=col + i)
            i += 1
        self.widths(col, [c.width for c in cols])
        rc = {c.role: col + i for i, c in enumerate(cols)}
        spec = {c.role: c for c in cols}
        has_status, has_rating, has_pct = 'status' in rc, 'rating' in rc, 'percent' in rc
        kind = ('both' if has_rating else 'progress') if (has_status or has_pct) else (
            'ratings' if has_rating else 'neither')
        target_col = rc.get('target', rc.get('target_orig'))
        columns = {c.role: get_column_letter(col + i) for i, c in enumerate(cols) if not c.role.startswith('x')}
        last_col = col + len(cols) - 1
        streams, by_group = [], {}

        def new_stream(t):
            s = UStream(t, self.ws.title)
            s.header_row, s.header_rows, s.kind = header_row, [top, header_row] if two_rows else [header_row], kind
            s.columns = columns
            s.percent_column = columns.get('percent')
            s.target_column = get_column_letter(target_col) if target_col else None
            streams.append(s)
            return s

        cur = new_stream(title) if title is not None and 'group' not in rc else None
        last_group = None
        r = header_row + 1
        for rw in rows:
            if isinstance(rw, tuple):
                if rw[0] == 'note':
                    self.put(r, col, rw[1], italic=True)
                elif rw[0] == 'parent':
                    # a heading over headings: no actions of its own, so a note (DESIGN.md, shape 5)
                    self.put(r, col, rw[1], bold=True, fill=rw[3] if len(rw) > 3 else None)
                    if rw[2]:
                        self.ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=last_col)
                elif rw[0] == 'heading':
                    self.put(r, col, rw[1], bold=True, fill=rw[3] if len(rw) > 3 else None)
                    if rw[2]:
                        self.ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=last_col)
                    cur = new_stream(rw[1])
                r += 1
                continue
            if 'group' in rc:
                g = rw.get('group')
                if g is not None:
                    self.put(r, rc['group'], g)
                    last_group = g
                else:
                    g = last_group
                if g not in by_group:
                    by_group[g] = new_stream(g if g is not None else title)
                cur = by_group[g]
            subs = rw.get('sub') or [{}]
            n = len(subs)
            a = Action(r)
            a.rows = list(range(r, r + n))
            a.hidden = bool(rw.get('hidden'))
            for role, c in rc.items():
                if role == 'group':
                    continue
                per_row = any(role in s for s in subs)
                vals = [s.get(role) for s in subs] if per_row else [rw.get(role)]
                for k, v in enumerate(vals):
                    self.write_value(r + k, c, role, v, spec[role])
                if not per_row and n > 1 and rw.get(role) is not None:
                    self.ws.merge_cells(start_row=r, start_column=c, end_row=r + n - 1, end_column=c)
            if a.hidden:
                for k in range(n):
                    self.ws.row_dimensions[r + k].hidden = True
            self.record(a, rw, subs, rc, spec)
            cur.actions.append(a)
            cur.cells.extend(a.row_cells)
            r += n
        end = r - 1
        rng = '%s:%s' % (a1(top, col), a1(end, last_col))
        for s in streams:
            s.table_range = rng
        if excel_table:
            t = Table(displayName=excel_table, ref=rng)
            t.tableStyleInfo = TableStyleInfo(name='TableStyleMedium2', showRowStripes=True)
            self.ws.add_table(t)
        if autofilter is not None:
            self.ws.auto_filter.ref = '%s:%s' % (a1(header_row, col), a1(end, last_col))
            for role, shown in autofilter.items():
                self.ws.auto_filter.add_filter_column(rc[role] - col, shown)
        self.row = max(self.row, end + 1)
        self.book.streams.extend(streams)
        self.since_summary.extend(streams)
        return streams

    def write_value(self, r, c, role, v, spec):
        if v is None:
            return
        if role in DATE_ROLES:
            if isinstance(v.value, str):
                self.put(r, c, v.value, wrap='\n' in v.value, text=True)
            else:
                self.put(r, c, v.value, fmt=v.fmt)
        elif role == 'rating':
            if isinstance(v, Fill):
                self.put(r, c, None, fill=v)
            elif isinstance(v, tuple):
                self.put(r, c, v[0], fill=v[1])
            else:
                self.put(r, c, v)
        elif role == 'percent':
            self.put(r, c, v, fmt='0%' if spec.mode == 'fraction' else None)
        elif role == 'id' and isinstance(v, str):
            self.put(r, c, v, text=True)
        elif isinstance(v, str):
            self.put(r, c, v, wrap=len(v) > 40 or '\n' in v)
        else:
            self.put(r, c, v)

    def record(self, a, rw, subs, rc, spec):
        """The truth of one action row, from the values just written."""
        r = a.row
        v = rw.get('id')
        a.id = None if v in (None, '') else str(v)
        cells = []
        status = None
        if 'status' in rc:
            raw = rw.get('status')
            cell = a1(r, rc['status'])
            if spec['status'].mode == 'yn':
                word, implied = YES_NO[raw] if raw in YES_NO else ('No status', None) if not raw else (
                    'Unrecognised', None)
                how = 'yes-no' if raw in YES_NO else 'empty' if not raw else 'unrecognised'
            else:
                word, how, implied = read_progress(raw)
            status = (word, how, implied)
            e = {'cell': cell, 'raw': raw if raw is not None else '', 'how': how, 'word': word, 'dimension': 'progress'}
            if implied:
                e['implied'] = implied
            cells.append(e)
        if 'percent' in rc:
            raw = rw.get('percent')
            p = percent_of(raw, spec['percent'].mode)
            cell = a1(r, rc['percent'])
            if p is None:
                e = {'cell': cell, 'raw': '', 'how': 'empty', 'word': 'No status', 'dimension': 'percent',
                     'percent': None}
                pword = 'No status'
            else:
                pword = percent_word(p)
                e = {'cell': cell, 'raw': raw, 'how': 'percent', 'word': pword, 'dimension': 'percent',
                     'percent': round(p, 4)}
            if status is None:
                status = (pword, e['how'], None)
            elif p is not None and contradicts(status[0], p):
                e['warning'] = 'status.percent-mismatch'   # the status is counted
            cells.append(e)
        a.progress = status
        if 'rating' in rc:
            raw = rw.get('rating')
            cell = a1(r, rc['rating'])
            a.rating_cell = cell
            if isinstance(raw, Fill):
                a.rating = (raw.rating, 'colour')
                e = {'cell': cell, 'raw': None, 'how': 'colour', 'word': raw.rating, 'dimension': 'colour',
                     'fill': raw.hex}
                if raw.source:
                    e['fill_source'] = raw.source
                cells.append(e)
            else:
                fill = None
                if isinstance(raw, tuple):
                    raw, fill = raw
                word, how = read_rating_word(raw)
                a.rating = (word, how)
                e = {'cell': cell, 'raw': raw if raw is not None else '', 'how': how, 'word': word,
                     'dimension': 'rating'}
                if fill is not None:
                    e['fill'] = fill.hex
                    if fill.rating != word:
                        e['warning'] = 'rating.fill-mismatch'   # the word counts
                cells.append(e)
        a.row_cells = cells
        # target: the revised (or only) target column; an empty revised cell falls back to the original
        read = {}
        for role in ('target', 'target_orig'):
            if role not in rc:
                continue
            per_row = any(role in s for s in subs)
            vals = [s.get(role) for s in subs] if per_row else [rw.get(role)]
            cell = a1(r, rc[role]) if len(vals) == 1 else '%s:%s' % (a1(r, rc[role]), a1(r + len(vals) - 1, rc[role]))
            if all(x is None for x in vals):
                read[role] = (None, cell)
                continue
            present = [x for x in vals if x is not None]
            if len(present) == 1:
                t = present[0]
            else:
                # one milestone per merged row: a list of dates, the latest the final target; the raw
                # is each row's cell as quoted (text as typed, a date as its ISO day), one per line
                t = T('\n'.join(x.value if isinstance(x.value, str) else x.value.date().isoformat() for x in present),
                      [p for x in present for p in x.parts])
            for k, e in t.parts:
                if k == 'quarter' and e is None:
                    raise ValueError('quarter without a date')
            read[role] = (target_truth(t, cell), cell)
        revised = read.get('target', (None, None))[0]
        original = read.get('target_orig', (None, None))[0]
        if revised or original:
            a.target = revised or original
        elif read:
            # the target cell is empty: recorded (as the variant truth does), read as no date
            a.target = target_truth(None, read.get('target', read.get('target_orig'))[1])
        if revised and original and revised['final'] and original['final'] and revised['final'] != original['final']:
            d0, d1 = D.fromisoformat(original['final']), D.fromisoformat(revised['final'])
            a.slip = {'cell': revised['cell'], 'from': original['final'], 'to': revised['final'],
                      'days': (d1 - d0).days}


def contradicts(word, p):
    """A status that contradicts its percent complete: Completed short of 100%, anything but
    Completed (or Withdrawn) at 100%, Not started above 0%. In progress at 0% is no contradiction
    (work often starts before the first percentage is typed)."""
    if word == 'Completed':
        return p < 1
    if word in ('In progress', 'Static', 'Not started') and p >= 1:
        return True
    return word == 'Not started' and p > 0


class UBook(Book):
    def __init__(self, name, first_sheet, font=('Calibri', 11), google=False):
        self.font = font
        super().__init__(name, first_sheet)
        # the first sheet was made by Book with the variant Sheet class: make it a USheet
        self.sheets = [USheet(self, self.wb.active)]
        self.unread, self.legends, self.judgement = [], [], []
        self.google = google
        self.notes = []            # what the README says this file varies

    def sheet(self, title, hidden=False):
        ws = self.wb.create_sheet(title)
        if hidden:
            ws.sheet_state = 'hidden'
        s = USheet(self, ws)
        self.sheets.append(s)
        return s

    def judge(self, sheet, field, note, stream=None, cell=None):
        """An expectation that is a performance officer's judgement, not a rule of DESIGN.md."""
        e = {'sheet': sheet, 'stream': stream, 'field': field, 'note': note}
        if cell:
            e['cell'] = cell
        self.judgement.append(e)

    def save(self, out):
        path = os.path.join(out, self.name)
        if self.google:
            google_export(self.wb, path)
        else:
            save_deterministic(self.wb, path)
        return {'date1904': self.date1904, 'workstreams': [s.truth() for s in self.streams],
                'overall': overall(self.streams), 'unread': self.unread, 'legends': self.legends,
                'judgement': self.judgement}


# ======================================================================================
# A workbook as Google Sheets exports it
# ======================================================================================

NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
GOOGLE_NS = ('xmlns="%s" xmlns:r="%s" xmlns:mx="http://schemas.microsoft.com/office/mac/excel/2008/main" '
             'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
             'xmlns:mv="urn:schemas-microsoft-com:mac:vml" '
             'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
             'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
             'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"') % (NS_MAIN, NS_R)
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'


def gnum(v):
    """Numbers as Google writes them: always with a decimal part (45930.0, 10.0)."""
    return repr(float(v))


def google_export(wb, path):
    """Writes wb the way Google Sheets' File > Download > Microsoft Excel does (as its exports look in
    the wild: the part names, namespaces, rIds and the empty drawing per sheet follow them): no
    docProps, no theme, no tables; shared strings; Arial 10 as the only font (bold where set);
    numbers and widths written as decimals (1.0, 12.63); dates as serial numbers under custom formats.
    Fills, merges and column widths are kept; openpyxl's own writer is not used at all."""
    sst, sst_index = [], {}
    fonts = ['<font><sz val="10.0"/><color rgb="FF000000"/><name val="Arial"/><scheme val="minor"/></font>',
             '<font><b/><sz val="10.0"/><color rgb="FF000000"/><name val="Arial"/><scheme val="minor"/></font>']
    fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="lightGray"/></fill>']
    numfmts, xfs = {}, ['<xf borderId="0" fillId="0" fontId="0" numFmtId="0" applyAlignment="1" applyFont="1"/>']
    xf_index = {}

    def style(cell):
        fmt = cell.number_format if cell.number_format not in ('General', '@') else None
        bold = bool(cell.font and cell.font.b)
        rgb = None
        if cell.fill is not None and cell.fill.fill_type == 'solid':
            assert cell.fill.fgColor.type == 'rgb', 'Google writes RGB fills only'
            rgb = cell.fill.fgColor.rgb
        wrap = bool(cell.alignment and cell.alignment.wrap_text)
        key = (fmt, bold, rgb, wrap)
        if key == (None, False, None, False):
            return 0
        if key not in xf_index:
            num_id = 0
            if fmt:
                if fmt not in numfmts:
                    numfmts[fmt] = 164 + len(numfmts)
                num_id = numfmts[fmt]
            fill_id = 0
            if rgb:
                fills.append('<fill><patternFill patternType="solid"><fgColor rgb="%s"/><bgColor rgb="%s"/>'
                             '</patternFill></fill>' % (rgb, rgb))
                fill_id = len(fills) - 1
            attrs = 'borderId="0" fillId="%d" fontId="%d" numFmtId="%d" xfId="0"' % (fill_id, int(bold), num_id)
            applies = (' applyAlignment="1"' + (' applyFill="1"' if rgb else '') + ' applyFont="1"' +
                       (' applyNumberFormat="1"' if fmt else ''))
            align = '<alignment shrinkToFit="0" vertical="bottom" wrapText="%d"/>' % int(wrap)
            xfs.append('<xf %s%s>%s</xf>' % (attrs, applies, align))
            xf_index[key] = len(xfs) - 1
        return xf_index[key]

    def sval(text):
        if text not in sst_index:
            sst_index[text] = len(sst)
            sst.append(text)
        return sst_index[text]

    sheets_xml = []
    for ws in wb.worksheets:
        rows = {}
        for (r, c), cell in sorted(ws._cells.items()):
            rows.setdefault(r, []).append(cell)
        out = []
        for r in sorted(rows):
            cells = []
            for cell in rows[r]:
                s = style(cell)
                v = cell.value
                ref = cell.coordinate
                sattr = ' s="%d"' % s if s else ''
                if v is None:
                    if s:
                        cells.append('<c r="%s"%s/>' % (ref, sattr))
                elif isinstance(v, str):
                    cells.append('<c r="%s"%s t="s"><v>%d</v></c>' % (ref, sattr, sval(v)))
                elif isinstance(v, (datetime.datetime, datetime.date)):
                    cells.append('<c r="%s"%s><v>%s</v></c>' % (ref, sattr, gnum(to_excel(v))))
                else:
                    cells.append('<c r="%s"%s><v>%s</v></c>' % (ref, sattr, gnum(v)))
            out.append('<row r="%d">%s</row>' % (r, ''.join(cells)))
        cols = ''.join('<col customWidth="1" min="%d" max="%d" width="%s"/>' % (
            openpyxl.utils.column_index_from_string(k), openpyxl.utils.column_index_from_string(k),
            gnum(round(d.width, 2)))
            for k, d in sorted(ws.column_dimensions.items(),
                               key=lambda kv: openpyxl.utils.column_index_from_string(kv[0])) if d.width)
        merges = ''.join('<mergeCell ref="%s"/>' % m.coord for m in ws.merged_cells.ranges)
        sheets_xml.append(
            XML_HEAD + '<worksheet %s><sheetPr><outlinePr summaryBelow="0" summaryRight="0"/></sheetPr>'
            '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr customHeight="1" defaultColWidth="12.63" defaultRowHeight="15.75"/>%s'
            '<sheetData>%s</sheetData>%s<drawing r:id="rId1"/></worksheet>' % (
                GOOGLE_NS, '<cols>%s</cols>' % cols if cols else '', ''.join(out),
                '<mergeCells count="%d">%s</mergeCells>' % (len(ws.merged_cells.ranges), merges) if merges else ''))
    styles = (XML_HEAD + '<styleSheet xmlns="%s" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
              'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' % NS_MAIN +
              ('<numFmts count="%d">%s</numFmts>' % (len(numfmts), ''.join(
                  '<numFmt numFmtId="%d" formatCode="%s"/>' % (i, escape(f, {'"': '&quot;'}))
                  for f, i in numfmts.items())) if numfmts else '') +
              '<fonts count="%d">%s</fonts>' % (len(fonts), ''.join(fonts)) +
              '<fills count="%d">%s</fills>' % (len(fills), ''.join(fills)) +
              '<borders count="1"><border><left/><right/><top/><bottom/></border></borders>'
              '<cellStyleXfs count="1"><xf borderId="0" fillId="0" fontId="0" numFmtId="0" applyAlignment="1" '
              'applyFont="1"/></cellStyleXfs>' +
              '<cellXfs count="%d">%s</cellXfs>' % (len(xfs), ''.join(xfs)) +
              '<cellStyles count="1"><cellStyle xfId="0" name="Normal" builtinId="0"/></cellStyles>'
              '<dxfs count="0"/></styleSheet>')
    sst_xml = (XML_HEAD + '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' % (
        NS_MAIN, len(sst), len(sst), ''.join('<si><t xml:space="preserve">%s</t></si>' % escape(t) for t in sst)))
    n = len(sheets_xml)
    workbook = (XML_HEAD + '<workbook %s><workbookPr/><sheets>%s</sheets><definedNames/><calcPr/></workbook>' % (
        GOOGLE_NS, ''.join('<sheet state="%s" name="%s" sheetId="%d" r:id="rId%d"/>' % (
            'hidden' if ws.sheet_state == 'hidden' else 'visible', escape(ws.title, {'"': '&quot;'}), i + 1, i + 3)
            for i, ws in enumerate(wb.worksheets))))
    wb_rels = (XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="%sstyles" Target="styles.xml"/>'
               '<Relationship Id="rId2" Type="%ssharedStrings" Target="sharedStrings.xml"/>' % (REL, REL) +
               ''.join('<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>' % (i + 3, REL, i + 1)
                       for i in range(n)) + '</Relationships>')
    root_rels = (XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>' % REL)
    ct = (XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default ContentType="application/xml" Extension="xml"/>'
          '<Default ContentType="application/vnd.openxmlformats-package.relationships+xml" Extension="rels"/>' +
          ''.join('<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" '
                  'PartName="/xl/worksheets/sheet%d.xml"/>' % (i + 1) for i in range(n)) +
          '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" '
          'PartName="/xl/sharedStrings.xml"/>' +
          ''.join('<Override ContentType="application/vnd.openxmlformats-officedocument.drawing+xml" '
                  'PartName="/xl/drawings/drawing%d.xml"/>' % (i + 1) for i in range(n)) +
          '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" '
          'PartName="/xl/styles.xml"/>'
          '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" '
          'PartName="/xl/workbook.xml"/></Types>')
    drawing = (XML_HEAD + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="%s" '
               'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
               'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
               'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"/>' % NS_R)
    parts = [('[Content_Types].xml', ct), ('_rels/.rels', root_rels), ('xl/_rels/workbook.xml.rels', wb_rels),
             ('xl/workbook.xml', workbook), ('xl/styles.xml', styles), ('xl/sharedStrings.xml', sst_xml)]
    for i in range(n):
        parts.append(('xl/worksheets/sheet%d.xml' % (i + 1), sheets_xml[i]))
        parts.append(('xl/worksheets/_rels/sheet%d.xml.rels' % (i + 1),
                      XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                      '<Relationship Id="rId1" Type="%sdrawing" Target="../drawings/drawing%d.xml"/>'
                      '</Relationships>' % (REL, i + 1)))
        parts.append(('xl/drawings/drawing%d.xml' % (i + 1), drawing))
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            z.writestr(zi, text.encode('utf-8'))


__all__ = ['AS_OF', 'Action', 'C', 'D', 'F', 'Fill', 'Plain', 'T', 'UBook', 'USheet', 'UStream', 'a1',
           'check_vocabulary', 'read_progress', 'read_rating_word', 'worse']
