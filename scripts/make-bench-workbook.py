"""Generates a large tracker workbook for `npm run bench` (and the fault tests).

    /usr/bin/python3 scripts/make-bench-workbook.py OUT.xlsx [--actions 50000] [--sheets 20] [--seed 1]

Each sheet holds several work-stream blocks of the shape DESIGN.md describes
(shape 1, "work-stream blocks on one sheet"):

    Work stream 7: Improving triage                      <- title row
    Appendix B                                           <- stray label row (some blocks)
    No | Action | Progress at 30 June 2025 | Status | Target date | Delivery lead
    1  | <40-200 chars> | <60-600 chars> | Completed | 31/03/2025 (a real date) | Ruth Penhale
    ...                                                  <- blank rows and note rows now and then
    (blank row)
         | Completed | In progress | Static | Total     <- the hand-typed summary block
    Number | n | n | n | n
    Percentage | 0.57 | 0.29 | 0.14 |

Sub-streams (`4a`, `4b`) sometimes share one summary block; about one summary in
twelve is stale (one count off). Statuses are mostly canonical, with synonyms,
typos, odd case and spacing, unrecognised words and empties; target dates are
real Excel dates or text (`March 2025`, `w/c 14 April 2025`, `Q2 2025/26`, `TBC`,
`End March 2026`, milestone lists one per line, now and then an impossible
`31/02/2025`).

The output is deterministic: the same arguments give the same bytes (seeded
random numbers, fixed document properties and zip timestamps). openpyxl's
write-only mode keeps it fast: 50,000 actions take a few seconds.
"""
import argparse
import datetime
import os
import random
import sys
import zipfile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FIXED_TIME = datetime.datetime(2025, 9, 30, 9, 0, 0)

THEMES = [
    'Improving triage', 'Safeguarding adults practice', 'Front door', 'Assessment and review',
    'Workforce and training', 'Carers support', 'Commissioning and market', 'Quality assurance',
    'Hospital discharge', 'Prevention and wellbeing', 'Mental health pathways', 'Transitions',
    'Digital records', 'Performance and data', 'Co-production', 'Housing with care',
]
VERBS = [
    'Review', 'Redesign', 'Publish', 'Introduce', 'Train', 'Audit', 'Agree', 'Embed', 'Refresh',
    'Set up', 'Measure', 'Create', 'Consult on', 'Pilot', 'Roll out', 'Evaluate', 'Report on',
]
OBJECTS = [
    'the adult social care front door', 'caseload allocation', 'the carers strategy',
    'the safeguarding referral form', 'a plain-English directory of services',
    'the call-back procedure for the contact centre', 'supervision records',
    'the quality assurance framework', 'the hospital discharge pathway',
    'the short-breaks offer', 'the waiting list for occupational therapy assessments',
    'mental capacity assessments', 'the transitions protocol with children\'s services',
    'direct payments guidance', 'the annual review backlog', 'the market position statement',
]
TAILS = [
    'with partners', 'across all localities', 'so that residents get a reply within two working days',
    'and share the learning with team managers', 'in line with the inspection findings',
    'with people who use services and their carers', 'by the end of the year', '',
    'using the new case management system', 'and report progress to the improvement board monthly',
]
PROGRESS_BITS = [
    'Draft shared with the carers forum.', 'Backlog reduced by a third since April.',
    'Two of three cohorts trained; the last cohort is booked for the autumn.',
    'Delayed by the system upgrade; new date agreed with the programme board.',
    'Monthly report in place and reviewed at the performance meeting.',
    'Awaiting sign-off by the director.', 'No update this quarter.',
    'Funding approved; provider to be appointed through the framework.',
    'Audit of 40 cases completed; findings presented to the safeguarding board.',
    'Staff survey shows improved confidence (68% up from 52%).',
    'Policy rewritten with input from frontline staff and the principal social worker.',
    'Pilot running in the North locality; evaluation due at the end of the pilot.',
    'Recruitment to two posts under way.', 'See the separate action plan for details.',
    'Completed ahead of schedule.', 'Work paused while the restructure is consulted on.',
]
LEADS = [
    'Ruth Penhale', 'Owen Tregear', 'Priya Nair', 'Daniel Okafor', 'Helen Marsh', 'Tom Whitfield',
    'Aisha Rahman', 'Gareth Llewellyn', 'Sinead O\'Brien', 'Head of Adult Social Care',
    'Principal Social Worker', 'Service Manager, Localities', 'Joanna Kowalska', 'Mark Evans',
]
# (text written, the word it means in a hand-typed summary, weight)
STATUSES = [
    ('Completed', 'Completed', 340), ('In progress', 'In progress', 260), ('Static', 'Static', 80),
    ('Not started', 'Not started', 60),
    ('complete', 'Completed', 20), ('Done', 'Completed', 10), ('COMPLETED', 'Completed', 8),
    ('Completed ', 'Completed', 8), ('Achieved', 'Completed', 5),
    ('Ongoing', 'In progress', 15), ('in-progress', 'In progress', 12), ('In  progress', 'In progress', 5),
    ('On track', 'In progress', 6), ('Underway', 'In progress', 4),
    ('On hold', 'Static', 6), ('Stalled', 'Static', 4), ('Planned', 'Not started', 6),
    ('In progess', 'In progress', 6), ('Compelted', 'Completed', 4), ('Statc', 'Static', 2),
    ('See note', None, 3), ('?', None, 2), ('Awaiting update', None, 3),
    ('', None, 10),
]
STATUS_CUM = []
_total = 0
for _s in STATUSES:
    _total += _s[2]
    STATUS_CUM.append(_total)

MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
          'October', 'November', 'December']


def pick_status(rng):
    x = rng.random() * _total
    for s, cum in zip(STATUSES, STATUS_CUM):
        if x < cum:
            return s
    return STATUSES[0]


def sentence(rng, lo, hi, bits):
    out = []
    n = 0
    target = rng.randint(lo, hi)
    while n < target:
        b = rng.choice(bits)
        out.append(b)
        n += len(b) + 1
    return ' '.join(out)


def action_text(rng):
    text = '%s %s %s' % (rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS))
    text = text.strip()
    if rng.random() < 0.3:
        text += '; ' + rng.choice(VERBS).lower() + ' ' + rng.choice(OBJECTS)
    return text[:200]


def target_value(rng, base):
    """A target date: a real date half the time, else text in one of DESIGN.md's shapes."""
    day = base + datetime.timedelta(days=rng.randint(-400, 500))
    x = rng.random()
    if x < 0.5:
        return day, 'dd/mm/yyyy'
    if x < 0.58:
        return '%s %d' % (MONTHS[day.month - 1], day.year), None
    if x < 0.64:
        monday = day - datetime.timedelta(days=day.weekday())
        return 'w/c %d %s %d' % (monday.day, MONTHS[monday.month - 1], monday.year), None
    if x < 0.71:
        fy = day.year if day.month >= 4 else day.year - 1
        q = ((day.month - 4) % 12) // 3 + 1
        return 'Q%d %d/%02d' % (q, fy, (fy + 1) % 100), None
    if x < 0.76:
        return rng.choice(['TBC', 'TBA', 'To be confirmed']), None
    if x < 0.81:
        return day.strftime('%d/%m/%Y'), None
    if x < 0.85:
        return 'End %s %d' % (MONTHS[day.month - 1], day.year), None
    if x < 0.89:
        return rng.choice(['Ongoing', 'On going', 'Quarterly', 'Monthly', 'In place']), None
    if x < 0.94:
        d2 = day + datetime.timedelta(days=rng.randint(20, 120))
        return '%s %d\n%s %d' % (MONTHS[day.month - 1][:3], day.year, MONTHS[d2.month - 1], d2.year), None
    if x < 0.97:
        return '%d%s %s %d' % (day.day, 'th' if 11 <= day.day <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day.day % 10, 'th'),
                               MONTHS[day.month - 1][:3], day.year), None
    if x < 0.985:
        return day.isoformat(), None
    if x < 0.993:
        return '31/02/%d' % day.year, None
    return '', None


def plan_blocks(rng, actions_on_sheet):
    """Block sizes for one sheet: several blocks, sizes varying around 250-700."""
    sizes = []
    left = actions_on_sheet
    while left > 0:
        n = min(left, rng.randint(150, 700))
        if 0 < left - n < 40:
            n = left
        sizes.append(n)
        left -= n
    return sizes


