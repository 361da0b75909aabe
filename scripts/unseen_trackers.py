# -*- coding: utf-8 -*-
"""Builds tests/fixtures/trackers/: the unseen corpus for the detection rebuild.

Run through the variant generator:  /usr/bin/python3 scripts/make-variant-trackers.py --set unseen [--no-lo]

Each workbook is a tracker (or a workbook that is no tracker) laid out as councils and NHS
bodies lay theirs out: audit recommendation trackers with original and revised dates, CQC
and well-led action plans split by MUST DO / SHOULD DO / Area of weakness headings, SEND
written statements of action with terms and financial years, corporate plans counted by
percent complete, Ofsted plans with filters and hidden rows, tables side by side, registers
rated by colour alone, a Google Sheets export, board action logs with Done? (Y/N), lists
and budgets that must never become work streams. The truth of every one is worked out by
unseen_lib.py from the cells written here.

All organisations, people and figures are invented.
"""
import datetime
import json
import os
import shutil
import sys

import openpyxl
from openpyxl.styles import Alignment, Font

from trackers_lib import (dtext, endof, free, fytext, lo_copies, mtext, qtext, recurring, sept, tbc, term,
                          whole_percent, xdate, xmonth)
from unseen_lib import AS_OF, C, D, F, Fill, Plain, T, UBook, a1, check_vocabulary

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'tests', 'fixtures', 'trackers')
LO_DIR = os.path.join(OUT, 'lo')

GREY = Plain('D9D9D9')
PALE_BLUE = Plain('DDEBF7')
NAVY = Plain('1F3864')


def A(**roles):
    """One action row by role (see unseen_lib.C)."""
    return roles


def title_block(s, lines, col=1, merge_to=None, size=14):
    """The document title rows at the top of a sheet: the first large and bold."""
    for i, text in enumerate(lines):
        if text is None:
            s.row += 1
            continue
        s.put(s.row, col, text, bold=i < 2, size=size if i == 0 else None)
        if merge_to and i == 0:
            s.ws.merge_cells(start_row=s.row, start_column=col, end_row=s.row, end_column=merge_to)
        s.row += 1


def titled_tracker(s, title, cols, rows, **placing):
    """A tracker under a bold line of its title, which the work stream takes: typed once, so the
    cell written and the title in expected.json cannot drift apart."""
    s.line(title)
    return s.tracker(title, cols, rows, **placing)


def find(b, ident, sheet=None):
    """The action numbered ident (on sheet), to name its cells in the judgement list."""
    hits = [a for st in b.streams if sheet in (None, st.sheet) for a in st.actions if a.id == ident]
    assert len(hits) == 1, (ident, len(hits))
    return hits[0]


def summary_at(s, streams, row, spec):
    """A hand-typed summary block under the given streams, at a given row (tables side by side)."""
    s.row = row
    s.since_summary = list(streams)
    spec = dict(spec, covers=len(streams))
    return s.summary(spec)


# ======================================================================================
# 1. Internal audit recommendation tracker: original and revised target dates
# ======================================================================================

def book_audit():
    b = UBook('audit-recommendations.xlsx', 'Follow-up 2025-26', font=('Arial', 10))
    b.notes.append('audit tracker `Rec No | Recommendation | Priority | Management response | Responsible officer | '
                   'Original target date | Revised target date | Status | Auditor comment` split by report headings '
                   '(`Payroll 2024/25 – Reasonable assurance`); `PAY.01` ids; Implemented / Partially implemented / '
                   'Not implemented / Superseded / Open / No longer required; revised dates later, equal, empty, '
                   '`31.03.2026` typed, `TBC`; a target on the as-of date; a cross-tab of status by priority '
                   '(unread); an older-recommendations table from C3 with `Date raised`, `Agreed target` and '
                   '`Latest target` (a `mmm-yy` month, `Sept 2025`), and a contact list beside it (unread)')
    s = b.sheets[0]
    title_block(s, ['Penhallow District Council', 'Internal Audit \u2013 follow-up of agreed recommendations',
                    'Report to the Audit and Governance Committee, 23 October 2025 (position at 30 September 2025)',
                    None])
    cols = [C('id', 'Rec No', 9), C('action', 'Recommendation', 46), C('priority', 'Priority', 9),
            C('progress', 'Management response', 40), C('owner', 'Responsible officer', 22),
            C('target_orig', 'Original target date', 13), C('target', 'Revised target date', 13),
            C('status', 'Status', 20), C('x', 'Auditor comment', 36)]
    x = xdate
    rows = [
        ('heading', 'Payroll 2024/25 \u2013 Reasonable assurance', False),
        A(id='PAY.01', action='Reconcile the payroll to the general ledger every month and keep evidence of review',
          priority='High', progress='Agreed. Monthly reconciliation introduced from April.', owner='Payroll Manager',
          target_orig=x(D(2025, 4, 30)), status='Implemented', x='Evidence seen for April to August.'),
        A(id='PAY.02', action='Remove leavers from the payroll system within five working days', priority='Medium',
          progress='Agreed; HR to send leaver forms weekly.', owner='HR Business Partner',
          target_orig=x(D(2025, 6, 30)), target=x(D(2025, 10, 31)), status='Partially implemented',
          x='Two late leavers found in the August sample.'),
        A(id='PAY.03', action='Review user access to the payroll system twice a year', priority='Medium',
          progress='First review planned for September.', owner='Systems Administrator',
          target_orig=x(D(2025, 3, 31)), target=x(D(2025, 9, 30)), status='Open'),
        A(id='PAY.04', action='Approve overtime claims before they are paid', priority='Low',
          progress='Agreed.', owner='Payroll Manager', target_orig=x(D(2025, 5, 31)), target=x(D(2025, 5, 31)),
          status='Implemented ', x='Sample of 20 claims all approved.'),
        A(id='PAY.05', action='Document the payroll year-end procedure', priority='Low',
          progress='To be covered by the new HR and payroll system.', owner='Payroll Manager',
          target_orig=x(D(2025, 3, 31)), status='Superseded', x='Superseded by the system procurement.'),
        ('heading', 'Procurement cards 2024/25 \u2013 Limited assurance', False),
        A(id='PC.01', action='Set a single-transaction limit for every card holder', priority='High',
          progress='Limits proposed to the bank.', owner='Head of Finance', target_orig=x(D(2025, 2, 28)),
          target=x(D(2025, 7, 31)), status='Not implemented', x='No limits in place at the August visit.'),
        A(id='PC.02', action='Check card statements against receipts every month', priority='High',
          progress='Checks started in June.', owner='Finance Business Partner', target_orig=x(D(2025, 3, 31)),
          target=x(D(2025, 10, 10)), status='Partially Implemented'),
        A(id='PC.03', action='Cancel the cards of staff who have left', priority='Medium',
          progress='Leavers checklist updated.', owner='Head of Finance', target_orig=x(D(2025, 4, 30)),
          status='Implemented'),
        A(id='PC.04', action='Publish card spend over \u00a3500 every quarter', priority='Low',
          progress='Awaiting the new transparency page.', owner='Transparency Officer',
          target_orig=x(D(2025, 6, 30)), target=dtext(D(2026, 3, 31), 'dots'), status='Not implemented'),
        A(id='PC.05', action='Train card holders on the purchasing policy', priority='Medium',
          progress='Course being written.', owner='Procurement Lead', target_orig=x(D(2025, 5, 31)),
          target=tbc(), status='Open'),
        ('heading', 'Cyber security 2024/25 \u2013 Limited assurance', False),
        A(id='CY.01', action='Enforce multi-factor authentication for remote access', priority='High',
          progress='Live for all staff.', owner='Head of ICT', target_orig=x(D(2025, 1, 31)),
          target=x(D(2025, 6, 30)), status='Implemented'),
        A(id='CY.02', action='Patch servers within 14 days of a critical update', priority='High',
          progress='Patching tool bought; not yet rolled out.', owner='Head of ICT', target_orig=x(D(2025, 3, 31)),
          target=x(D(2025, 8, 29)), status='Open', x='Overdue: escalate to the Committee.'),
        A(id='CY.03', action='Test restoring from backups every quarter', priority='Medium',
          progress='One test done in July.', owner='Infrastructure Manager', target_orig=x(D(2025, 6, 30)),
          target=x(D(2025, 12, 31)), status='Partialy implemented'),
        A(id='CY.04', action='Run phishing awareness training for all staff', priority='Medium',
          progress='Course chosen.', owner='Information Governance Lead', target_orig=x(D(2025, 9, 30)),
          status='Not Implemented'),
        A(id='CY.05', action='Replace the unsupported telephony server', priority='Low',
          progress='Telephony moved to the cloud in July.', owner='Infrastructure Manager',
          target_orig=x(D(2025, 12, 31)), status='No longer required'),
        ('note', 'Revised dates were agreed by the Corporate Leadership Team on 2 September 2025.'),
    ]
    s.tracker(None, cols, rows, wrap_headers=True, header_fill=GREY)
    b.judge(s.ws.title, 'targets', 'a revised date of TBC is the target (no date yet), not the original date: '
            'DESIGN.md falls back to the original only when the revised cell is empty',
            stream='Procurement cards 2024/25 \u2013 Limited assurance', cell=find(b, 'PC.05').target['cell'])

    # a cross-tab an officer keeps for the committee: not a summary block DESIGN.md reconciles
    s2 = b.sheet('Summary')
    s2.put(1, 1, 'Summary of recommendations by priority', bold=True, size=12)
    tally = {}
    order = ['Implemented', 'Partially implemented', 'Not implemented', 'Open', 'Superseded / no longer required']
    for p in ['High', 'Medium', 'Low']:
        tally[p] = {k: 0 for k in order}
    for rw in rows:
        if isinstance(rw, dict):
            raw = rw['status'].strip().lower()
            k = {'implemented': 'Implemented', 'partially implemented': 'Partially implemented',
                 'partialy implemented': 'Partially implemented', 'not implemented': 'Not implemented',
                 'open': 'Open'}.get(raw, 'Superseded / no longer required')
            tally[rw['priority']][k] += 1
    body = [[p] + [tally[p][k] for k in order] + [sum(tally[p].values())] for p in ['High', 'Medium', 'Low']]
    body.append(['Total'] + [sum(tally[p][k] for p in tally) for k in order] + [sum(sum(t.values()) for t in tally.values())])
    s2.block(3, 1, ['Priority'] + order + ['Total'], body)
    s2.widths(1, [12, 13, 13, 13, 10, 16, 8])
    b.judge('Summary', 'unread', 'a cross-tab of statuses by priority is not a summary block (no Number row under '
            'Completed | In progress | ...): reported unread, not reconciled')

    s3 = b.sheet('Older recommendations')
    s3.default_col = 3
    s3.row = 3
    s3.line('Recommendations from earlier years still open', col=3)
    cols = [C('id', 'Ref', 8), C('raised', 'Date raised', 12), C('x', 'Audit', 20), C('action', 'Recommendation', 44),
            C('priority', 'Priority', 8), C('target_orig', 'Agreed target', 12), C('target', 'Latest target', 12),
            C('owner', 'Officer', 20), C('status', 'Status', 16)]
    s3.tracker('Recommendations from earlier years still open', cols, [
        A(id='OR-01', raised=x(D(2023, 3, 14)), x='Treasury management',
          action='Record the reasons for each investment decision', priority='P2', target_orig=x(D(2023, 9, 30)),
          target=x(D(2025, 6, 30)), owner='Chief Accountant', status='Implemented'),
        A(id='OR-02', raised=x(D(2023, 7, 2)), x='Asset management',
          action='Reconcile the asset register to the fixed asset ledger', priority='P1',
          target_orig=x(D(2024, 3, 31)), target=xmonth(2025, 12, 'mmm-yy'), owner='Chief Accountant',
          status='Partially implemented'),
        A(id='OR-03', raised=x(D(2024, 1, 19)), x='Licensing', action='Reconcile licence fees received to licences issued',
          priority='P2', target_orig=x(D(2024, 9, 30)), owner='Licensing Manager', status='Not implemented'),
        A(id='OR-04', raised=x(D(2024, 2, 8)), x='Grants to voluntary groups',
          action='Obtain a monitoring return for every grant over \u00a35,000', priority='P3',
          target_orig=x(D(2024, 12, 31)), target=x(D(2025, 12, 31)), owner='Communities Manager', status='Cancelled'),
        A(id='OR-05', raised=x(D(2024, 5, 22)), x='Housing rents', action='Review rent arrears over \u00a31,000 monthly',
          priority='P1', target_orig=x(D(2025, 3, 31)), target=x(D(2025, 10, 3)), owner='Income Manager',
          status='Open'),
        A(id='OR-06', raised=x(D(2024, 6, 11)), x='Business continuity',
          action='Test the business continuity plan every year', priority='P2', target_orig=x(D(2025, 5, 31)),
          target=sept(2025), owner='Emergency Planning Officer', status='Open')])
    # a contact list two empty columns to the right of the table
    s3.block(4, 14, ['Name', 'Job title', 'Phone'], [
        ['Priya Castellan', 'Chief Accountant', '01632 960 411'],
        ['Tomasz Whitlock', 'Licensing Manager', '01632 960 287'],
        ['Ngozi Pembury', 'Income Manager', '01632 960 530'],
        ['Alistair Moorcroft', 'Emergency Planning Officer', '01632 960 118']])
    s3.widths(14, [20, 26, 15])
    return b


# ======================================================================================
# 2. An audit register kept one report per sheet, in Excel Tables; a contents sheet
# ======================================================================================

def book_audit_register():
    b = UBook('audit-register-per-report.xlsx', 'Contents')
    b.notes.append('one audit report per sheet, each an Excel Table (with its AutoFilter): header at A1 with no '
                   'title, under a title equal to the sheet name, from B2; `Risk rating` of High/Medium/Low beside '
                   'a `Status` (the ratings are no RAG); `HB1`, `FM-03`, `CR11` ids; Not yet due, Overdue, Closed, '
                   'Withdrawn, a near miss, an unknown status, an empty status; a report whose recommendations are '
                   'all Superseded or N/A (Not rated); a contents list (unread)')
    s = b.sheets[0]
    s.put(1, 1, 'Fenmarsh District Council \u2013 internal audit recommendations register 2025/26', bold=True, size=13)
    s.block(3, 1, ['Audit', 'Assurance opinion', 'Recommendations', 'Sheet'], [
        ['Housing benefits', 'Reasonable', 5, 'Housing benefits'], ['Fleet management', 'Limited', 6, 'Fleet management'],
        ['Data protection', 'Limited', 5, 'Data protection']])
    s.widths(1, [24, 18, 16, 20])
    head = [C('id', 'Ref', 7), C('x', 'Finding', 34), C('action', 'Recommendation', 40), C('priority', 'Risk rating', 11),
            C('progress', 'Agreed action', 36), C('owner', 'Action owner', 20), C('target_orig', 'Due date', 11),
            C('target', 'Revised due date', 12), C('status', 'Status', 14), C('x2', 'Evidence', 24)]
    f = 'd-mmm-yy'
    s = b.sheet('Housing benefits')
    s.tracker('Housing benefits', head, [
        A(id='HB1', x='Overpayments were not always recovered', action='Start recovery within 30 days of an overpayment',
          priority='High', progress='Recovery team restructured', owner='Benefits Manager',
          target_orig=xdate(D(2025, 3, 31), f), status='Implemented', x2='Recovery report, July'),
        A(id='HB2', x='Change of circumstances forms were keyed late', action='Process changes within 10 days',
          priority='Medium', progress='Backlog cleared in May', owner='Benefits Manager',
          target_orig=xdate(D(2025, 4, 30), f), target=xdate(D(2025, 8, 31), f), status='Overdue'),
        A(id='HB3', x='No second check of backdated claims', action='Add a second check for backdating over 4 weeks',
          priority='High', progress='Procedure drafted', owner='Team Leader (Assessment)',
          target_orig=xdate(D(2025, 6, 30), f), target=xdate(D(2025, 10, 31), f), status='In progress'),
        A(id='HB4', x='Discretionary payments not reported', action='Report discretionary housing payments quarterly',
          priority='Low', progress='First report due in January', owner='Benefits Manager',
          target_orig=xdate(D(2026, 1, 31), f), status='Not yet due'),
        A(id='HB5', x='User accounts of leavers left open', action='Close the accounts of leavers within a week',
          priority='Medium', progress='Replaced by the corporate leavers process', owner='Systems Officer',
          target_orig=xdate(D(2025, 5, 31), f), status='Withdrawn')], excel_table='HousingBenefits')
    s = b.sheet('Fleet management')
    titled_tracker(s, 'Fleet management', head, [
        A(id='FM-01', x='Vehicle checks not recorded', action='Record daily vehicle checks on the tracking system',
          priority='High', progress='App rolled out to drivers', owner='Fleet Manager',
          target_orig=xdate(D(2025, 4, 30), f), status='Closed'),
        A(id='FM-02', x='Fuel cards shared between drivers', action='Issue one fuel card per vehicle and driver PIN',
          priority='High', progress='Cards reissued', owner='Fleet Manager', target_orig=xdate(D(2025, 5, 31), f),
          target=xdate(D(2025, 7, 31), f), status='Implmented'),
        A(id='FM-03', x='Servicing not always on time', action='Schedule servicing from the fleet system',
          priority='Medium', progress='Schedule built', owner='Workshop Supervisor',
          target_orig=xdate(D(2025, 6, 30), f), target=xdate(D(2025, 11, 30), f), status='In progress'),
        A(id='FM-04', x='Pool cars booked informally', action='Introduce an online pool car booking system',
          priority='Low', progress='Waiting for ICT', owner='Facilities Manager', target_orig=xdate(D(2025, 7, 31), f),
          target=xdate(D(2025, 9, 26), f), status='Awaiting ICT'),
        A(id='FM-05', x='Tyre stock not counted', action='Count tyre stock each quarter', priority='Low',
          progress='', owner='Workshop Supervisor', target_orig=xdate(D(2025, 9, 30), f), status=None),
        A(id='FM-06', x='Disposal of vehicles not authorised', action='Authorise every vehicle disposal in writing',
          priority='Medium', progress='Form in use', owner='Fleet Manager', target_orig=xdate(D(2025, 2, 28), f),
          status='Implemented')], excel_table='FleetManagement')
    s = b.sheet('Data protection')
    s.default_col = 2
    s.row = 2
    dp = [C('id', 'Ref', 7), C('x', 'Finding', 34), C('action', 'Recommendation', 40), C('priority', 'Risk rating', 11),
          C('owner', 'Action owner', 20), C('target', 'Due date', 11), C('status', 'Status', 16),
          C('x2', 'Evidence', 24)]
    s.tracker('Data protection', dp, [
        A(id='CR11', x='Records of processing incomplete', action='Complete the record of processing activities',
          priority='High', owner='Data Protection Officer', target=xdate(D(2025, 3, 31), f), status='Implemented'),
        A(id='CR12', x='Subject access requests late', action='Answer subject access requests within a month',
          priority='High', owner='Information Governance Lead', target=xdate(D(2025, 7, 31), f), status='Overdue'),
        A(id='CR14', x='Retention schedule out of date', action='Refresh the retention schedule', priority='Medium',
          owner='Records Manager', target=xdate(D(2025, 12, 31), f), status='In progress'),
        A(id='CR15', x='No data protection impact assessment template', action='Adopt a DPIA template',
          priority='Low', owner='Data Protection Officer', target=xdate(D(2025, 10, 13), f), status='Not yet due'),
        A(id='CR17', x='Breach log not reviewed', action='Review the breach log at each IG board', priority='Medium',
          owner='Information Governance Lead', target=recurring('Quarterly'), status='Implemented')],
        excel_table='DataProtection')
    # a report whose every recommendation was superseded by a later audit: nothing left to judge
    s = b.sheet('Procurement 2023-24')
    titled_tracker(s, 'Procurement 2023/24 \u2013 superseded by the 2025/26 procurement review', dp, [
        A(id='PR1', x='Waivers not recorded', action='Keep a register of contract waivers', priority='High',
          owner='Procurement Lead', target=xdate(D(2024, 9, 30), f), status='Superseded'),
        A(id='PR2', x='Contracts register incomplete', action='Publish the contracts register quarterly',
          priority='Medium', owner='Procurement Lead', target=xdate(D(2024, 12, 31), f), status='Superseded'),
        A(id='PR3', x='No contract management training', action='Train contract managers', priority='Low',
          owner='Head of Finance', target=xdate(D(2025, 3, 31), f), status='N/A')])
    return b


# ======================================================================================
# 3. A CQC action plan: MUST DO / SHOULD DO headings inside one table, NHS statuses
# ======================================================================================

def book_cqc():
    b = UBook('cqc-must-should.xlsx', 'CQC action plan', font=('Arial', 10))
    b.notes.append('one table split by `MUST DO – Urgent and emergency care`, `MUST DO – Medical care`, '
                   '`SHOULD DO – Trust-wide` heading rows (merged, shaded); Embedded, On track, Delayed, Not achieved, '
                   'Off track, Partially achieved, At risk, Cancelled (implied ratings: a Green-derived stream with '
                   'At risk is Amber); `Lead` and `Support` owners; `Start date` (never the target) before '
                   '`Completion date`; a note row closing a section; a two-column status key beside the table; a '
                   'hidden list sheet')
    s = b.sheets[0]
    title_block(s, ['Kestrel Vale NHS Foundation Trust', 'CQC inspection (report published 14 May 2025) \u2013 '
                    'Trust action plan', 'Executive lead: Chief Nurse. Monitored by the Quality and Safety Committee.',
                    None], merge_to=10)
    cols = [C('id', 'Ref', 6), C('x', 'Regulation', 10), C('x2', 'CQC finding', 34), C('action', 'Action', 40),
            C('owner', 'Lead', 22), C('support', 'Support', 18), C('start', 'Start date', 11),
            C('target', 'Completion date', 12), C('status', 'Status', 14), C('x3', 'Evidence of completion', 30)]
    x = xdate
    s.tracker(None, cols, [
        ('heading', 'MUST DO \u2013 Urgent and emergency care', True, GREY),
        A(id='MD1', x='Reg 12', action='Introduce a corridor care risk assessment and audit it weekly',
          owner='Divisional Director of Nursing, Urgent Care', support='Matron, ED', start=x(D(2025, 6, 1)),
          target=x(D(2025, 8, 31)), status='Embedded'),
        A(id='MD2', x='Reg 18', action='Recruit six paediatric nurses and fill the rota gaps',
          owner='Divisional Director of Nursing, Urgent Care', support='Recruitment Lead', start=x(D(2025, 6, 1)),
          target=x(D(2025, 12, 31)), status='On track'),
        A(id='MD3', x='Reg 12', action='Launch the electronic sepsis alert and train ED staff in it',
          owner='Clinical Director, ED', support='Digital Nurse Lead', start=x(D(2025, 5, 15)),
          target=x(D(2025, 9, 15)), status='Delayed'),
        A(id='MD4', x='Reg 17', action='Report triage audits to the divisional board every month',
          owner='Clinical Director, ED', support='Quality Lead', start=x(D(2025, 6, 1)), target=recurring('Monthly'),
          status='Embedded'),
        ('note', 'MD5 was merged into MD3 by the Quality and Safety Committee on 12 August 2025.'),
        ('heading', 'MUST DO \u2013 Medical care', True, GREY),
        A(id='MD6', x='Reg 12', action='Install fridge temperature monitoring on all medical wards',
          owner='Chief Pharmacist', support='Estates Manager', start=x(D(2025, 5, 1)), target=x(D(2025, 7, 31)),
          status='Not achieved'),
        A(id='MD7', x='Reg 13', action='Train ward staff in the Mental Capacity Act and audit DoLS applications',
          owner='Head of Safeguarding', support='Ward Managers', start=x(D(2025, 6, 1)), target=x(D(2025, 10, 31)),
          status='Off track'),
        A(id='MD8', x='Reg 9', action='Plan every discharge with the patient and their family',
          owner='Deputy Chief Nurse', support='Discharge Team Lead', start=x(D(2025, 7, 1)),
          target=x(D(2026, 1, 31)), status='Partially achieved'),
        ('heading', 'SHOULD DO \u2013 Trust-wide', True, GREY),
        A(id='SD1', action='Raise mandatory training compliance to 90%', owner='Chief People Officer',
          support='Education Lead', start=x(D(2025, 4, 1)), target=x(D(2026, 3, 31)), status='At risk'),
        A(id='SD2', action='Clear the backlog of complaints older than 25 working days', owner='Head of Patient Experience',
          support='Complaints Manager', start=x(D(2025, 6, 1)), target=x(D(2025, 10, 10)), status='On track'),
        A(id='SD3', action='Publicise the freedom to speak up guardians on every ward', owner='Chief People Officer',
          support='FTSU Guardian', start=x(D(2025, 6, 1)), target=x(D(2025, 7, 31)), status='Completed'),
        A(id='SD4', action='Review every patient information leaflet', owner='Head of Patient Experience',
          start=x(D(2025, 9, 1)), target=x(D(2026, 6, 30)), status='Not started'),
        A(id='SD5', action='Replace the outpatients signage', owner='Director of Estates', start=None,
          target=x(D(2025, 11, 30)), status='Cancelled', x3='Covered by the estates programme')],
        wrap_headers=True, header_fill=GREY)
    # a status key to the right of the table: two columns, so no table of its own, but never actions
    r0 = 5
    s.put(r0, 12, 'Status key', bold=True)
    s.ws.merge_cells(start_row=r0, start_column=12, end_row=r0, end_column=13)
    key = [('Embedded', 'Completed and sustained for three months'), ('On track', 'Will be delivered on time'),
           ('At risk', 'May miss the completion date'), ('Delayed', 'Has missed a milestone'),
           ('Off track', 'Will not be delivered without escalation'), ('Not achieved', 'Date passed, not delivered')]
    for i, (w, m) in enumerate(key, start=1):
        s.put(r0 + i, 12, w)
        s.put(r0 + i, 13, m)
    b.legends.append({'sheet': s.ws.title, 'range': '%s:%s' % (a1(r0, 12), a1(r0 + len(key), 13))})
    s.widths(12, [14, 38])
    lists = b.sheet('Lists', hidden=True)
    for i, w in enumerate(['Status', 'Not started', 'On track', 'At risk', 'Delayed', 'Off track', 'Embedded',
                           'Not achieved', 'Partially achieved', 'Completed', 'Cancelled'], start=1):
        lists.put(i, 1, w, bold=i == 1)
    for i, w in enumerate(['Regulation', 'Reg 9', 'Reg 12', 'Reg 13', 'Reg 17', 'Reg 18'], start=1):
        lists.put(i, 2, w, bold=i == 1)
    b.judge(s.ws.title, 'title', 'the streams are titled by the MUST DO / SHOULD DO headings as written, with their '
            'service ("MUST DO \u2013 Medical care"), not "MUST DO" alone', stream='MUST DO \u2013 Medical care')
    return b


# ======================================================================================
# 4. NHS heading wordings: Area of weakness, Recommendation n, Priority n –, Theme:
# ======================================================================================