def bold(ws, value):
    c = WriteOnlyCell(ws, value=value)
    c.font = Font(bold=True)
    return c


def write_sheet(wb, rng, index, actions_on_sheet, stream_no):
    ws = wb.create_sheet('Plan %02d' % (index + 1))
    ws.column_dimensions['A'].width = 8
    ws.column_dimensions['B'].width = 50
    ws.column_dimensions['C'].width = 60
    ws.column_dimensions['D'].width = 14
    ws.column_dimensions['E'].width = 16
    ws.column_dimensions['F'].width = 24
    ws.append([bold(ws, 'Quarterly progress report')])
    ws.append(['Brackenmoor Borough Council: adult social care improvement plan'])
    ws.append([])
    base = datetime.date(2025, 6, 30)
    sizes = plan_blocks(rng, actions_on_sheet)
    i = 0
    while i < len(sizes):
        # Now and then two sub-streams share one summary block.
        pair = i + 1 < len(sizes) and rng.random() < 0.2
        group = sizes[i:i + 2] if pair else sizes[i:i + 1]
        tally = {'Completed': 0, 'In progress': 0, 'Static': 0, 'Total': 0}
        for k, size in enumerate(group):
            suffix = ('a', 'b')[k] if pair else ''
            theme = THEMES[(stream_no + k) % len(THEMES)]
            ws.append([bold(ws, 'Work stream %d%s: %s' % (stream_no, suffix, theme))])
            if rng.random() < 0.5:
                ws.append(['Appendix B'])
            ws.append([bold(ws, h) for h in ('No', 'Action', 'Progress at 30 June 2025', 'Status', 'Target date', 'Delivery lead')])
            for n in range(1, size + 1):
                r = rng.random()
                if r < 0.004:
                    ws.append([])  # a blank row inside the table
                elif r < 0.008:
                    ws.append(['NB: figures to be confirmed'])
                status, word, _ = pick_status(rng)
                target, fmt = target_value(rng, base)
                if fmt:
                    cell = WriteOnlyCell(ws, value=target)
                    cell.number_format = fmt
                    target = cell
                no = n if rng.random() > 0.01 else None
                ws.append([no, action_text(rng), sentence(rng, 60, 600, PROGRESS_BITS), status, target, rng.choice(LEADS)])
                tally['Total'] += 1
                if word in tally:
                    tally[word] += 1
        if rng.random() < 1 / 12:
            tally['Completed'] += 1  # a stale summary: typed before the last update
        ws.append([])
        ws.append([None, 'Completed', 'In progress', 'Static', 'Total'])
        ws.append(['Number', tally['Completed'], tally['In progress'], tally['Static'], tally['Total']])
        pct = []
        for w in ('Completed', 'In progress', 'Static'):
            c = WriteOnlyCell(ws, value=round(tally[w] / tally['Total'], 2) if tally['Total'] else 0)
            c.number_format = '0%'
            pct.append(c)
        ws.append(['Percentage'] + pct + [None])
        ws.append([])
        ws.append([])
        stream_no += len(group)
        i += len(group)
    return stream_no


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('out')
    ap.add_argument('--actions', type=int, default=50000)
    ap.add_argument('--sheets', type=int, default=20)
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()
    if args.actions < args.sheets or args.sheets < 1:
        ap.error('need at least one action per sheet')
    rng = random.Random(args.seed)
    wb = Workbook(write_only=True)
    wb.properties.creator = 'Ragbook benchmark'
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    per = [args.actions // args.sheets + (1 if i < args.actions % args.sheets else 0) for i in range(args.sheets)]
    stream = 1
    for i, n in enumerate(per):
        stream = write_sheet(wb, rng, i, n, stream)
    out = os.path.abspath(args.out)
    tmp = out + '.tmp'
    wb.save(tmp)
    # openpyxl stamps the zip entries with the current time; fixed stamps make the
    # output the same byte for byte on every run.
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=6) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 9, 30, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, data)
    os.remove(tmp)
    print('wrote %s: %d actions over %d sheets, %d bytes' % (args.out, args.actions, args.sheets, os.path.getsize(out)))


if __name__ == '__main__':
    sys.exit(main())