def book_nhs_headings():
    b = UBook('nhs-heading-wordings.xlsx', 'Well-led review', font=('Calibri', 11))
    b.notes.append('heading rows in many wordings: `Area of weakness 1: …` (merged), `Recommendation 3` (plain), '
                   '`Priority 1 – …`, `Theme: …`; Achieved, Not achieved, Partially achieved, Delayed, Slipping, '
                   'Behind schedule; a `Progress RAG` column holding progress words (a progress column, implied '
                   'ratings); `3 Sept 2025`, `31.10.2025`, `FY 2025/26`; a hand-typed board overview (unread)')
    s = b.sheets[0]
    s.line('Marlowdene Community Health NHS Trust \u2013 Well-led developmental review: action plan', gap=1)
    cols = [C('id', 'No.', 6), C('action', 'Recommendation / action', 46), C('owner', 'Executive lead', 22),
            C('support', 'Operational lead', 22), C('target', 'Target date', 14), C('progress', 'Progress update', 36),
            C('status', 'Progress status', 16)]
    s.tracker(None, cols, [
        ('heading', 'Area of weakness 1: Board oversight of quality', True),
        A(id='1.1', action='Agree a quality dashboard for the Board', owner='Chief Nurse', support='Head of Quality',
          target=dtext(D(2025, 7, 31)), progress='Dashboard in use since July', status='Achieved'),
        A(id='1.2', action='Hold a Board development session on quality governance', owner='Chief Nurse',
          support='Board Secretary', target=mtext(2025, 11), progress='Booked for 18 November', status='On track'),
        A(id='1.3', action='Review the terms of reference of the Quality Committee', owner='Director of Corporate Affairs',
          support='Board Secretary', target=dtext(D(2025, 6, 30)), progress='Not yet started', status='Not achieved'),
        ('heading', 'Area of weakness 2: Risk management', True),
        A(id='2.1', action='Refresh the Board Assurance Framework', owner='Director of Corporate Affairs',
          support='Risk Manager', target=qtext('Q3 2025/26', 2025, 3), progress='Draft at the Audit Committee',
          status='Partially achieved'),
        A(id='2.2', action='Train divisional leads in risk scoring', owner='Director of Corporate Affairs',
          support='Risk Manager', target=endof(2025, 10), progress='Trainer unavailable until October',
          status='Delayed'),
        ('heading', 'Recommendation 3', False),
        A(id='3.1', action='Publish the Trust\u2019s freedom to speak up strategy', owner='Chief People Officer',
          support='FTSU Guardian', target=dtext(D(2025, 9, 3), 'abbr'), progress='Published on 2 September',
          status='Achieved'),
        A(id='3.2', action='Survey staff on speaking up', owner='Chief People Officer', support='FTSU Guardian',
          target=dtext(D(2025, 10, 31), 'dots'), progress='Survey questions agreed', status='Not started')],
        header_fill=PALE_BLUE)

    s = b.sheet('Quality priorities')
    s.default_col, s.row = 2, 2
    s.tracker(None, [C('id', 'Ref', 6), C('action', 'What we will do', 44), C('owner', 'Lead', 22),
                     C('target', 'By when', 14), C('status', 'Status', 16), C('progress', 'Latest position', 34)], [
        ('heading', 'Priority 1 \u2013 Reducing harm from falls', False),
        A(id='1a', action='Assess every inpatient for falls risk within 24 hours', owner='Falls Lead',
          target=qtext('Q4 2025/26', 2025, 4), status='On track', progress='86% within 24 hours'),
        A(id='1b', action='Introduce bay nursing on two wards', owner='Matron, Community Hospitals',
          target=fytext('2025/26', 2025), status='At risk', progress='Staffing gaps on one ward'),
        A(id='1c', action='Buy 40 low beds', owner='Falls Lead', target=dtext(D(2025, 6, 30)), status='Completed',
          progress='Delivered in June'),
        ('heading', 'Priority 2 \u2013 Timely community nursing visits', False),
        A(id='2a', action='Answer the single point of access line within two minutes', owner='Head of Community Nursing',
          target=mtext(2025, 12), status='Slipping', progress='Average answer time 3 min 40 s'),
        A(id='2b', action='Roll out electronic scheduling to all teams', owner='Digital Programme Lead',
          target=fytext('FY 2025/26', 2025), status='Behind schedule', progress='Four of nine teams live'),
        A(id='2c', action='Recruit 12 community nurses', owner='Head of Community Nursing',
          target=dtext(D(2025, 8, 29)), status='Behind schedule', progress='Seven appointed')])

    s = b.sheet('Estates')
    s.line('Estates and digital plan 2025/26')
    s.tracker(None, [C('id', 'Ref', 6), C('action', 'Action', 44), C('owner', 'Responsible officer', 24),
                     C('target', 'Deadline', 12), C('status', 'Progress RAG', 14), C('progress', 'Comments', 30)], [
        ('heading', 'Theme: Estates and facilities', False),
        A(id='E1', action='Replace the boilers at Marlowdene Community Hospital', owner='Director of Estates',
          target=xdate(D(2025, 8, 31)), status='Complete', progress='Commissioned in August'),
        A(id='E2', action='Reduce the backlog of high-risk maintenance by half', owner='Director of Estates',
          target=xdate(D(2026, 3, 31)), status='On track'),
        A(id='E3', action='Open the new health hub on Station Road', owner='Head of Capital Projects',
          target=xdate(D(2025, 11, 28)), status='At risk', progress='Fit-out delayed by a supplier'),
        ('heading', 'Theme: Digital', False),
        A(id='D1', action='Give every community nurse a tablet with the patient record', owner='Chief Digital Officer',
          target=xdate(D(2025, 7, 31)), status='Off track', progress='Devices held up at customs'),
        A(id='D2', action='Replace the rostering system', owner='Chief Digital Officer', target=xdate(D(2026, 1, 30)),
          status='Not started'),
        A(id='D3', action='Switch off the old patient administration system', owner='Chief Digital Officer',
          target=xdate(D(2025, 10, 6)), status='On track')])

    s = b.sheet('Board summary')
    s.put(1, 1, 'Summary for the Trust Board, October 2025', bold=True, size=12)
    s.block(3, 1, ['Section', 'Actions', 'Achieved', 'On track / in progress', 'At risk or delayed', 'Not achieved'], [
        ['Area of weakness 1', 3, 1, 1, 0, 1], ['Area of weakness 2', 2, 0, 1, 1, 0], ['Recommendation 3', 2, 1, 0, 0, 0],
        ['Quality priorities', 6, 1, 1, 4, 0], ['Estates and digital', 6, 1, 2, 2, 0]])
    s.put(9, 1, 'Figures typed from the plan by the Board Secretary.', italic=True)
    s.widths(1, [22, 9, 10, 14, 14, 12])
    return b


# ======================================================================================
# 5. A SEND written statement of action: Timescale over Start | End, terms, financial years
# ======================================================================================

def book_send_wsoa():
    b = UBook('send-wsoa.xlsx', 'WSoA', font=('Arial', 11))
    b.notes.append('a two-row header, `Timescale` merged over `Start | End` (End is the target; Start never is), '
                   'other headers merged down both rows; `Area of significant weakness n: …` headings; End dates '
                   'as `mmm-yy` and `mmmm yyyy` Excel dates (the END of that month, even when the serial holds the '
                   '15th), `Autumn term 2025`, `Summer term 2025`, `Spring term 2026`, `2025/26`, `2025-26`, '
                   '`FY 2026/27`, `Sept 2025`, `3 Sept 2025`, `31.03.2025`, `Termly`; Start dates in the same '
                   'forms; a second sheet with a single `Timescale` column of terms and years and a RAG column')
    s = b.sheets[0]
    title_block(s, ['Wyvernshire Local Area Partnership', 'Written Statement of Action (SEND) \u2013 progress tracker',
                    'Updated for the SEND Improvement Board, September 2025', None], merge_to=8)
    cols = [C('id', 'Ref', 6), C('action', 'Action', 44), C('owner', 'Lead officer', 24),
            C('start', 'Start', 14, group='Timescale'), C('target', 'End', 16, group='Timescale'),
            C('x', 'Success measure', 32), C('status', 'Status', 14), C('progress', 'Progress update', 34)]
    my = 'mmm-yy'
    s.tracker(None, cols, [
        ('heading', 'Area of significant weakness 1: Timeliness and quality of EHC plans', True, PALE_BLUE),
        A(id='1.1', action='Recruit three more educational psychologists', owner='Head of SEND',
          start=xdate(D(2024, 9, 1), my), target=xmonth(2025, 3, my), x='Three in post', status='Achieved',
          progress='All three started by March'),
        A(id='1.2', action='Track EHC plan timeliness every week at the SEND panel', owner='Head of SEND',
          start=T('Sept 2024', [('month-year', D(2024, 9, 30))]), target=term('Autumn', 2025),
          x='60% of plans within 20 weeks', status='On track', progress='Now 54%'),
        A(id='1.3', action='Quality assure 20 EHC plans a month', owner='Principal Educational Psychologist',
          start=term('Spring', 2025), target=fytext('2025/26', 2025), x='80% rated good',
          status='Delayed', progress='Audit tool being rewritten'),
        A(id='1.4', action='Clear the backlog of annual reviews', owner='SEND Casework Manager',
          start=xdate(D(2025, 1, 6)), target=dtext(D(2025, 3, 31), 'dots'), x='No review overdue',
          status='Not achieved', progress='140 reviews still overdue'),
        A(id='1.5', action='Publish an EHC plan quality framework', owner='Principal Educational Psychologist',
          target=xmonth(2025, 10, 'mmmm yyyy', day=15), x='Framework published', status='Not started'),
        ('heading', 'Area of significant weakness 2: Joint commissioning', True, PALE_BLUE),
        A(id='2.1', action='Agree a joint commissioning strategy with the ICB', owner='Director of Commissioning (ICB)',
          start=T('Sept 2024', [('month-year', D(2024, 9, 30))]), target=term('Summer', 2025),
          x='Strategy signed by both boards', status='Completed'),
        A(id='2.2', action='Commission a neurodevelopmental pathway for 0-25s', owner='Director of Commissioning (ICB)',
          start=term('Autumn', 2024), target=term('Spring', 2026), x='Waits under 52 weeks', status='On track'),
        A(id='2.3', action='Cut waits for speech and language therapy to 18 weeks', owner='Head of Children\u2019s Therapies',
          start=xdate(D(2025, 4, 1)), target=dtext(D(2025, 9, 3), 'abbr'), x='Median wait 18 weeks',
          status='At risk', progress='Median wait 23 weeks'),
        A(id='2.4', action='Pool budgets for jointly funded packages', owner='Head of Finance (Children\u2019s)',
          target=fytext('FY 2026/27', 2026), x='Section 75 agreement signed', status='Not started'),
        ('heading', 'Area of significant weakness 3: Co-production with families', True, PALE_BLUE),
        A(id='3.1', action='Set up a parent carer forum steering group', owner='Participation Lead',
          start=xdate(D(2024, 11, 1), my), target=xmonth(2025, 6, my), x='Group meets monthly', status='Embedded'),
        A(id='3.2', action='Co-produce the local offer website with families', owner='Participation Lead',
          start=xdate(D(2025, 1, 1), my), target=sept(2025), x='Site relaunched', status='On track',
          progress='Launch planned for 29 September'),
        A(id='3.3', action='Hold a "You said, we did" event every term', owner='Participation Lead',
          target=recurring('Termly'), x='Three events a year', status='Ongoing'),
        A(id='3.4', action='Train SENCOs in co-production', owner='SENCO Network Lead', start=term('Summer', 2025),
          target=fytext('2025-26', 2025), x='All SENCOs trained', status='Partially complete')],
        header_fill=GREY, wrap_headers=True)
    b.judge(s.ws.title, 'targets', '"Termly" is read as recurring (no deadline), like Quarterly and Monthly, though '
            'DESIGN.md does not list it', stream='Area of significant weakness 3: Co-production with families',
            cell=find(b, '3.3').target['cell'])

    s = b.sheet('Co-production')
    titled_tracker(s, 'Priority 4: Preparation for adulthood', [
        C('id', 'Ref', 6), C('action', 'Action', 44), C('owner', 'Lead', 22), C('target', 'Timescale', 18),
        C('rating', 'RAG', 8), C('progress', 'Update', 34)], [
        A(id='4.1', action='Offer every young person with an EHC plan a preparing for adulthood review from Year 9',
          owner='Head of SEND', target=term('Autumn', 2025), rating='Green', progress='Reviews booked'),
        A(id='4.2', action='Open a supported internship programme with the hospital', owner='Post-16 Lead',
          target=fytext('FY 2025/26', 2025), rating='Amber', progress='Six places agreed of ten'),
        A(id='4.3', action='Agree a transitions protocol with adult social care', owner='Head of Transitions',
          target=fytext('2024/25', 2024), rating='Red', progress='Protocol not yet signed'),
        A(id='4.4', action='Map post-16 provision across the county', owner='Post-16 Lead',
          target=term('Summer', 2026, 'Summer Term 2026'), rating='Green'),
        A(id='4.5', action='Publish a preparing for adulthood guide for families', owner='Participation Lead',
          target=term('Spring', 2025), rating='Blue', progress='Published in March')])
    return b


# ======================================================================================
# 6. A SEND accelerated progress plan from B3: Timescales and Progress as group headers
# ======================================================================================

def book_send_app():
    b = UBook('send-accelerated-plan.xlsx', 'APP tracker', font=('Verdana', 9))
    b.notes.append('a table from B3 under two group headers, `Timescales` over `Start date | End date` and '
                   '`Progress` over `RAG | Commentary` (a ratings table); `Theme n:` headings; `mmmm yyyy` month '
                   'dates, terms, `Sept 2025`; a three-column RAG key beside the table (table-like, a legend)')
    s = b.sheets[0]
    s.put(1, 2, 'Hallowfield City Council \u2013 SEND Accelerated Progress Plan', bold=True, size=12)
    s.default_col, s.row = 2, 3
    cols = [C('id', 'Ref', 6), C('action', 'Action', 42), C('owner', 'Owner', 22),
            C('start', 'Start date', 13, group='Timescales'), C('target', 'End date', 13, group='Timescales'),
            C('rating', 'RAG', 8, group='Progress'), C('progress', 'Commentary', 34, group='Progress'),
            C('x', 'Evidence', 22)]
    s.tracker(None, cols, [
        ('heading', 'Theme 1: Identification of need', True),
        A(id='T1.1', action='Use one graduated approach toolkit in every school', owner='Inclusion Lead',
          start=xdate(D(2025, 1, 6)), target=xmonth(2025, 7, 'mmmm yyyy'), rating='Blue', progress='In use in 96 schools'),
        A(id='T1.2', action='Screen every reception child for speech and language needs', owner='Early Years Lead',
          start=term('Autumn', 2024), target=term('Summer', 2025), rating='G', progress='Screening complete'),
        A(id='T1.3', action='Reduce EHC needs assessment requests refused on appeal', owner='SEND Manager',
          start=xdate(D(2025, 4, 1)), target=xdate(D(2026, 3, 31)), rating='A/G', progress='Fewer appeals lost'),
        ('heading', 'Theme 2: Inclusion in mainstream schools', True),
        A(id='T2.1', action='Cut suspensions of pupils with SEND by a fifth', owner='Head of Inclusion',
          start=xdate(D(2024, 9, 2)), target=xmonth(2025, 8, 'mmmm yyyy'), rating='Red',
          progress='Suspensions up 4%'),
        A(id='T2.2', action='Open four resourced provisions in secondary schools', owner='Head of School Places',
          start=sept(2025), target=term('Autumn', 2026), rating='Amber', progress='Two sites agreed'),
        A(id='T2.3', action='Train teaching assistants in autism awareness', owner='Inclusion Lead',
          start=xdate(D(2025, 5, 1)), target=sept(2025), rating='Green', progress='410 trained')])
    # the key: a table-like block of three columns that is a legend, never a tracker
    s.block(3, 12, ['RAG', 'Meaning', 'Expected action'], [
        [('Blue', F('blue')), 'Complete and evidenced', 'Moves to the completed log'],
        [('Green', F('green')), 'On track', 'Report by exception'],
        [('Amber', F('amber')), 'At risk of slipping', 'Owner explains at the board'],
        [('Red', F('red')), 'Off track', 'Escalate to the Director']], kind='legend')
    s.widths(12, [8, 22, 28])
    b.judge(s.ws.title, 'legends', 'a block `RAG | Meaning | Expected action` over four rated rows is a key, not a '
            'register of four actions')
    return b


# ======================================================================================
# 7. A corporate plan counted by percent complete alone (no status column)
# ======================================================================================

def book_percent():
    b = UBook('corporate-plan-percent.xlsx', 'Dashboard', font=('Arial', 10))
    b.notes.append('no status column: progress from `% complete` (0-1 under a `0%` format), `%` (whole numbers '
                   '0-100) and `Progress %` (text `50%`, one empty); 100% is Completed, 0% Not started; one sheet '
                   'per priority (titled by the title row, by the sheet name, by a title over a stray label); '
                   '`Action` values `H1`, `H2` (the id) beside `Description`; a hand-typed summary (right) and a '
                   'dashboard of figures per priority (unread)')
    dash = b.sheets[0]
    s = b.sheet('Priority 1')
    p1 = titled_tracker(s, 'Priority 1: Thriving places', [
        C('id', 'Ref', 7), C('action', 'Commitment', 46), C('owner', 'Lead', 22), C('target', 'Due', 12),
        C('percent', '% complete', 11, mode='fraction')], [
        A(id='P1.1', action='Open the new town square', owner='Director of Place', target=xdate(D(2025, 6, 30)),
          percent=1.0),
        A(id='P1.2', action='Start 300 affordable homes', owner='Head of Housing Delivery', target=mtext(2026, 3),
          percent=0.45),
        A(id='P1.3', action='Adopt the local transport plan', owner='Head of Transport', target=xdate(D(2025, 8, 29)),
          percent=0.8),
        A(id='P1.4', action='Launch the high street grants scheme', owner='Head of Economy',
          target=mtext(2025, 10, short=True), percent=0.0),
        A(id='P1.5', action='Plant 10,000 trees', owner='Parks Manager', target=fytext('2025/26', 2025), percent=0.6)])
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'notStarted', 'total'], 'percent': 'fraction'})

    s = b.sheet('Priority 2')
    s.tracker('Priority 2', [
        C('id', 'Ref', 7), C('action', 'Commitment', 46), C('x', 'Cabinet member', 20), C('owner', 'Officer lead', 22),
        C('target', 'Deadline', 12), C('percent', '%', 6, mode='int')], [
        A(id='P2.1', action='Open two family hubs', x='Cllr R. Hanley', owner='Head of Early Help',
          target=xdate(D(2025, 4, 30)), percent=100),
        A(id='P2.2', action='Halve the waiting list for adult social care assessments', x='Cllr R. Hanley',
          owner='Director of Adult Services', target=xdate(D(2026, 3, 31)), percent=35),
        A(id='P2.3', action='Launch a healthy schools award', x='Cllr S. Patel', owner='Public Health Lead',
          target=xdate(D(2025, 10, 10)), percent=70),
        A(id='P2.4', action='Refurbish the Brook Street leisure centre', x='Cllr S. Patel', owner='Leisure Manager',
          target=xdate(D(2025, 3, 31)), percent=100),
        A(id='P2.5', action='Publish a loneliness strategy', x='Cllr S. Patel', owner='Public Health Lead',
          target=xdate(D(2026, 1, 31)), percent=0),
        A(id='P2.6', action='Recruit 50 new foster carers', x='Cllr R. Hanley', owner='Fostering Manager',
          target=xdate(D(2026, 3, 31)), percent=0)])

    s = b.sheet('Priority 3')
    s.line('Priority 3: Healthy and independent lives')
    s.line('Lead member: Cllr A. Okafor', bold=False)
    s.tracker('Priority 3: Healthy and independent lives', [
        C('id', 'Action', 8), C('action', 'Description', 46), C('owner', 'Owner', 22), C('target', 'By when', 14),
        C('percent', 'Progress %', 10, mode='text')], [
        A(id='H1', action='Extend the falls prevention service to every GP practice', owner='Public Health Lead',
          target=qtext('Q2 2025/26', 2025, 2), percent='50%'),
        A(id='H2', action='Open a dementia hub in the town centre', owner='Commissioning Manager',
          target=dtext(D(2025, 7, 1)), percent='100%'),
        A(id='H3', action='Offer every carer a health check', owner='Carers Lead', target=endof(2026, 3), percent='0%'),
        A(id='H4', action='Reduce hospital discharge delays by a quarter', owner='Director of Adult Services',
          target=mtext(2025, 12), percent=None),
        A(id='H5', action='Launch a social prescribing network', owner='Public Health Lead', target=dtext(D(2025, 11, 14)),
          percent='25%')])

    # the dashboard sheet: figures typed per priority from the sheets (a hand-made overview)
    dash.put(1, 1, 'Silverholme Metropolitan Borough Council \u2013 Corporate Plan 2024-28: delivery dashboard',
             bold=True, size=13)
    rows = []
    for st in b.streams:
        c = st.counts()
        name = st.title.split(':')[0]
        rows.append([name, c['total'], c['completed'], c['inProgress'], c['notStarted'],
                     whole_percent(c['completed'], c['total']) / 100])
    dash.block(3, 1, ['Priority', 'Commitments', 'Completed', 'In progress', 'Not started', '% complete'], rows,
               fmts={5: '0%'})
    dash.widths(1, [16, 13, 11, 11, 11, 11])
    return b


# ======================================================================================
# 8. A delivery plan with a status AND % complete, some contradicting; RAG in one block
# ======================================================================================

def book_status_percent():
    b = UBook('corporate-plan-status-percent.xlsx', 'Delivery plan', font=('Calibri', 11))
    b.notes.append('work-stream blocks with both `Status` and `% complete` (fractions, then whole numbers under '
                   '`Progress (%)`): Completed at 40%, In progress at 100%, Not started at 25% (warnings; the '
                   'status counts); the second block adds a `RAG` column (both); hand-typed summaries, the second '
                   'stale and counting Withdrawn')
    s = b.sheets[0]
    title_block(s, ['Ravensmere Borough Council', 'Council Plan delivery \u2013 Quarter 2 2025/26', None])
    titled_tracker(s, 'Ambition 1 \u2013 A greener borough', [
        C('id', 'No', 5), C('action', 'Action', 44), C('owner', 'Owner', 22), C('target', 'Target date', 12),
        C('percent', '% complete', 11, mode='fraction'), C('status', 'Status', 13), C('progress', 'Update', 34)], [
        A(id=1, action='Replace 6,000 street lights with LEDs', owner='Head of Highways', target=dtext(D(2025, 5, 31)),
          percent=1.0, status='Completed', progress='All replaced'),
        A(id=2, action='Install 40 electric vehicle charge points', owner='Head of Highways',
          target=dtext(D(2025, 9, 12)), percent=0.4, status='Completed', progress='16 installed, rest ordered'),
        A(id=3, action='Retrofit the civic centre', owner='Head of Property', target=mtext(2026, 3), percent=0.55,
          status='In progress'),
        A(id=4, action='Start a weekly food waste collection', owner='Head of Waste', target=qtext('Q1 2026/27', 2026, 1),
          percent=0.0, status='Not started'),
        A(id=5, action='Adopt a biodiversity net gain policy', owner='Planning Policy Manager',
          target=dtext(D(2025, 9, 26)), percent=1.0, status='In progress', progress='Adopted by Cabinet; '
          'awaiting Council')])
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'static', 'notStarted', 'total'], 'percent': 'text'})
    s.skip(2)
    titled_tracker(s, 'Ambition 2 \u2013 Good jobs and skills', [
        C('id', 'No', 5), C('action', 'Action', 44), C('owner', 'Owner', 22), C('target', 'Target date', 12),
        C('percent', 'Progress (%)', 11, mode='int'), C('status', 'Status', 13), C('rating', 'RAG', 8),
        C('progress', 'Update', 34)], [
        A(id=1, action='Open the skills hub in the old library', owner='Head of Economy', target=dtext(D(2025, 4, 1)),
          percent=100, status='Completed', rating='Blue'),
        A(id=2, action='Create 200 apprenticeships with local employers', owner='Skills Manager',
          target=mtext(2026, 3), percent=60, status='At risk', rating='Amber'),
        A(id=3, action='Attract two employers to the business park', owner='Head of Economy', target=mtext(2026, 6),
          percent=25, status='Not started', rating='Green'),
        A(id=4, action='Run a jobs fair with the college', owner='Skills Manager', target=dtext(D(2025, 6, 12)),
          percent=0, status='Withdrawn', rating=None, progress='College now runs its own'),
        A(id=5, action='Support 50 business start-ups', owner='Business Support Officer', target=dtext(D(2025, 10, 8)),
          percent=70, status='On track', rating='Green')])
    b.judge(s.ws.title, 'status_cells', 'Not started at 25% contradicts its percentage (DESIGN.md names Completed '
            'below 100% and In progress at 100%; In progress at 0% is not taken as a contradiction)',
            stream='Ambition 2 \u2013 Good jobs and skills', cell=[e['cell'] for e in b.streams[-1].cells
                                                                   if e.get('warning')][0])
    s.skip()
    # typed before action 4 was withdrawn
    s.summary({'fields': ['completed', 'inProgress', 'notStarted', 'withdrawn', 'total'], 'percent': 'fraction',
               'stale': {'notStarted': +1, 'withdrawn': -1}})
    return b


# ======================================================================================
# 9. An Ofsted plan: logo, title block, a key beside, AutoFilter, hidden (filtered) rows
# ======================================================================================

def book_ofsted():
    b = UBook('ofsted-plan-filtered.xlsx', 'Improvement plan', font=('Arial', 10))
    b.notes.append('a logo of merged cells (A1:B3), a title block, a three-column RAG key beside it (a legend); '
                   'an AutoFilter hiding the Completed rows (hidden rows still count); `Area for improvement n:` '
                   'headings; Status and RAG (both: a Delayed action 30 days overdue makes its stream Red whatever '
                   'its Amber); a target on as-of + 14 days; a second sheet with a key typed one line per cell '
                   'above the table and a row hidden by hand')
    s = b.sheets[0]
    s.put(1, 1, 'WEALDHURST', bold=True, size=20, fill=NAVY).font = Font(name='Arial', size=20, bold=True,
                                                                          color='FFFFFFFF')
    s.ws.merge_cells('A1:B3')
    s.ws['A1'].alignment = Alignment(horizontal='center', vertical='center')
    s.put(1, 3, 'Children\u2019s Services \u2013 post-inspection improvement plan (ILACS, June 2025)', bold=True,
          size=14)
    s.put(2, 3, 'Version 5 \u2013 26 September 2025')
    s.put(3, 3, 'Plan owner: Director of Children\u2019s Services')
    s.block(1, 10, ['RAG', 'Meaning', 'What happens'], [
        [('Blue', F('blue2')), 'Complete and evidenced', 'Moves to the closed log'],
        [('Green', F('green2')), 'On track', 'Reported by exception'],
        [('Amber', F('amber')), 'Some slippage', 'Lead explains at the Board'],
        [('Red', F('red')), 'Off track', 'Escalated to the DCS']], kind='legend')
    s.widths(10, [8, 22, 26])
    s.row = 6
    x = xdate
    s.tracker(None, [C('id', 'Ref', 6), C('action', 'Action', 48), C('owner', 'Lead', 24), C('target', 'Target date', 12),
                     C('status', 'Status', 13), C('rating', 'RAG', 8), C('x', 'Evidence', 30)], [
        ('heading', 'Area for improvement 1: Management oversight of practice', True),
        A(id='1.1', action='Introduce monthly practice audits with feedback to social workers',
          owner='Principal Social Worker', target=x(D(2025, 7, 31)), status='Completed', rating='Blue', hidden=True,
          x='Audit reports June to August'),
        A(id='1.2', action='Team managers record supervision on every child\u2019s file',
          owner='Heads of Service', target=x(D(2025, 10, 31)), status='In progress', rating='Green'),
        A(id='1.3', action='Launch a management oversight dashboard', owner='Head of Performance',
          target=x(D(2025, 8, 31)), status='Delayed', rating='Amber'),
        A(id='1.4', action='Train team managers in reflective supervision', owner='Principal Social Worker',
          target=x(D(2025, 6, 30)), status='Completed', rating='Blue', hidden=True),
        ('heading', 'Area for improvement 2: Accommodation for care leavers', True),
        A(id='2.1', action='Commission 12 supported lodgings places', owner='Head of Commissioning',
          target=x(D(2026, 3, 31)), status='In progress', rating='Green'),
        A(id='2.2', action='Stop placing 16 and 17 year olds in bed and breakfast', owner='Head of Care Leavers',
          target=x(D(2025, 5, 31)), status='Completed', rating='Blue', hidden=True),
        A(id='2.3', action='Agree a joint housing protocol with the district councils', owner='Head of Care Leavers',
          target=x(D(2025, 10, 14)), status='On track', rating='Green'),
        A(id='2.4', action='Publish the local offer for care leavers', owner='Participation Officer',
          target=x(D(2025, 4, 30)), status='Completed', rating='Green', hidden=True),
        ('heading', 'Area for improvement 3: Timeliness of health assessments', True),
        A(id='3.1', action='Agree a health assessment pathway with the ICB', owner='Designated Nurse',
          target=x(D(2025, 9, 30)), status='Static', rating='Red'),
        A(id='3.2', action='Report health assessment timeliness monthly', owner='Head of Performance',
          target=recurring('Monthly'), status='In progress', rating='Amber')],
        autofilter={'status': ['In progress', 'Delayed', 'On track', 'Static']}, header_fill=GREY)
    b.judge(s.ws.title, 'legends', 'the block `RAG | Meaning | What happens` beside the title is a key, not a '
            'register of four actions')

    s = b.sheet('Quality assurance')
    s.legend_lines(1, 1, ['Key', 'Blue = complete', 'Green = on track', 'Amber = some slippage', 'Red = off track'],
                   fills={1: F('blue2'), 2: F('green2'), 3: F('amber'), 4: F('red')})
    s.row = 7
    titled_tracker(s, 'Quality assurance actions', [
        C('id', 'No', 5), C('action', 'Action', 48), C('owner', 'Responsible officer', 24), C('target', 'Due by', 12),
        C('rating', 'RAG', 8)], [
        A(id=1, action='Refresh the quality assurance framework', owner='Head of Quality', target=dtext(D(2025, 6, 30)),
          rating='Blue', hidden=True),
        A(id=2, action='Add children\u2019s views to every audit', owner='Participation Officer',
          target=mtext(2025, 12), rating='Green'),
        A(id=3, action='Moderate a tenth of audits', owner='Head of Quality', target=qtext('Q3 2025/26', 2025, 3),
          rating='Amber'),
        A(id=4, action='Report audit themes to the Practice Board', owner='Head of Quality',
          target=recurring('Quarterly'), rating='G'),
        A(id=5, action='Audit the quality of return home interviews', owner='Missing Children Coordinator',
          target=dtext(D(2025, 8, 15)), rating='Green')])
    return b


# ======================================================================================
# 10. Tables side by side (A-E and H-L), each with its own summary; tables stacked
# ======================================================================================

def book_side_by_side():
    b = UBook('side-by-side.xlsx', 'Service plans', font=('Calibri', 11))
    b.notes.append('two tables side by side (A-E and H-L, two empty columns between), titled above, of different '
                   'lengths, each with its own hand-typed summary (the left right, the right stale); on a second '
                   'sheet two tables stacked with one blank row between, the lower one a ratings table with a RAG '
                   'count summary')
    s = b.sheets[0]
    s.line('Hallowfield City Council \u2013 directorate service plan actions 2025/26', gap=1)
    top = s.row
    s.put(top, 1, 'Adult social care', bold=True)
    s.put(top, 8, 'Public health', bold=True)
    left = s.tracker('Adult social care', [
        C('id', 'Ref', 7), C('action', 'Action', 38), C('owner', 'Lead', 20), C('target', 'Due', 11),
        C('status', 'Status', 12)], [
        A(id='ASC1', action='Reduce the waiting list for care assessments', owner='Head of Assessment',
          target=mtext(2025, 12), status='In progress'),
        A(id='ASC2', action='Open a second extra care scheme', owner='Head of Commissioning',
          target=xdate(D(2025, 8, 15)), status='Completed'),
        A(id='ASC3', action='Recommission home care', owner='Head of Commissioning', target=qtext('Q3 2025/26', 2025, 3),
          status='In progress'),
        A(id='ASC4', action='Introduce a carers\u2019 card', owner='Carers Lead', target=dtext(D(2025, 7, 31)),
          status='Stalled'),
        A(id='ASC5', action='Review the charging policy', owner='Head of Finance (Adults)',
          target=xmonth(2026, 1, 'mmm-yy'), status='Not started'),
        A(id='ASC6', action='Refresh the market position statement', owner='Head of Commissioning',
          target=dtext(D(2025, 6, 30)), status='Completed')], row=top + 1)[0]
    right = s.tracker('Public health', [
        C('id', 'No', 6), C('action', 'Action', 38), C('owner', 'Owner', 20), C('target', 'Target date', 11),
        C('status', 'Progress status', 14)], [
        A(id=1, action='Launch a stop smoking service in pharmacies', owner='Consultant in Public Health',
          target=dtext(D(2025, 5, 1)), status='Completed'),
        A(id=2, action='Extend the healthy weight programme to secondary schools', owner='Public Health Lead',
          target=mtext(2026, 3), status='In progress'),
        A(id=3, action='Commission a new sexual health service', owner='Commissioning Manager',
          target=dtext(D(2025, 10, 1)), status='In progress'),
        A(id=4, action='Publish the annual report of the Director of Public Health', owner='Director of Public Health',
          target=mtext(2025, 11), status='Not started')], col=8, row=top + 1)[0]
    # each block fits under its own table (label column + four figures), so the empty columns F:G
    # still part the two; the left one counts no Not started (a person left it out), the right no Static
    summary_at(s, [left], left.actions[-1].row + 2, {'fields': ['completed', 'inProgress', 'static', 'total'],
                                                     'col': 1, 'percent': 'fraction'})
    summary_at(s, [right], right.actions[-1].row + 2, {'fields': ['completed', 'inProgress', 'notStarted', 'total'],
                                                       'col': 8, 'percent': 'fraction',
                                                       'stale': {'completed': -1, 'inProgress': +1}})
    s.widths(6, [3, 3])

    s = b.sheet('Corporate services')
    titled_tracker(s, 'Customer services', [
        C('id', 'No.', 5), C('action', 'Action', 40), C('owner', 'Responsible officer', 22), C('target', 'Deadline', 12),
        C('status', 'Status', 12), C('progress', 'Comments', 30)], [
        A(id=1, action='Answer 80% of calls within two minutes', owner='Customer Services Manager',
          target=recurring('Monthly'), status='In progress', progress='74% in September'),
        A(id=2, action='Launch webchat for council tax', owner='Customer Services Manager',
          target=dtext(D(2025, 9, 1)), status='Completed'),
        A(id=3, action='Close the cash office', owner='Head of Revenues', target=dtext(D(2025, 10, 31)),
          status='On hold', progress='Paused pending consultation'),
        A(id=4, action='Train staff in plain English', owner='Learning and Development Lead', target=mtext(2025, 8),
          status='In progress')])
    s.skip()
    titled_tracker(s, 'Revenues and benefits', [
        C('id', 'Ref', 7), C('action', 'Objective', 40), C('owner', 'Lead officer', 22), C('target', 'By when', 12),
        C('rating', 'RAG', 8)], [
        A(id='RB1', action='Collect 97% of council tax in year', owner='Head of Revenues', target=endof(2026, 3),
          rating='Green'),
        A(id='RB2', action='Process new benefit claims in 18 days', owner='Benefits Manager', target=recurring('Monthly'),
          rating='Amber'),
        A(id='RB3', action='Move business rates billing online', owner='Head of Revenues', target=dtext(D(2025, 7, 31)),
          rating='Red')])
    s.skip()
    s.summary({'fields': ['blue', 'green', 'amber', 'red', 'total'], 'percent': None})
    return b


# ======================================================================================
# 11. RAG by colour alone: standard, theme, tinted theme and indexed fills
# ======================================================================================

def book_colour():
    b = UBook('colour-rag-register.xlsx', 'Programme RAG', font=('Arial', 10))
    b.notes.append('rating cells left empty and filled: FF0000, C00000, FFC000, FFBF00, 00B050, 92D050, 0070C0, '
                   '00B0F0; a theme fill (accent3), a tinted theme fill (accent6, darker 25%), an indexed fill (52); '
                   'a `Green` typed on a red fill (warning; the word counts); an unfilled empty rating; grouped by a '
                   '`Workstream` column; a key typed one entry per cell beside the table; a second sheet with a '
                   'status and a colour-only RAG (both), words and fills mixed')
    s = b.sheets[0]
    title_block(s, ['Tamsford Borough Council \u2013 transformation programme', 'RAG register, September 2025', None])
    x = xdate
    s.tracker(None, [C('group', 'Workstream', 14), C('id', 'Ref', 6), C('action', 'Project', 44),
                     C('owner', 'Sponsor', 22), C('target', 'Milestone due', 13), C('rating', 'RAG', 7),
                     C('progress', 'Commentary', 34)], [
        A(group='Digital', id='D1', action='Replace the customer relationship system', owner='Director of Resources',
          target=x(D(2026, 3, 31)), rating=F('green'), progress='Supplier appointed'),
        A(id='D2', action='Move telephony to the cloud', owner='Director of Resources', target=x(D(2025, 7, 31)),
          rating=F('blue'), progress='Live in July'),
        A(id='D3', action='Automate council tax direct debits', owner='Head of Revenues', target=x(D(2025, 11, 30)),
          rating=F('amber'), progress='Testing slipped a month'),
        A(id='D4', action='Put a chatbot on the website', owner='Head of Customer Services', target=x(D(2025, 10, 31)),
          rating=Fill('Green', theme=6), progress='Pilot running'),
        A(group='Estates', id='E1', action='Close the Riverside depot', owner='Director of Place',
          target=x(D(2025, 6, 30)), rating=F('red'), progress='Lease dispute'),
        A(id='E2', action='Share Market House with the police', owner='Director of Place', target=x(D(2026, 6, 30)),
          rating=Fill('Amber', indexed=52), progress='Heads of terms agreed'),
        A(id='E3', action='Sell the old town hall', owner='Head of Property', target=x(D(2025, 12, 31)),
          rating=Fill('Amber', theme=9, tint=-0.25), progress='Second bidder withdrew'),
        A(id='E4', action='Install solar panels on the leisure centre', owner='Head of Property',
          target=x(D(2025, 9, 19)), rating=('Green', F('red2')), progress='Panels fitted; connection awaited'),
        A(group='Customer', id='C1', action='Open a single front door for housing and benefits',
          owner='Director of Communities', target=x(D(2025, 8, 15)), rating=F('amber2'), progress='Opening delayed'),
        A(id='C2', action='Publish service standards', owner='Head of Customer Services', target=x(D(2025, 5, 30)),
          rating=F('green2'), progress='Published'),
        A(id='C3', action='Cut avoidable contact by a fifth', owner='Head of Customer Services',
          target=x(D(2026, 3, 31)), rating=F('blue2'), progress='Target met early'),
        A(id='C4', action='Launch a resident app', owner='Head of Digital', target=x(D(2026, 2, 27)), rating=None),
        A(id='C5', action='Train staff in plain English', owner='Head of HR', target=x(D(2025, 10, 3)),
          rating=F('red2'), progress='Trainer withdrew')])
    s.legend_lines(4, 9, ['Key', 'Blue \u2013 delivered', 'Green \u2013 on track', 'Amber \u2013 at risk',
                          'Red \u2013 off track'], fills={1: F('blue'), 2: F('green'), 3: F('amber'), 4: F('red')})
    s.widths(9, [20])
    for ident, stream, why in [
            ('D4', 'Digital', 'the theme colour accent3 (9BBB59) reads as Green'),
            ('E2', 'Estates', 'the indexed colour 52 (FF9900, orange) reads as Amber'),
            ('E3', 'Estates', 'accent6 darkened 25% (E46C0A, an orange; programs round a tint '
                              'differently) reads as Amber')]:
        b.judge(s.ws.title, 'status_cells', why, stream=stream, cell=find(b, ident).rating_cell)

    s = b.sheet('Service RAG')
    titled_tracker(s, 'Service improvement actions', [
        C('x', 'Service', 16), C('action', 'Action', 44), C('status', 'Status', 13), C('rating', 'RAG', 7),
        C('target', 'Due', 12)], [
        A(x='Waste', action='Roll out food waste caddies', status='Completed', rating=F('blue'), target=x(D(2025, 4, 30))),
        A(x='Waste', action='Cut missed bins to 50 a week', status='In progress', rating='Amber',
          target=x(D(2025, 12, 31))),
        A(x='Parking', action='Replace pay and display machines', status='In progress', rating=F('green2'),
          target=x(D(2025, 10, 9))),
        A(x='Parking', action='Review residents\u2019 permit charges', status='Not started', rating=F('red'),
          target=x(D(2025, 9, 1))),
        A(x='Parks', action='Reopen the lido', status='Static', rating=('Amber', F('amber')), target=x(D(2026, 5, 1)))])
    return b


# ======================================================================================
# 12. Exported from Google Sheets
# ======================================================================================

def book_google():
    b = UBook('google-sheets-export.xlsx', 'Sheet1', font=('Arial', 10), google=True)
    b.notes.append('as Google Sheets exports: no docProps, no theme, no table parts, shared strings, Arial 10, an '
                   'empty drawing per sheet, `Sheet1` / `Sheet2`; header on row 1 (a grey fill); dates as serial '
                   'numbers under `yyyy-mm-dd` and `d/m/yyyy`; Done, done, To do, Blocked, Cancelled; a contact list '
                   'on Sheet2 (unread)')
    s = b.sheets[0]
    iso, dmy = 'yyyy-mm-dd', 'd/m/yyyy'
    s.tracker('Sheet1', [
        C('id', 'ID', 6), C('action', 'Action', 40), C('owner', 'Owner', 18), C('target', 'Due date', 12),
        C('status', 'Status', 12), C('x', 'Notes', 30)], [
        A(id=1, action='Publish the community grants criteria', owner='Jo Treharne', target=xdate(D(2025, 5, 30), iso),
          status='Done'),
        A(id=2, action='Set up the grants panel', owner='Cllr M. Orchard', target=xdate(D(2025, 6, 20), iso),
          status='done'),
        A(id=3, action='Open the first funding round', owner='Jo Treharne', target=xdate(D(2025, 9, 1), dmy),
          status='In progress', x='Opened late: website form'),
        A(id=4, action='Agree monitoring forms with the voluntary sector forum', owner='Sam Iredale',
          target=xdate(D(2025, 10, 6), dmy), status='To do'),
        A(id=5, action='Report awards to the town council', owner='Town Clerk', target=xdate(D(2025, 11, 18), dmy),
          status='Not started'),
        A(id=6, action='Find a second funder', owner='Sam Iredale', target=xdate(D(2025, 7, 31), iso),
          status='Blocked', x='Waiting for the trust\u2019s board'),
        A(id=7, action='Run a launch event', owner='Jo Treharne', target=xdate(D(2025, 6, 6), iso),
          status='Cancelled')], header_fill=GREY)
    s2 = b.sheet('Sheet2')
    s2.block(1, 1, ['Name', 'Organisation', 'Email'], [
        ['Jo Treharne', 'Brackwater Town Council', 'j.treharne@example.org'],
        ['Sam Iredale', 'Brackwater Voluntary Action', 's.iredale@example.org'],
        ['Marta Orchard', 'Brackwater Town Council', 'm.orchard@example.org']])
    s2.widths(1, [18, 28, 28])
    return b


# ======================================================================================
# 13-14. Workbooks that are no trackers
# ======================================================================================

def book_not_finance():
    b = UBook('not-trackers-finance.xlsx', 'Expenses', font=('Calibri', 11))
    b.notes.append('no tracker: an expenses list (`Date`, `Description`, amounts), a budget monitoring sheet with '
                   '`Target £000` numbers and `Commentary`, a pivot-like summary (`Row Labels`, `Grand Total`); '
                   'no work stream, every block unread')
    s = b.sheets[0]
    s.put(1, 1, 'Expenses claims \u2013 September 2025', bold=True, size=12)
    dd = 'dd/mm/yyyy'
    claims = [(D(2025, 9, 2), 'K. Abernethy', 'Train to regional housing forum', 'Travel', 48.6, 'J. Rhodes'),
              (D(2025, 9, 4), 'K. Abernethy', 'Lunch at forum', 'Subsistence', 7.95, 'J. Rhodes'),
              (D(2025, 9, 9), 'P. Mensah', 'Mileage: home visits (112 miles)', 'Travel', 50.4, 'L. Varga'),
              (D(2025, 9, 15), 'P. Mensah', 'Safeguarding course fee', 'Training', 95.0, 'L. Varga'),
              (D(2025, 9, 18), 'D. Crane', 'Parking at County Hall', 'Travel', 6.5, 'J. Rhodes'),
              (D(2025, 9, 23), 'D. Crane', 'Overnight stay for inquiry', 'Subsistence', 112.0, 'J. Rhodes'),
              (D(2025, 9, 29), 'S. Holloway', 'Mileage: depot visits (40 miles)', 'Travel', 18.0, 'L. Varga')]
    s.block(3, 1, ['Date', 'Claimant', 'Description', 'Category', 'Amount (\u00a3)', 'Approved by'],
            [[datetime.datetime(d.year, d.month, d.day), c, de, ca, am, ap] for d, c, de, ca, am, ap in claims],
            fmts={0: dd, 4: '#,##0.00'})
    s.widths(1, [12, 16, 34, 13, 12, 14])

    s = b.sheet('Budget monitoring')
    s.put(1, 1, 'Revenue budget monitoring \u2013 month 5 (August 2025)', bold=True, size=12)
    lines = [('R100', 'Housing options', 2140, 2100, 2260, 'Temporary accommodation demand'),
             ('R110', 'Homelessness prevention', 860, 860, 845, ''),
             ('R200', 'Waste collection', 5320, 5200, 5410, 'Agency drivers'),
             ('R210', 'Street cleansing', 1980, 1950, 1940, ''),
             ('R300', 'Planning', 1210, 1150, 1180, 'Fee income below budget'),
             ('R310', 'Building control', 340, 330, 352, ''),
             ('R400', 'Leisure', 760, 700, 690, 'Savings delivered early')]
    body = [[cc, sv, bu, ta, fo, fo - bu, cm] for cc, sv, bu, ta, fo, cm in lines]
    body.append(['Total', None, sum(x[2] for x in body), sum(x[3] for x in body), sum(x[4] for x in body),
                 sum(x[5] for x in body), None])
    s.block(3, 1, ['Cost centre', 'Service', 'Budget \u00a3000', 'Target \u00a3000', 'Forecast \u00a3000',
                   'Variance \u00a3000', 'Commentary'], body, fmts={2: '#,##0', 3: '#,##0', 4: '#,##0', 5: '#,##0;[Red]-#,##0'})
    s.widths(1, [12, 24, 12, 12, 13, 13, 30])

    s = b.sheet('Pivot')
    totals = {}
    for _, _, _, ca, am, _ in claims:
        totals.setdefault(ca, [0, 0])
        totals[ca][0] += am
        totals[ca][1] += 1
    body = [[k, round(v[0], 2), v[1]] for k, v in sorted(totals.items())]
    body.append(['Grand Total', round(sum(v[0] for v in totals.values()), 2), sum(v[1] for v in totals.values())])
    s.block(3, 1, ['Row Labels', 'Sum of Amount (\u00a3)', 'Count of Claimant'], body, fmts={1: '#,##0.00'})
    s.widths(1, [16, 20, 18])
    return b


def book_not_lists():
    b = UBook('not-trackers-lists.xlsx', 'Staff contacts', font=('Arial', 10))
    b.notes.append('no tracker: a staff contact list, a meeting calendar (`Date`, `Papers due` dates but no action), '
                   'a risk register (`Risk owner` but no action column); no work stream, every block unread')
    s = b.sheets[0]
    s.block(1, 1, ['Name', 'Job title', 'Team', 'Phone', 'Email'], [
        ['Helen Arkwright', 'Head of Housing', 'Housing', '01632 961 201', 'h.arkwright@example.gov.uk'],
        ['Marcus Idowu', 'Housing Options Manager', 'Housing', '01632 961 244', 'm.idowu@example.gov.uk'],
        ['Fiona Laidlaw', 'Performance Officer', 'Policy and Performance', '01632 961 318', 'f.laidlaw@example.gov.uk'],
        ['Rajesh Kumaran', 'Finance Business Partner', 'Finance', '01632 961 402', 'r.kumaran@example.gov.uk'],
        ['Elin Probert', 'Senior Lawyer', 'Legal', '01632 961 455', 'e.probert@example.gov.uk']])
    s.widths(1, [18, 26, 22, 15, 30])
    s = b.sheet('Meetings 2025-26')
    dd = 'dd/mm/yyyy'
    meet = [('Cabinet', D(2025, 10, 8), '18:00', 'Council Chamber', 'Leader', D(2025, 9, 29)),
            ('Overview and Scrutiny', D(2025, 10, 15), '18:30', 'Committee Room 1', 'Cllr B. Ferris', D(2025, 10, 6)),
            ('Audit and Governance', D(2025, 10, 23), '14:00', 'Committee Room 2', 'Mr T. Sandford', D(2025, 10, 14)),
            ('Full Council', D(2025, 11, 5), '19:00', 'Council Chamber', 'Mayor', D(2025, 10, 27)),
            ('Cabinet', D(2025, 11, 12), '18:00', 'Council Chamber', 'Leader', D(2025, 11, 3))]
    s.put(1, 1, 'Committee calendar 2025-26', bold=True, size=12)
    s.block(3, 1, ['Meeting', 'Date', 'Time', 'Venue', 'Chair', 'Papers due'],
            [[m, datetime.datetime(d.year, d.month, d.day), t, v, c, datetime.datetime(p.year, p.month, p.day)]
             for m, d, t, v, c, p in meet], fmts={1: dd, 5: dd})
    s.widths(1, [24, 12, 8, 20, 16, 12])
    s = b.sheet('Risk register')
    s.put(1, 1, 'Corporate risk register (extract)', bold=True, size=12)
    s.block(3, 1, ['Risk ID', 'Risk', 'Likelihood', 'Impact', 'Score', 'Risk owner', 'Controls in place'], [
        ['CR01', 'The council cannot set a balanced budget', 4, 5, 20, 'Chief Finance Officer',
         'Medium term financial strategy; savings tracker'],
        ['CR02', 'A cyber attack stops key services', 3, 5, 15, 'Head of ICT', 'Backups; multi-factor login'],
        ['CR03', 'Temporary accommodation costs keep rising', 4, 4, 16, 'Head of Housing', 'Prevention fund'],
        ['CR04', 'Failure to recruit to key posts', 3, 3, 9, 'Head of HR', 'Market supplements']])
    s.widths(1, [8, 40, 10, 8, 7, 22, 40])
    b.judge('Risk register', 'unread', 'a risk register names an owner but has no action column: it is not an '
            'action tracker, so it is unread')
    return b


# ======================================================================================
# 15. Board action log (Done? Y/N), risk actions under merged risks, actions over merged rows
# ======================================================================================

def book_action_log():
    b = UBook('board-action-log.xlsx', 'Board action log', font=('Calibri', 11))
    b.notes.append('a board action log `Meeting date | Minute ref | Action | Action owner | Due | Done? (Y/N) | '
                   'Update` (meeting date never the target; `Next meeting` as free text); risk actions under a risk '
                   'id and text merged over their action rows; away-day actions with no status and no date column '
                   '(no target, Not rated); a milestone plan whose action numbers, texts, leads and statuses are '
                   'merged over one row per milestone (one action each, due at its last milestone)')
    s = b.sheets[0]
    dd = 'dd/mm/yyyy'
    m1, m2, m3 = [xdate(d, dd) for d in (D(2025, 5, 29), D(2025, 7, 31), D(2025, 9, 25))]
    titled_tracker(s, 'Pellworth Hospitals NHS Trust \u2013 Trust Board action log (public meeting)', [
        C('meeting', 'Meeting date', 12), C('id', 'Minute ref', 10), C('action', 'Action', 44),
        C('owner', 'Action owner', 20), C('target', 'Due', 12), C('status', 'Done? (Y/N)', 10, mode='yn'),
        C('progress', 'Update', 34)], [
        A(meeting=m1, id='TB25/041', action='Bring the maternity safety report to the July Board',
          owner='Chief Nurse', target=xdate(D(2025, 7, 31), dd), status='Y', progress='Received in July'),
        A(meeting=m1, id='TB25/044', action='Circulate the revised capital plan to Board members',
          owner='Chief Finance Officer', target=xdate(D(2025, 6, 13), dd), status='Y'),
        A(meeting=m2, id='TB25/067', action='Report on the causes of the rise in pressure ulcers',
          owner='Chief Nurse', target=xdate(D(2025, 9, 25), dd), status='N', progress='Deferred to November'),
        A(meeting=m2, id='TB25/071', action='Arrange a Board visit to the new endoscopy unit',
          owner='Trust Secretary', target=free('Next meeting'), status='N'),
        A(meeting=m2, id='TB25/072', action='Share the staff survey action plan', owner='Chief People Officer',
          target=xdate(D(2025, 8, 29), dd), status='N', progress='Survey results late'),
        A(meeting=m3, id='TB25/090', action='Update the Board on winter bed capacity', owner='Chief Operating Officer',
          target=xdate(D(2025, 10, 30), dd), status=None),
        A(meeting=m3, id='TB25/091', action='Confirm the date of the annual members\u2019 meeting',
          owner='Trust Secretary', target=xdate(D(2025, 10, 9), dd), status='N')])
    b.judge(s.ws.title, 'status_cells', 'a Done? (Y/N) column is a status: Y is Completed, N is In progress (an '
            'open action); DESIGN.md\'s vocabulary has neither letter',
            stream='Pellworth Hospitals NHS Trust \u2013 Trust Board action log (public meeting)')
    b.judge(s.ws.title, 'ids', 'the Minute ref (TB25/041) is the action\'s number',
            stream='Pellworth Hospitals NHS Trust \u2013 Trust Board action log (public meeting)')

    s = b.sheet('Risk actions')
    risks = [('R07', 'Patients wait too long for planned surgery', [
        ('Open two extra theatre sessions a week', 'Director of Surgery', xdate(D(2025, 9, 5), dd), 'Y'),
        ('Validate the waiting list every quarter', 'Head of Access', recurring('Quarterly'), 'Y'),
        ('Send long waiters to the independent sector', 'Director of Surgery', xdate(D(2025, 12, 19), dd), 'N')]),
        ('R12', 'Nurse vacancies stay above 10%', [
            ('Recruit 40 international nurses', 'Deputy Chief Nurse', xdate(D(2026, 3, 31), dd), 'N'),
            ('Launch a retention scheme for newly qualified nurses', 'Chief People Officer', xdate(D(2025, 8, 1), dd),
             'N')])]
    rows, merges = [], []
    for rid, text, acts in risks:
        for i, (act, own, due, done) in enumerate(acts):
            rows.append(A(id=rid if i == 0 else None, x=text if i == 0 else None, action=act, owner=own, target=due,
                          status=done))
        merges.append(len(acts))
    st = titled_tracker(s, 'Actions to reduce the Trust\u2019s highest risks', [
        C('id', 'Risk ID', 8), C('x', 'Risk', 30), C('action', 'Action', 44), C('owner', 'Action owner', 22),
        C('target', 'Due', 12), C('status', 'Done? (Y/N)', 10, mode='yn')], rows)[0]
    r = st.actions[0].row
    for n in merges:
        for c in (1, 2):
            s.ws.merge_cells(start_row=r, start_column=c, end_row=r + n - 1, end_column=c)
        r += n
    b.judge(s.ws.title, 'action_rows', 'each action row under a merged risk is an action of its own; only the '
            'first carries the risk id', stream='Actions to reduce the Trust\u2019s highest risks')

    # actions written up after a Board away day: no status and no date yet (Not rated, no target)
    s = b.sheet('Away day')
    titled_tracker(s, 'Board development away day, 11 September 2025 \u2013 actions', [
        C('id', 'No', 5), C('action', 'Action', 46), C('owner', 'Lead', 24), C('x', 'Notes', 34)], [
        A(id=1, action='Draft a Board skills matrix', owner='Trust Secretary'),
        A(id=2, action='Arrange a session on health inequalities data', owner='Director of Strategy',
          x='Ask the ICB analysts'),
        A(id=3, action='Agree how the Board hears from staff networks', owner='Chief People Officer')])

    s = b.sheet('Milestone plan')
    titled_tracker(s, 'Urgent and emergency care improvement plan 2025/26', [
        C('id', 'No', 5), C('action', 'Action', 36), C('milestones', 'Milestone', 34), C('target', 'Due', 12),
        C('owner', 'Lead', 22), C('status', 'Status', 14)], [
        A(id=1, action='Open a same-day emergency care unit', owner='Clinical Director, Acute Medicine',
          status='On track', sub=[dict(milestones='Agree the clinical model', target=xdate(D(2025, 5, 30), dd)),
                                  dict(milestones='Finish the building works', target=xdate(D(2025, 9, 12), dd)),
                                  dict(milestones='Open to patients', target=xdate(D(2025, 11, 3), dd))]),
        A(id=2, action='Reduce ambulance handover delays', owner='Chief Operating Officer', status='At risk',
          sub=[dict(milestones='Open the ambulance receiving area', target=xdate(D(2025, 6, 30), dd)),
               dict(milestones='95% of handovers within 45 minutes', target=mtext(2025, 10))]),
        A(id=3, action='Expand virtual wards to 80 beds', owner='Director of Community Services',
          status='Behind schedule', sub=[dict(milestones='40 beds', target=xdate(D(2025, 4, 30), dd)),
                                         dict(milestones='80 beds', target=xdate(D(2025, 8, 31), dd))]),
        A(id=4, action='Publish the winter plan', owner='Chief Operating Officer', status='Completed',
          milestones='Board approval', target=xdate(D(2025, 9, 26), dd))])
    return b


# ======================================================================================
# 16. Lead and Support owners, 1.2.3 numbering, parent headings, `Progress RAG`
# ======================================================================================

def book_lead_support():
    b = UBook('lead-support-numbering.xlsx', 'Improvement plan', font=('Calibri', 10))
    b.notes.append('`Lead` and `Support` owners; `1.1.1` numbering; two levels of headings (`1 Prevention …` '
                   'directly over `1.1 …`: the upper one has no actions of its own); a `Progress RAG` column of '
                   'ratings (Blue, G, Amber/Green, A) and, on a second sheet, a `Progress RAG` column of progress '
                   'words (Complete, On track, At risk, Off track, a near miss `On trak`); quick wins with a status '
                   'and no date column (no target)')
    s = b.sheets[0]
    s.line('Silverholme Metropolitan Borough Council \u2013 Adult Social Care improvement plan', gap=1)
    cols = [C('id', 'Ref', 7), C('action', 'Action', 44), C('owner', 'Lead', 22), C('support', 'Support', 22),
            C('target', 'Milestone date', 13), C('rating', 'Progress RAG', 10), C('progress', 'Update', 32)]
    x = xdate
    s.tracker(None, cols, [
        ('parent', '1 Prevention and early help', True, GREY),
        ('heading', '1.1 Information and advice', False),
        A(id='1.1.1', action='Relaunch the online directory of services', owner='Head of Prevention',
          support='Digital Team', target=x(D(2025, 7, 31)), rating='Blue', progress='Live'),
        A(id='1.1.2', action='Train library staff as community navigators', owner='Head of Prevention',
          support='Libraries Manager', target=x(D(2025, 12, 12)), rating='G'),
        A(id='1.1.3', action='Publish easy-read guides to care charges', owner='Head of Finance (Adults)',
          support='Communications Team', target=x(D(2025, 10, 31)), rating='Amber/Green'),
        ('heading', '1.2 Carers', False),
        A(id='1.2.1', action='Offer every carer an assessment within 28 days', owner='Carers Lead',
          support='Assessment Teams', target=x(D(2025, 8, 31)), rating='Red', progress='Average 41 days'),
        A(id='1.2.2', action='Recommission the carers\u2019 centre', owner='Head of Commissioning',
          support='Carers Lead', target=x(D(2026, 2, 27)), rating='Amber'),
        ('parent', '2 Assessment and care management', True, GREY),
        ('heading', '2.1 Waiting lists', False),
        A(id='2.1.1', action='Triage everyone waiting more than 28 days', owner='Head of Assessment',
          support='Principal Social Worker', target=x(D(2025, 10, 10)), rating='A'),
        A(id='2.1.2', action='Add two locum social work teams', owner='Head of Assessment', support='HR Business Partner',
          target=x(D(2025, 9, 30)), rating='Green')], header_fill=PALE_BLUE)
    b.judge(s.ws.title, 'title', 'a numbered heading directly over sub-headings ("1 Prevention and early help") '
            'starts no work stream: the streams are "1.1 Information and advice", "1.2 Carers", "2.1 Waiting lists"')

    s = b.sheet('Quick wins')
    titled_tracker(s, 'Quick wins agreed with the improvement partner', [
        C('id', 'Ref', 7), C('action', 'Action', 44), C('owner', 'Lead', 22), C('support', 'Support', 22),
        C('status', 'Status', 12)], [
        A(id='QW1', action='Publish the duty rota for the front door', owner='Head of Assessment',
          support='Business Support', status='Done'),
        A(id='QW2', action='Add a call-back option to the contact centre line', owner='Head of Prevention',
          support='Customer Services', status='Underway'),
        A(id='QW3', action='Send a letter to everyone on the waiting list', owner='Head of Assessment',
          support='Business Support', status='Done')])

    s = b.sheet('Actions (words)')
    titled_tracker(s, 'Workforce actions', [
        C('id', 'Ref', 7), C('action', 'Action', 44), C('owner', 'Lead', 22), C('support', 'Support', 22),
        C('target', 'Milestone date', 13), C('status', 'Progress RAG', 12)], [
        A(id='3.1.1', action='Agree a workforce strategy for adult social care', owner='Director of Adult Services',
          support='HR Business Partner', target=x(D(2025, 5, 30)), status='Complete'),
        A(id='3.1.2', action='Introduce a career pathway for care workers', owner='Principal Social Worker',
          support='Learning and Development', target=x(D(2026, 1, 30)), status='On track'),
        A(id='3.1.3', action='Cut agency social workers to ten', owner='Head of Assessment',
          support='HR Business Partner', target=x(D(2025, 12, 31)), status='At risk'),
        A(id='3.2.1', action='Run an international recruitment campaign', owner='Head of HR', support='Head of Assessment',
          target=x(D(2025, 9, 12)), status='Off track'),
        A(id='3.2.2', action='Offer a retention payment to social workers', owner='Director of Adult Services',
          support='Finance Business Partner', target=x(D(2026, 3, 31)), status='Not started'),
        A(id='3.2.3', action='Hold stay interviews with every team', owner='Head of HR', support='Team Managers',
          target=x(D(2025, 11, 28)), status='On trak')])
    return b


# ======================================================================================
# 17. A project action log with Date raised and Date closed; an issues log
# ======================================================================================

def book_issues():
    b = UBook('project-action-log.xlsx', 'Action log', font=('Arial', 9))
    b.notes.append('a project action log `ID | Date raised | Raised by | Action | Owner | Target date | Date closed | '
                   'Status` (neither Date raised nor Date closed is the target); Open, Closed, On hold, Cancelled, '
                   'Overdue; `ASAP` and an empty target; an issues log whose `Resolved` is not in the vocabulary '
                   '(Unrecognised) and whose `Description` is the action; lessons-learned actions with owners and '
                   'dates but no status (judged on dates alone)')
    s = b.sheets[0]
    title_block(s, ['Easterleigh District Council', 'Coldharbour Leisure Centre rebuild \u2013 project board'])
    dd = 'dd/mm/yy'
    x = xdate
    titled_tracker(s, 'Action log', [
        C('id', 'ID', 6), C('raised', 'Date raised', 11), C('x', 'Raised by', 14), C('action', 'Action', 42),
        C('owner', 'Owner', 18), C('target', 'Target date', 11), C('closed', 'Date closed', 11),
        C('status', 'Status', 11)], [
        A(id='A01', raised=x(D(2025, 3, 4), dd), x='Project Board', action='Confirm the planning conditions with the contractor',
          owner='Project Manager', target=x(D(2025, 3, 28), dd), closed=x(D(2025, 3, 26), dd), status='Closed'),
        A(id='A02', raised=x(D(2025, 4, 1), dd), x='Project Board', action='Agree the decant plan for swimming clubs',
          owner='Leisure Manager', target=x(D(2025, 6, 30), dd), status='Overdue'),
        A(id='A03', raised=x(D(2025, 5, 6), dd), x='Finance', action='Report the contingency drawdown monthly',
          owner='Project Accountant', target=recurring('Monthly'), status='Open'),
        A(id='A04', raised=x(D(2025, 6, 3), dd), x='Project Board', action='Choose the sports hall floor supplier',
          owner='Project Manager', target=x(D(2025, 10, 10), dd), status='Open'),
        A(id='A05', raised=x(D(2025, 6, 3), dd), x='Ward councillor', action='Write to residents about road closures',
          owner='Communications Officer', target=free('ASAP'), status='Open'),
        A(id='A06', raised=x(D(2025, 7, 1), dd), x='Project Board', action='Commission a bat survey',
          owner='Project Manager', target=x(D(2025, 7, 25), dd), closed=x(D(2025, 8, 14), dd), status='Closed'),
        A(id='A07', raised=x(D(2025, 7, 1), dd), x='Contractor', action='Confirm the substation upgrade date',
          owner='Project Manager', target=None, status='On hold'),
        A(id='A08', raised=x(D(2025, 8, 5), dd), x='Project Board', action='Hold an open day on site',
          owner='Communications Officer', target=x(D(2025, 9, 20), dd), status='Cancelled')])
    s = b.sheet('Issues')
    s.tracker('Issues', [
        C('id', 'Issue no', 8), C('action', 'Description', 42), C('x', 'Impact', 10), C('owner', 'Owner', 18),
        C('target', 'Resolution due', 12), C('status', 'Status', 11), C('progress', 'Resolution', 30)], [
        A(id='I-01', action='Asbestos found in the plant room', x='High', owner='Project Manager',
          target=x(D(2025, 5, 16), dd), status='Closed', progress='Removed by specialist'),
        A(id='I-02', action='Steel delivery six weeks late', x='High', owner='Contractor', target=x(D(2025, 8, 29), dd),
          status='Resolved', progress='Programme re-sequenced'),
        A(id='I-03', action='Utility diversion cost above estimate', x='Medium', owner='Project Accountant',
          target=x(D(2025, 10, 31), dd), status='Open'),
        A(id='I-04', action='Club users unhappy with the temporary pool times', x='Low', owner='Leisure Manager',
          target=x(D(2025, 10, 3), dd), status='Pending')])
    # lessons-learned actions with owners and dates but no status: judged on dates alone
    s = b.sheet('Lessons learned')
    titled_tracker(s, 'Lessons learned from the Coldharbour design stage', [
        C('id', 'Ref', 6), C('action', 'Action', 44), C('owner', 'Owner', 20), C('target', 'By', 12)], [
        A(id='L1', action='Add a utilities survey to every feasibility study', owner='Head of Property',
          target=x(D(2025, 9, 19), dd)),
        A(id='L2', action='Involve club users before the design freeze', owner='Leisure Manager',
          target=x(D(2025, 11, 28), dd)),
        A(id='L3', action='Agree a contingency policy for capital projects', owner='Project Accountant',
          target=tbc('TBC'))])
    b.judge('Issues', 'status_cells', '"Resolved" is what the team means by done, but it is not in DESIGN.md\'s '
            'vocabulary: counted Unrecognised (a settings word would fix it)', stream='Issues',
            cell=find(b, 'I-02').row_cells[0]['cell'])
    return b


# ======================================================================================
# Checking what was written
# ======================================================================================

BOOKS = [book_audit, book_audit_register, book_cqc, book_nhs_headings, book_send_wsoa, book_send_app, book_percent,
         book_status_percent, book_ofsted, book_side_by_side, book_colour, book_google, book_not_finance,
         book_not_lists, book_action_log, book_lead_support, book_issues]


def parse_range(rng):
    """'H3:J9' -> (3, 8, 9, 10): first row, first column, last row, last column."""
    a, b_ = rng.split(':')
    (c1, r1), (c2, r2) = openpyxl.utils.cell.coordinate_from_string(a), openpyxl.utils.cell.coordinate_from_string(b_)
    c1, c2 = openpyxl.utils.column_index_from_string(c1), openpyxl.utils.column_index_from_string(c2)
    assert r1 <= r2 and c1 <= c2, rng
    return r1, c1, r2, c2


def cell_fill(cell):
    """The RGB a cell's solid fill shows (theme and indexed colours resolved), or None."""
    from unseen_lib import COLOR_INDEX, THEME_RGB, apply_tint
    f = cell.fill
    if f is None or f.fill_type != 'solid':
        return None
    c = f.fgColor
    if c.type == 'rgb':
        return '#' + c.rgb[-6:]
    if c.type == 'theme':
        return '#' + apply_tint(THEME_RGB[c.theme], c.tint)
    if c.type == 'indexed':
        return '#' + COLOR_INDEX[c.indexed][2:]
    return None


def shown(v):
    """A cell value as the truth quotes it: text as typed, a date as its ISO day."""
    if v is None:
        return ''
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    return v


def check_file(name, truth, folder=OUT):
    """Opens the written file (or its LibreOffice copy) and checks that every cell the truth names holds
    what it says, and that the truth adds up: counts to the total, rows inside their table, ranges well
    formed. Returns the problems found."""
    wb = openpyxl.load_workbook(os.path.join(folder, name))
    problems = []

    def need(ok, what):
        if not ok:
            problems.append(what)

    for st in truth['workstreams']:
        ws = wb[st['sheet']]
        c = st['counts']
        need(sum(v for k, v in c.items() if k != 'total') == c['total'] or st['kind'] == 'ratings',
             ('counts do not add up', st['title']))
        need(sum(st['ratings'].values()) == c['total'], ('ratings do not add up', st['title']))
        r1, c1, r2, c2 = parse_range(st['table_range'])
        need(r2 <= ws.max_row and c2 <= ws.max_column, ('table outside the sheet', st['title']))
        need(st['header_row'] == st['header_rows'][-1] and r1 == st['header_rows'][0], ('header rows', st['title']))
        for role, letter in st['columns'].items():
            col = openpyxl.utils.column_index_from_string(letter)
            need(c1 <= col <= c2, ('column outside the table', st['title'], role))
            texts = [ws.cell(r, col).value for r in st['header_rows']]
            need(any(isinstance(t, str) and t.strip() for t in texts), ('no header text', st['title'], role, letter))
        for r, ident in zip(st['action_rows'], st['ids']):
            need(r1 < r <= r2, ('action row outside the table', st['title'], r))
            if ident is not None:
                v = ws['%s%d' % (st['columns']['id'], r)].value
                if isinstance(v, float) and v.is_integer():
                    v = int(v)        # Google writes whole numbers as 1.0; Excel shows 1
                need(str(v) == ident, ('id', st['title'], r, v, ident))
        for e in st['status_cells']:
            v = ws[e['cell']].value
            want = e['raw'] if e['raw'] is not None else ''
            need(shown(v) == want, ('status cell', e['cell'], v, e['raw']))
            if 'fill' in e:
                need(cell_fill(ws[e['cell']]) == e['fill'], ('fill', e['cell'], cell_fill(ws[e['cell']]), e['fill']))
            if e['how'] == 'colour':
                need(v is None, ('colour-only cell has a value', e['cell']))
        for t in st['targets']:
            first = t['cell'].split(':')[0]
            if ':' in t['cell']:
                continue      # milestones over merged rows: checked through their parts
            need(shown(ws[first].value) == t['raw'], ('target', t['cell'], ws[first].value, t['raw']))
        for r in st['hidden_rows']:
            need(bool(ws.row_dimensions[r].hidden), ('row not hidden', st['sheet'], r))
        for m in st['merged_actions']:
            ref = '%s%d' % (st['columns']['id'], m['row'])
            need(any(ref in rg and rg.min_row == m['rows'][0] and rg.max_row == m['rows'][-1]
                     for rg in ws.merged_cells.ranges), ('merged action', ref))
        for sl in st['slips']:
            need(D.fromisoformat(sl['to']) - D.fromisoformat(sl['from']) == datetime.timedelta(days=sl['days']),
                 ('slip days', sl))
        if st['stated']:
            sr1, sc1, sr2, sc2 = parse_range(st['stated']['range'])
            need(sr1 > r2 or sc1 > c2 or sc2 < c1, ('summary inside its table', st['title']))
            for d in st['stated']['differences']:
                need(ws[d['cell']].value is not None, ('stated cell empty', d['cell']))
        need(st['rag'] in ('Blue', 'Green', 'Amber/Green', 'Amber', 'Amber/Red', 'Red', 'Not rated'), st['rag'])
    for blk in truth['unread'] + truth['legends']:
        ws = wb[blk['sheet']]
        r1, c1, r2, c2 = parse_range(blk['range'])
        heads = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
        filled = [r for r in range(r1 + 1, r2 + 1) if any(ws.cell(r, c).value is not None or cell_fill(ws.cell(r, c))
                                                         for c in range(c1, c2 + 1))]
        need(len(filled) >= 2, ('block without two filled rows', blk))
        if blk in truth['unread']:
            need(len(heads) >= 3 and all(isinstance(h, str) for h in heads), ('unread block header', blk))
    for j in truth['judgement']:
        need(j['sheet'] in wb.sheetnames, ('judgement sheet', j))
    return problems


def lo_compare(name):
    """Cell values, fills of the status cells, hidden rows and merges of a file against its LibreOffice copy."""
    a = openpyxl.load_workbook(os.path.join(OUT, name))
    b = openpyxl.load_workbook(os.path.join(LO_DIR, name))
    diffs, fmts, fills, compared = [], [], [], 0
    for ws in a.worksheets:
        if ws.title not in b.sheetnames:
            diffs.append({'sheet': ws.title, 'problem': 'sheet missing'})
            continue
        wl = b[ws.title]
        cells = {(c.row, c.column) for row in ws.iter_rows() for c in row if c.value is not None}
        cells |= {(c.row, c.column) for row in wl.iter_rows() for c in row if c.value is not None}
        for r, c in sorted(cells):
            x, y = ws.cell(r, c), wl.cell(r, c)
            compared += 1
            vx, vy = x.value, y.value
            if isinstance(vx, float) and isinstance(vy, (int, float)) and abs(vx - vy) < 1e-9:
                vy = vx
            if isinstance(vx, int) and isinstance(vy, float) and vy == vx:
                vy = vx
            if vx != vy:
                diffs.append({'sheet': ws.title, 'cell': x.coordinate, 'original': repr(vx), 'libreoffice': repr(vy)})
            if x.number_format != y.number_format and vx is not None:
                fmts.append([ws.title, x.coordinate, x.number_format, y.number_format])
            fx, fy = cell_fill(x), cell_fill(y)
            if fx != fy:
                fills.append([ws.title, x.coordinate, fx, fy])
        for row in ws.iter_rows():
            for x in row:
                if x.value is None and cell_fill(x) and cell_fill(x) != cell_fill(wl[x.coordinate]):
                    fills.append([ws.title, x.coordinate, cell_fill(x), cell_fill(wl[x.coordinate])])
        hid_a = sorted(r for r, d in ws.row_dimensions.items() if d.hidden)
        hid_b = sorted(r for r, d in wl.row_dimensions.items() if d.hidden)
        if hid_a != hid_b:
            diffs.append({'sheet': ws.title, 'problem': 'hidden rows', 'original': hid_a, 'libreoffice': hid_b})
        ma, mb = sorted(str(m) for m in ws.merged_cells.ranges), sorted(str(m) for m in wl.merged_cells.ranges)
        if ma != mb:
            diffs.append({'sheet': ws.title, 'problem': 'merged cells', 'original': ma, 'libreoffice': mb})
        if (ws.auto_filter.ref or None) != (wl.auto_filter.ref or None) and not ws.tables:
            diffs.append({'sheet': ws.title, 'problem': 'autofilter', 'original': ws.auto_filter.ref,
                          'libreoffice': wl.auto_filter.ref})
    out = {'file': name, 'cells_compared': compared, 'values_identical': not [d for d in diffs if 'cell' in d],
           'differences': diffs}
    if fmts:
        out['number_formats_changed'] = fmts
    if fills:
        out['fills_changed'] = fills
    tables = {ws.title: dict(ws.tables.items()) for ws in a.worksheets if ws.tables}
    if tables:
        out['tables'] = {'original': tables, 'libreoffice': {
            ws.title: dict(ws.tables.items()) for ws in b.worksheets if ws.tables}}
    return out


# ======================================================================================
# README and main
# ======================================================================================

README_HEAD = """# Unseen trackers

Made by `scripts/make-variant-trackers.py --set unseen` (its helpers are in `scripts/trackers_lib.py`,
`scripts/unseen_lib.py` and `scripts/unseen_trackers.py`; run with `/usr/bin/python3`, `--no-lo` skips the
LibreOffice copies). Everything in them is invented: no council, trust, person or figure is real. The
workbooks were written for the detection rebuild and never read by Ragbook before; every answer in
`expected.json` is worked out by the generator from the cells it wrote, following DESIGN.md's rules and
vocabulary (with Withdrawn), never by running Ragbook.

## expected.json

The per-file format of `../variants/expected.json` (`as_of` 2025-09-30; per file `date1904`, `workstreams`
in workbook order, `overall`), with these changes:

- `counts` has `withdrawn` (Superseded, Cancelled, Withdrawn, No longer required, Not applicable, N/A).
  Withdrawn actions are never overdue or due soon; RAG rules and percentages use the actions that still
  count (total less withdrawn). Hand-typed percentages in these files are typed that way too.
- `status_cells` entries: `dimension` is `progress`, `rating`, `percent` (a % complete cell, with
  `percent`, the fraction, or null when empty) or `colour` (a rating cell that is empty but filled:
  `how: "colour"`, `raw: null`, `fill: "#RRGGBB"`, and `fill_source` when the colour is stored as a theme
  or indexed colour); `implied` is the rating a status word implies (Blue for completed words, Green for
  On track, Amber for At risk / Delayed / Slipping, Red for Off track / Behind schedule / Overdue / Not
  achieved); `fill` on a rating word written on a fill; `warning` names a finding the cell must raise
  beyond the `how` ones: `status.percent-mismatch` (a % complete that contradicts the status, which is
  counted), `rating.fill-mismatch` (a rating word on another rating's colour; the word counts),
  `rating.overdue` (a rating better than Red on an action more than 28 days overdue, ratings-only tables).
  `how` is `exact` (the canonical word, any case and spacing), `synonym`, `letter`, `near-miss`,
  `unrecognised`, `empty`, `percent`, `colour`, or `yes-no` (a Done? Y/N cell; see `judgement`).
- Per stream: `header_rows` (both rows of a two-row header; `header_row` is the lower), `table_range` (the
  whole table the stream belongs to, header included), `columns` (role -> column letter: id, action,
  progress, status, rating, percent, target, target_orig, start, raised, meeting, closed, owner, support,
  priority, milestones, group), `percent_complete_column`, `target_column` (the revised target column
  when there is one), `slips` ({cell of the revised date, from, to, days} where original and revised both
  read and differ), `no_target`, `hidden_rows` (hidden rows of actions; they count), `merged_actions`
  ({row, rows}: an action whose number and text are merged over several rows owns them; its target
  `cell` is then the range of the milestone dates and its `final` the latest).
- `targets[].cell` is the cell the target was read from: the revised cell, or the original one when the
  revised cell is empty.
- Target-date kinds add `excel-month` (an Excel date under a month-and-year format: the END of that
  month), `financial-year` (`2025/26`, `2025-26`, `FY 2025/26`: 31 March 2026) and `term` (`Autumn term
  2025`: 31 December; Spring: 31 March; Summer: 31 July); `31.03.2025`, `3 Sept 2025` are `date-text`,
  `Sept 2025` is `month-year`.
- `rag`: DESIGN.md's default rules, with `Not rated` for no counting action, or no status and no
  readable date; a table with a status and a rating is the worse of the derived and the worst declared;
  never better than the worst implied rating.
- Per file: `unread` (`{sheet, range}` of every table-like block that is neither a tracker, a summary
  block nor a legend: it must be reported as `table.unread` and never become a work stream), `legends`
  (`{sheet, range}` of keys and legends: never counted, never unread), and `judgement` (`{sheet, stream,
  field, note[, cell]}`: the expectations that are a performance officer's judgement rather than a rule
  of DESIGN.md, so tests can count rule-checks and judgement-checks apart).

`lo/` holds each workbook after a save by LibreOffice Calc (`soffice --convert-to xlsx`);
`lo/roundtrip.json` compares them cell by cell (values, number formats, fills, hidden rows, merges).

## Files

| file | what varies |
| --- | --- |
"""


def main(no_lo=False):
    if os.path.isdir(OUT):
        for f in os.listdir(OUT):
            if f.endswith('.xlsx'):
                os.remove(os.path.join(OUT, f))
    os.makedirs(OUT, exist_ok=True)
    books = [make() for make in BOOKS]
    raws = [e['raw'] for bk in books for st in bk.streams for e in st.cells if e['dimension'] == 'progress']
    check_vocabulary(raws)
    expected = {'note': 'All content is invented. Computed by scripts/make-variant-trackers.py --set unseen '
                        '(scripts/unseen_trackers.py) from the cells it wrote, following DESIGN.md\'s rules and '
                        'vocabulary; see README.md for the fields added to the variant format.',
                'as_of': AS_OF.isoformat(), 'files': {}}
    for bk in books:
        expected['files'][bk.name] = bk.save(OUT)
    problems = []
    for bk in books:
        problems += [(bk.name,) + tuple(p) if isinstance(p, tuple) else (bk.name, p)
                     for p in check_file(bk.name, expected['files'][bk.name])]
    if problems:
        for p in problems:
            print('CHECK FAILED:', p)
        sys.exit(1)
    with open(os.path.join(OUT, 'expected.json'), 'w', encoding='utf-8') as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write('\n')
    with open(os.path.join(OUT, 'README.md'), 'w', encoding='utf-8') as f:
        f.write(README_HEAD)
        for bk in books:
            # a pipe inside a table cell must be escaped, even within backticks
            f.write('| `%s` | %s |\n' % (bk.name, ' '.join(bk.notes).replace('|', '\\|')))
        f.write('\nRoles, kinds and judgement calls per file are in `expected.json`.\n')
    if not no_lo:
        if os.path.isdir(LO_DIR):
            shutil.rmtree(LO_DIR)
        if lo_copies([os.path.join(OUT, bk.name) for bk in books], LO_DIR):
            notes = {'note': 'Each workbook against its copy saved by LibreOffice Calc (soffice --headless '
                             '--convert-to xlsx), read with openpyxl. Fills are compared as the RGB they show '
                             '(theme and indexed colours resolved with the default Office theme).',
                     'comparisons': [lo_compare(bk.name) for bk in books]}
            with open(os.path.join(LO_DIR, 'roundtrip.json'), 'w', encoding='utf-8') as f:
                json.dump(notes, f, ensure_ascii=False, indent=1)
                f.write('\n')
        else:
            print('soffice not found: LibreOffice copies not made')
    n = sum(len(bk.streams) for bk in books)
    print('ok: %d workbooks, %d work streams, %d unread blocks' % (
        len(books), n, sum(len(bk.unread) for bk in books)))
