#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Builds tests/fixtures/variants/: tracker workbooks laid out the many ways real
council trackers are, with the ground truth for each in expected.json.

The four fixture shapes (DESIGN.md, "Tracker shapes") show one layout each. Real
trackers vary the header words, where the table starts, how the hand-typed summary is
written, how statuses and ratings are spelt and how target dates are typed. Each
workbook here mixes such variations; every answer in expected.json is worked out by
this script from what it wrote: the status word meant by each spelling, the date meant
by each target text, the numbers a person typed into each summary block (right, or
left over from an earlier version of the rows).

Everything is invented ("Fernleigh District Council" does not exist).

Run with Debian's python3-openpyxl:  /usr/bin/python3 scripts/make-variant-trackers.py [--no-lo]
With --set unseen it writes the unseen corpus instead (tests/fixtures/trackers/, made by
scripts/unseen_trackers.py); the default set is this one, unchanged.
The .xlsx bytes are reproducible (fixed document properties and zip timestamps). The
lo/ copies are the same workbooks after a save by LibreOffice (soffice --convert-to
xlsx); they differ between runs in their timestamps only.
"""
import datetime
import json
import os
import sys

from openpyxl.worksheet.table import Table, TableStyleInfo

# The helpers live in trackers_lib.py, shared with the unseen corpus (unseen_trackers.py).
from trackers_lib import (AS_OF, COUNCIL, PROGRESS, RATING, Book, R, Stream, T, a1, bad, dtext, endof, free,
                          lo_copies, month_end, mtext, qtext, recurring, target_truth, tbc, wc, xdate)

D = datetime.date
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'tests', 'fixtures', 'variants')
LO_DIR = os.path.join(OUT, 'lo')

# ======================================================================================
# 1. Work-stream blocks from column B, header words and summaries varied
# ======================================================================================

def book_blocks_b():
    b = Book('ws-blocks-col-b.xlsx', 'Action plan')
    s = b.sheets[0]
    s.default_col = 2
    s.line(COUNCIL, col=2)
    s.line('Corporate Improvement Plan 2025/26 \u2013 progress report to Cabinet', col=2)
    s.line('Position as at 30 September 2025', col=2, bold=False, gap=1)

    s.line('Workstream 1 - Leadership and governance', col=2, merge_to=8)
    s.table('Workstream 1 - Leadership and governance',
            [('id', 'Ref'), ('action', 'Action\ndescription'), ('progress', 'Update'), ('status', 'RAG status'),
             ('target', 'Due date'), ('owner', 'Lead officer'), ('x', 'Evidence')],
            [R('LG1', 'Refresh the constitution and scheme of delegation', 'Approved by Council in July 2025',
               'Completed', xdate(D(2025, 7, 17)), 'Monitoring Officer', x='Council minutes 17/07/2025'),
             R('LG2', 'Agree a member development programme', 'Programme agreed; sessions run monthly', 'Complete',
               xdate(D(2025, 6, 30), 'd-mmm-yy'), 'Head of Democratic Services'),
             R('LG3', 'Introduce a forward plan of key decisions', 'Plan published monthly since April', 'Done',
               xdate(D(2025, 4, 1), 'mmmm yyyy'), 'Monitoring Officer'),
             R('LG4', 'Review the effectiveness of the audit committee', 'Self-assessment under way with CIPFA',
               'On track', xdate(D(2025, 12, 31), 'd mmmm yyyy'), 'Chief Finance Officer'),
             R('LG5', 'Publish an annual governance statement on time', 'Draft ready; awaiting external audit',
               'in-progress', xdate(D(2025, 10, 10), '[$-809]dd mmmm yyyy;@'), 'Chief Finance Officer'),
             R('LG6', 'Set up a cross-party improvement board', 'Terms of reference stuck with group leaders',
               'On hold', xdate(D(2025, 9, 1), 'dd.mm.yyyy'), 'Chief Executive'),
             R('LG7', 'Train all managers in decision-making and records', 'Course commissioned for spring',
               'Not started', xdate(D(2026, 3, 31), 'yyyy-mm-dd'), 'HR Business Partner')])
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'static', 'notStarted', 'total'], 'col': 2,
               'percent': 'text'})
    s.skip(2)

    s.line('Workstream 2 - Financial sustainability', col=2, merge_to=8)
    s.line('Appendix A', col=2, bold=False)
    s.table('Workstream 2 - Financial sustainability',
            [('id', 'Action No.'), ('owner', 'Lead officer'), ('action', 'Action'), ('target', 'Deadline'),
             ('progress', 'Progress as at 31/03/2025'), ('status', 'Progress status'), ('x', 'Risks')],
            [R(1, 'Close the 2025/26 budget gap of \u00a34.2m', 'Savings of \u00a33.1m identified', 'In progress',
               endof(2026, 3), 'Chief Finance Officer', x='Savings may slip'),
             R(2, 'Produce a five-year medium term financial strategy', 'Strategy approved in February',
               'Completed', dtext(D(2025, 2, 28)), 'Chief Finance Officer'),
             R(3, 'Review fees and charges against neighbouring councils', 'Benchmarking done; report drafted',
               'Completed', mtext(2025, 1), 'Head of Finance'),
             R(4, 'Rebuild general fund reserves to 10% of net budget', 'Reserves at 7.4%', 'Ongoing',
               qtext('Q4 2025/26', 2025, 4), 'Chief Finance Officer'),
             R(5, 'Introduce monthly budget monitoring for every service', 'Monthly reports since May',
               'Completed', mtext(2025, 5, short=True), 'Head of Finance'),
             R(6, 'Complete an asset review and dispose of surplus land', 'Review stalled pending valuations',
               'Stalled', qtext('Quarter 2', 2024, 2), 'Head of Property'),
             R(7, 'Agree a capital programme funded within the prudential code', 'Draft programme at scrutiny',
               'In progress', tbc(), 'Chief Finance Officer')],
            ref_date=D(2025, 3, 31))
    s.skip()
    # typed before action 3 was finished: Completed and In progress are stale
    s.summary({'fields': ['completed', 'inProgress', 'static', 'total'], 'labels': {'total': 'No. of actions'},
               'row_labels': ('Number', '%'), 'percent': 'whole', 'col': 2,
               'stale': {'completed': -1, 'inProgress': +1}})
    s.skip(2)

    for key, name, rows in [
        ('3a', 'Customer access', [
            R('3.1', 'Launch a new customer contact centre telephone menu', 'Live since June', 'COMPLETED',
              dtext(D(2025, 6, 2), 'words'), 'Customer Services Manager'),
            R('3.2', 'Publish customer service standards', 'Standards drafted', 'In Progress',
              dtext(D(2025, 11, 3), 'ordinal'), 'Customer Services Manager')]),
        ('3b', 'Digital services', [
            R('3.3', 'Move the top 20 transactions online', '14 of 20 online', 'Underway',
              wc(D(2025, 10, 6)), 'Head of Digital'),
            R('3.4', 'Replace the council website content system', 'Procurement not yet begun', 'Not yet started',
              mtext(2026, 2), 'Head of Digital'),
            R('3.5', 'Introduce a customer account for council tax', 'Live for 12,000 households', 'Done',
              dtext(D(2025, 5, 30), 'iso'), 'Revenues Manager')]),
        ('3c', 'Complaints', [
            R('3.6', 'Respond to stage 1 complaints within 10 working days', '78% on time', 'In progress',
              recurring('Monthly'), 'Complaints Officer'),
            R('3.7', 'Report complaint learning to the leadership team quarterly', 'Two reports so far',
              'Completed', recurring('Quarterly'), 'Complaints Officer'),
            R('3.8', 'Train front-line staff in handling unreasonable behaviour', 'Trainer not yet found',
              'Static', qtext('Q3 2025/26', 2025, 3), 'HR Business Partner')])]:
        title = 'Workstream %s - %s' % (key, name)
        s.line(title, col=2)
        s.table(title, [('id', 'Ref'), ('action', 'Action'), ('progress', 'Commentary'), ('status', 'Status'),
                        ('target', 'Timescales'), ('owner', 'Responsible officer')], rows)
        s.skip()
    # one block under 3c counts 3a, 3b and 3c; counts typed as text, no percentage row
    s.summary({'covers': 3, 'fields': ['completed', 'inProgress', 'static', 'notStarted', 'total'],
               'col': 2, 'percent': None, 'counts_as_text': True})
    s.skip(2)

    s.line('Workstream 4 - Workforce', col=2)
    s.table('Workstream 4 - Workforce',
            [('id', 'Ref'), ('action', 'Action description'), ('status', 'RAG status'), ('progress', 'Update'),
             ('target', 'By when'), ('owner', 'Owner'), ('x', 'Comments on risk')],
            [R('WF1', 'Agree a workforce strategy', 'Approved at Cabinet', 'Completed', mtext(2025, 3)),
             R('WF2', 'Reduce agency spend by a quarter', 'Spend down 12%', 'In progress', endof(2026, 3, 'by')),
             ('note', 'NB: actions WF3 and WF4 were merged in August'),
             R('WF3', 'Introduce a management development programme', 'First cohort started', 'Started',
               qtext('Q1 2025/26', 2025, 1)),
             R('WF4', 'Run a staff survey and publish the results', 'Survey closed; 61% response', 'Complete',
               dtext(D(2025, 7, 4), 'dmy-short')),
             ('blank',),
             R('WF5', 'Complete pay and grading review', 'Consultation with unions paused', 'Static',
               qtext('Quarter 3 2024-25', 2024, 3)),
             R('WF6', 'Launch an apprenticeship scheme', 'Eight apprentices appointed', 'Completed',
               mtext(2025, 9)),
             R('WF7', 'Bring sickness absence below 9 days per FTE', 'Absence at 10.2 days', 'In progress',
               qtext('Quarters 2 and 3', 2025, 2, 3))])
    s.skip(2)
    # two blank rows above; typed before WF7 was added and WF6 was done
    s.summary({'fields': ['completed', 'inProgress', 'static', 'total'], 'col': 2, 'percent': 'fraction',
               'stale': {'total': -1, 'inProgress': -1, 'completed': -1, 'static': +1}})
    s.skip(2)

    s.line('Workstream 5 - Place and regeneration', col=2)
    s.table('Workstream 5 - Place and regeneration',
            [('id', 'Ref'), ('action', 'Action'), ('progress', 'Update'), ('status', 'Status'),
             ('target', 'Due date'), ('owner', 'Lead officer')],
            [R('PR1', 'Adopt the local plan', 'Examination hearings held', 'In progress', mtext(2026, 6)),
             R('PR2', 'Deliver the town centre masterplan', 'Masterplan adopted', 'Completed', mtext(2025, 4)),
             R('PR3', 'Bid for levelling up capital funding', 'Bid submitted and won', 'Completed', dtext(D(2025, 1, 31))),
             R('PR4', 'Open a business enterprise hub', 'Lease signed', 'Completed', dtext(D(2025, 8, 29))),
             R('PR5', 'Commission a parking strategy', 'Brief out to tender', 'In progress', endof(2025, 12)),
             R('PR6', 'Refresh the economic development strategy', 'Awaiting the new Cabinet member',
               'Static', tbc('To be confirmed')),
             R('PR7', 'Agree a public realm maintenance plan', 'Plan agreed', 'Completed', dtext(D(2025, 5, 1)))])
    s.skip()
    # written down the page: label, number, percentage
    s.summary({'layout': 'vertical', 'fields': ['completed', 'inProgress', 'static', 'total'], 'col': 3,
               'percent': 'text'})
    return b


# ======================================================================================
# 2. Blocks from column C, header lower down, wrapped headers, awkward statuses
# ======================================================================================

def book_blocks_c():
    b = Book('ws-blocks-col-c.xlsx', 'Tracker')
    s = b.sheets[0]
    s.default_col = 3
    s.skip(2)
    s.line('Housing Services Improvement Plan', col=3, merge_to=8)
    s.line('Progress report \u2013 Q2 2025/26', col=3, bold=False, gap=2)

    cols = [('id', 'Ref'), ('action', 'Action'), ('progress', 'Progress as at\n30 September 2025'),
            ('status', 'Progress\nstatus'), ('target', 'By\nwhen'), ('owner', 'Responsible\nofficer')]
    s.line('Theme 1 \u2013 Repairs and maintenance', col=3, merge_to=8)
    s.table('Theme 1 \u2013 Repairs and maintenance', cols,
            [R('1.1', 'Clear the backlog of damp and mould cases', '212 of 240 cases closed', 'In progess',
               endof(2025, 12, 'End of'), 'Repairs Manager'),
             R('1.2', 'Introduce an appointment text reminder', 'Texts sent since May', 'Compelted',
               mtext(2025, 5), 'Repairs Manager'),
             R('1.3', 'Survey 20% of stock each year', 'Survey contractor appointed', 'in-progress',
               qtext('Q4', 2025, 4), 'Asset Manager'),
             R('1.4', 'Re-procure the responsive repairs contract', 'Delayed by legal challenge', 'Deferred',
               qtext('Q1 2026/27', 2026, 1), 'Head of Housing'),
             R('1.5', 'Publish repairs performance every month', '', None, recurring('Monthly'),
               'Performance Officer'),
             R('1.6', 'Set up a tenants\u2019 repairs panel', 'Panel meets quarterly', 'Completed',
               dtext(D(2025, 3, 3)), 'Tenant Engagement Officer'),
             R('1.7', 'Audit gas safety records', 'Audit at 100%', 'Completed ', xdate(D(2025, 8, 31)),
               'Compliance Lead')])
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'static', 'notStarted', 'total'], 'col': 4,
               'row_labels': None, 'percent': 'text', 'total_percent': '100%'})
    s.skip(2)

    s.line('Theme 2 \u2013 Homelessness', col=3, merge_to=8)
    s.table('Theme 2 \u2013 Homelessness', cols,
            [R('2.1', 'End the use of bed and breakfast for families', 'No families in B&B since July',
               'Achieved', dtext(D(2025, 7, 31)), 'Housing Options Manager'),
             R('2.2', 'Open a 20-bed supported housing scheme', 'Building work started', 'Not strated',
               bad('31/02/2026'), 'Housing Options Manager'),
             R('2.3', 'Prevent homelessness in 60% of cases', 'Prevention rate 54%', 'N/A',
               qtext('Quarter 3/ 4', 2025, 3, 4), 'Housing Options Manager'),
             R('2.4', 'Agree a rough sleeping protocol with partners', 'Protocol signed', 'Finished',
               dtext(D(2025, 4, 3), 'ordinal'), 'Rough Sleeping Coordinator'),
             R('2.5', 'Review temporary accommodation charges', 'Waiting for Cabinet slot', 'Statc',
               bad('29/02/2025'), 'Head of Housing'),
             R('2.6', 'Train staff in trauma-informed practice', '40 staff trained', 'Inprogress',
               T('Dec 2024 Jan 2025 February 2025', [('month-year', month_end(2024, 12)),
                                                     ('month-year', month_end(2025, 1)),
                                                     ('month-year', month_end(2025, 2))]),
               'Learning and Development')])
    s.skip()
    # vertical block under a header row of its own
    s.summary({'layout': 'vertical', 'fields': ['completed', 'inProgress', 'static', 'notStarted', 'total'],
               'col': 4, 'percent': 'fraction', 'vertical_header': [None, 'Number', '%'],
               'stale': {'completed': -1, 'notStarted': +1}})
    s.skip(3)

    s.line('Theme 3 \u2013 Tenant involvement', col=3)
    s.table('Theme 3 \u2013 Tenant involvement', cols,
            [R('3.1', 'Refresh the tenant involvement strategy', 'Draft out for consultation', 'Pending',
               wc(D(2025, 10, 13), 'numeric'), 'Tenant Engagement Officer'),
             R('3.2', 'Recruit ten new tenant inspectors', 'Six recruited', 'IN_PROGRESS',
               dtext(D(2025, 10, 1), 'words') + mtext(2026, 1), 'Tenant Engagement Officer'),
             R('3.3', 'Publish an annual report to tenants', 'Published in September', 'DONE',
               dtext(D(2025, 9, 26), 'dmy'), 'Communications Lead'),
             R('3.4', 'Hold estate walkabouts with councillors', 'Two held', 'Awaiting sign-off',
               recurring('In place'), 'Estate Manager')])
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'static', 'total'], 'col': 3,
               'row_labels': ('No.', 'Percentage'), 'percent': 'fraction',
               'percent_typo': {'completed': '52%'}})
    return b


# ======================================================================================
# 3. RAG registers in Excel Tables, with and without a Section column
# ======================================================================================

def book_register_tables():
    b = Book('register-tables.xlsx', 'Peer challenge')
    s = b.sheets[0]
    s.line('LGA Corporate Peer Challenge \u2013 recommendations tracker', col=2)
    s.line('RAG: B = complete, G = on track, A = some slippage, R = off track', col=2, bold=False, gap=1)
    rows = [
        {'group': 'Place leadership', 'id': 1, 'action': 'Set out a clear vision for the district',
         'rating': 'G', 'progress': 'Vision consulted on', 'target': mtext(2025, 11)},
        {'group': 'Place leadership', 'id': 2, 'action': 'Strengthen partnership with the county council',
         'rating': 'A', 'progress': 'Joint board yet to meet', 'target': qtext('Q3 2025/26', 2025, 3)},
        {'group': 'Place leadership', 'id': 3, 'action': 'Communicate the council plan to residents',
         'rating': 'B', 'progress': 'Leaflet to every household', 'target': dtext(D(2025, 6, 30))},
        {'group': 'Organisational leadership', 'id': 4, 'action': 'Clarify roles of the senior team',
         'rating': 'Blue', 'progress': 'Restructure complete', 'target': xdate(D(2025, 5, 1), 'mmm-yy')},
        {'group': 'Organisational leadership', 'id': 5, 'action': 'Improve member-officer relations',
         'rating': 'Amber/Green', 'progress': 'Protocol refreshed', 'target': recurring('On going')},
        {'group': 'Organisational leadership', 'id': 6, 'action': 'Invest in leadership development',
         'rating': 'R', 'progress': 'No budget', 'target': dtext(D(2025, 3, 31))},
        {'group': 'Financial planning', 'id': 7, 'action': 'Close the medium-term budget gap',
         'rating': 'Red', 'progress': 'Gap of \u00a32.1m remains', 'target': endof(2026, 3)},
        {'group': 'Financial planning', 'id': 8, 'action': 'Set a reserves strategy',
         'rating': 'Amber', 'progress': 'Draft strategy', 'target': tbc('TBA')},
        {'group': 'Financial planning', 'id': 9, 'action': 'Review the capital programme',
         'rating': 'green', 'progress': 'Programme re-profiled', 'target': wc(D(2025, 9, 22))},
        {'group': 'Capacity for improvement', 'id': 10, 'action': 'Create a programme management office',
         'rating': 'A/G', 'progress': 'Two posts filled', 'target': qtext('Q1 2025/26', 2025, 1) + mtext(2025, 12)},
        {'group': 'Capacity for improvement', 'id': 11, 'action': 'Improve performance reporting',
         'rating': 'Amber/Red', 'progress': 'New dashboard delayed', 'target': dtext(D(2025, 8, 15))},
        {'group': 'Capacity for improvement', 'id': 12, 'action': 'Embed risk management',
         'rating': 'Ambre', 'progress': 'Risk register refreshed', 'target': mtext(2025, 10)},
    ]
    s.table(None, [('group', 'Section'), ('id', 'No'), ('action', 'Recommendation'), ('rating', 'RAG'),
                   ('progress', 'Progress to date'), ('target', 'Timescale')], rows, col=2, excel_table='PeerRecs')

    s2 = b.sheet('Scrutiny review')
    s2.line('Scrutiny review of the waste service', gap=1)
    s2.table('Scrutiny review', [('id', 'Rec No'), ('action', 'Requirement'), ('rating', 'RAG rating'),
                                 ('progress', 'Achievements to date'), ('owner', 'Owner'), ('target', 'Target date')],
             [R(1, 'Publish missed bin performance each month', 'Published since April', None, recurring('Monthly'),
                'Waste Manager', rating='Green'),
              R(2, 'Review the garden waste charge', 'Charge frozen for a year', None, mtext(2025, 2), 'Waste Manager',
                rating='Blue'),
              R(3, 'Trial food waste collections', 'Trial in two wards', None, qtext('Q4 2024/25', 2024, 4),
                'Waste Manager', rating='Amber'),
              R(4, 'Replace the oldest refuse vehicles', 'Order placed', None, dtext(D(2025, 12, 1)),
                'Fleet Manager', rating='Green - on track'),
              R(5, 'Agree a litter enforcement policy', 'Not yet drafted', None, tbc(), 'Enforcement Lead',
                rating=None),
              R(6, 'Improve recycling at flats', 'Bins installed at six blocks', None, endof(2026, 3),
                'Recycling Officer', rating='Purple')],
             excel_table='Table1')
    return b


# ======================================================================================
# 4. Registers that are plain ranges, with both a progress status and a rating
# ======================================================================================

def book_register_range():
    b = Book('register-range.xlsx', 'Inspection actions')
    s = b.sheets[0]
    s.line('Ofsted focused visit \u2013 action plan', gap=1)
    rows = []
    data = [
        ('Front door', 'Improve the quality of contacts from police', 'Completed', 'Blue', dtext(D(2025, 4, 30))),
        ('Front door', 'Reduce re-referrals within 12 months', 'In progress', 'Green', mtext(2025, 12)),
        ('Front door', 'Audit strategy discussions monthly', 'In progress', 'Amber', recurring('Monthly')),
        ('Assessment', 'Complete assessments within 45 days', 'Static', 'Red', dtext(D(2025, 6, 30))),
        ('Assessment', 'Involve fathers in assessments', 'Not started', 'Amber', qtext('Q3 2025/26', 2025, 3)),
        ('Assessment', 'Improve the quality of plans', 'In progress', 'Green', xdate(D(2025, 7, 31))),
        ('Assessment', 'Train staff in the new practice model', 'Completed', 'Green', dtext(D(2025, 2, 14))),
        ('Workforce', 'Reduce caseloads to 18 or fewer', 'In progress', 'Amber/Red', endof(2026, 3)),
        ('Workforce', 'Recruit permanent team managers', 'Completed', 'Blue', mtext(2025, 8)),
        ('Workforce', 'Launch a social work academy', 'In progress', 'Green', wc(D(2025, 10, 6))),
    ]
    for i, (g, a, st, rag, t) in enumerate(data, start=1):
        rows.append({'group': g, 'id': '%d' % i, 'action': a, 'status': st, 'rating': rag, 'target': t,
                     'owner': 'Head of Service'})
    s.table(None, [('id', 'No.'), ('group', 'Area'), ('action', 'Action'), ('status', 'Status'),
                   ('rating', 'RAG rating'), ('target', 'Target completion date'), ('owner', 'Lead')], rows)

    # the same register with the section written once and left blank below it
    s2 = b.sheet('Audit recs')
    s2.line('Internal audit recommendations \u2013 follow-up', gap=1)
    groups = ['Procurement', 'Procurement', 'Procurement', 'Payroll', 'Payroll', 'ICT security', 'ICT security']
    acts = ['Keep a contracts register', 'Check waivers are approved', 'Train budget holders',
            'Reconcile payroll monthly', 'Check starters and leavers', 'Enforce multi-factor login',
            'Test the disaster recovery plan']
    ratings = ['Green', 'G', 'Red', 'Amber', 'Green', 'Amber', 'R']
    targets = [mtext(2025, 10), dtext(D(2025, 11, 28)), qtext('Q2 2025/26', 2025, 2), recurring('Quarterly'),
               dtext(D(2026, 1, 15)), T('31/10/2025 and 31/12/2025', [('date-text', D(2025, 10, 31)),
                                                                      ('date-text', D(2025, 12, 31))]),
               endof(2026, 2, 'End')]
    rows = []
    for i in range(len(acts)):
        first = i == 0 or groups[i] != groups[i - 1]
        rows.append({'group': groups[i] if first else None, '_group': groups[i], 'id': 'IA%02d' % (i + 1),
                     'action': acts[i], 'rating': ratings[i], 'target': targets[i]})
    streams = []
    # written by hand: the group cell only on the first row of each group
    header_row = s2.row
    s2.put(header_row, 1, 'Theme', bold=True)
    for i, h in enumerate(['Ref', 'Recommendation', 'RAG', 'Deadline'], start=2):
        s2.put(header_row, i, h, bold=True)
    s2.row += 1
    by = {}
    for row in rows:
        r = s2.row
        if row['group']:
            s2.put(r, 1, row['group'])
        s2.put(r, 2, row['id'], text=True)
        s2.put(r, 3, row['action'])
        s2.put(r, 4, row['rating'])
        s2.put(r, 5, row['target'].value, text=True)
        g = row['_group']
        if g not in by:
            st = Stream(g, s2.ws.title)
            st.header_row, st.kind = header_row, 'ratings'
            by[g] = st
            streams.append(st)
        st = by[g]
        st.action_rows.append(r)
        st.ids.append(row['id'])
        st.progress.append(None)
        word, how = RATING[row['rating']]
        st.ratings.append(word)
        st.status_cells.append((a1(r, 4), row['rating'], how, word, 'rating'))
        st.targets.append(target_truth(row['target'], a1(r, 5)))
        s2.row += 1
    b.streams.extend(streams)
    return b


# ======================================================================================
# 5. Milestone plans under area headings
# ======================================================================================

def book_milestones():
    b = Book('milestones-varied.xlsx', 'Improvement plan')
    s = b.sheets[0]
    s.line('Adult Social Care \u2013 CQC Assessment Improvement Plan', gap=1)
    hdr = [('id', 'Action'), ('action', 'Description'), ('milestones', 'Progress milestones'),
           ('target', 'Target date'), ('owner', 'Delivery lead'), ('status', 'Status')]
    areas = [
        ('Area for improvement 1 - Waiting times for assessment', True, [
            R('1.1', 'Reduce the assessment waiting list', None, 'In progress',
              mtext(2024, 12, short=True) + mtext(2025, 1, short=True) + mtext(2025, 2),
              'Head of Assessment', milestones='Triage all cases\nAllocate urgent cases\nReview list'),
            R('1.2', 'Introduce a duty system', None, 'Completed', dtext(D(2025, 4, 3)), 'Principal Social Worker',
              milestones='Design rota\nGo live'),
            R('1.3', 'Report waiting times monthly', None, 'Ongoing', recurring('Ongoing'), 'Performance Lead',
              milestones='Dashboard built')]),
        ('Priority 2: Carers', False, [
            R('2.1', 'Refresh the carers strategy', None, 'Not started', qtext('Q1 2025/26', 2025, 1),
              'Commissioning Manager', milestones='Engage carers\nDraft\nApprove'),
            R('2.2', 'Offer carers assessments at discharge', None, 'In progress', qtext('Quarter 3 2024-25', 2024, 3),
              'Hospital Team Manager', milestones='Agree pathway'),
            R('2.3', 'Commission respite beds', None, 'Static', mtext(2025, 6).then(mtext(2025, 9)),
              'Commissioning Manager', milestones='Market test\nAward'),
            R('2.4', 'Publish carers information online', None, 'Completed', dtext(D(2025, 3, 3), 'ordinal'),
              'Communications Lead', milestones='Write pages'),
            R('2.5', 'Set up a carers forum', None, 'In progress', xdate(D(2025, 6, 30), 'mmmm yyyy'),
              'Engagement Officer', milestones='Recruit chair'),
            R('2.6', 'Review direct payments for carers', None, 'Not started', tbc('To be confirmed'),
              'Finance Lead', milestones='Scope review'),
            R('2.7', 'Train staff in carers rights', None, 'Completed', dtext(D(2025, 1, 31), 'iso'),
              'Workforce Lead', milestones='Deliver training'),
            R('2.8', 'Audit carers assessments', None, 'In progress', wc(D(2025, 4, 14)) + tbc(),
              'Quality Lead', milestones='Audit tool\nAudit'),
            R('2.9', 'Agree carers breaks offer', None, 'Not started', endof(2026, 3, 'by'), 'Commissioning Manager',
              milestones='Offer agreed'),
            R('2.10', 'Report carers outcomes annually', None, 'Static', free('Quarterly from June 2025'),
              'Performance Lead', milestones='Outcome measures')]),
        ('Theme 3 \u2013 Safeguarding', True, [
            R('3.1', 'Screen concerns within two days', None, 'In progress', qtext('Q2', 2025, 2),
              'Safeguarding Lead', milestones='New screening tool'),
            R('3.2', 'Agree self-neglect protocol', None, 'Completed', bad('31/02/2025'), 'Safeguarding Lead',
              milestones='Draft\nBoard sign-off')]),
        ('AREA FOR IMPROVEMENT 4: Quality of practice', True, [
            R('4.1', 'Introduce practice standards', None, 'Completed', xdate(D(2024, 11, 12)),
              'Principal Social Worker', milestones='Standards agreed'),
            R('4.2', 'Run monthly case audits', None, 'In progress', recurring('Monthly'), 'Quality Lead',
              milestones='Audit rota'),
            R('4.3', 'Peer moderation of audits', None, 'Not started', mtext(2025, 11) + tbc('tbc'),
              'Quality Lead', milestones='Panel set up')]),
    ]
    areas.append(('Priority 5: Prevention', False, [
        R('5.1', 'Commission a falls prevention service', None, 'In progress',
          T('1. Dec 2025\n2. Mar 2026', [('month-year', month_end(2025, 12)), ('month-year', month_end(2026, 3))]),
          'Public Health Lead', milestones='1. Specification\n2. Contract award'),
        R('5.2', 'Expand the technology-enabled care offer', None, 'Completed',
          xdate(D(2025, 6, 2), '[$-F800]dddd, mmmm dd, yyyy'), 'Assistive Technology Lead', milestones='Launch'),
        R('5.3', 'Train care home staff in hydration', None, 'In progress',
          mtext(2025, 10).then(mtext(2025, 11, short=True), ' / '), 'Care Homes Lead', milestones='Two cohorts'),
        R('5.4', 'Review the reablement offer', None, 'Not started', xdate(D(2025, 11, 30), 'd-mmm'),
          'Reablement Manager', milestones='Review'),
        R('5.5', 'Publish a prevention strategy', None, 'In progress',
          T(datetime.datetime(2025, 10, 15, 17, 30), [('excel-date', D(2025, 10, 15))], 'dd/mm/yyyy hh:mm'),
          'Head of Commissioning', milestones='Draft\nConsult\nPublish'),
        R('5.6', 'Audit reablement outcomes', None, 'Static', xdate(D(2025, 8, 1), 'mm-dd-yy'),
          'Quality Lead', milestones='Audit')]))
    for heading, merged, rows in areas:
        s.line(heading, merge_to=6 if merged else None)
        s.table(heading, hdr, rows)
        s.skip()

    # the same kind of plan with one header and the area headings inside the table
    s2 = b.sheet('Plan (single header)')
    s2.line('Children\u2019s Services Improvement Plan', col=2, gap=1)
    hdr2 = [('id', 'Ref'), ('action', 'Action'), ('milestones', 'Key milestones'), ('target', 'Timescale'),
            ('owner', 'Lead'), ('status', 'Progress status')]
    s2.table(None, hdr2, [
        ('heading', 'Priority 1: Early help', True),
        R('1.1', 'Launch family hubs', None, 'Completed', mtext(2025, 4), 'Early Help Manager', milestones='Open hubs'),
        R('1.2', 'Agree an early help strategy', None, 'On track', qtext('Q3 2025/26', 2025, 3), 'Early Help Manager',
          milestones='Draft\nConsult'),
        ('heading', 'Priority 2: Children in care', True),
        R('2.1', 'Increase in-house foster carers', None, 'In progress', endof(2026, 3), 'Fostering Manager',
          milestones='Campaign'),
        R('2.2', 'Review placement sufficiency', None, 'Static', dtext(D(2025, 5, 31)), 'Commissioning Lead',
          milestones='Needs analysis'),
        R('2.3', 'Open a children\u2019s home', None, 'Not started', mtext(2026, 9), 'Head of Service',
          milestones='Site\nRegistration'),
        ('heading', 'Priority 3: Care leavers', False),
        R('3.1', 'Offer every care leaver a personal adviser', None, 'Completed', dtext(D(2025, 2, 1)),
          'Leaving Care Manager', milestones='Recruit PAs'),
        R('3.2', 'Provide council tax exemption to 25', None, 'Completed', xdate(D(2025, 4, 1)), 'Revenues Manager',
          milestones='Policy change')], col=2)
    return b


# ======================================================================================
# 6. One work stream per sheet
# ======================================================================================

def book_per_sheet():
    b = Book('per-sheet.xlsx', 'Housing')
    s = b.sheets[0]
    cols = [('id', 'No'), ('action', 'Action'), ('progress', 'Progress'), ('status', 'Status'),
            ('target', 'Target date'), ('owner', 'Lead')]
    s.table('Housing', cols, [
        R(1, 'Let empty homes within 28 days', 'Average 31 days', 'In progress', mtext(2025, 12)),
        R(2, 'Install smoke alarms in every home', 'Complete', 'Completed', dtext(D(2025, 3, 31))),
        R(3, 'Set up a damp team', 'Team in place', 'Complete', dtext(D(2025, 6, 1))),
        R(4, 'Review allocations policy', 'Consultation closed', 'In progress', qtext('Q3 2025/26', 2025, 3))])
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'static', 'total'], 'col': 1, 'percent': 'fraction'})

    s = b.sheet("Adults' Services")
    s.line("Adults' Services \u2013 improvement actions", gap=1)
    s.table("Adults' Services", [('id', 'Ref'), ('action', 'Task'), ('progress', 'Latest update'),
                                 ('status', 'RAG status'), ('target', 'Deadline'), ('owner', 'Owner')], [
        R('A1', 'Recommission home care', 'Tender live', 'Ongoing', dtext(D(2025, 10, 31))),
        R('A2', 'Open an extra care scheme', 'Handover delayed', 'Stalled', mtext(2025, 7)),
        R('A3', 'Cut delayed discharges by a third', 'Down 22%', 'In progress', qtext('Q4 2025/26', 2025, 4)),
        R('A4', 'Introduce a strengths-based practice model', 'Training done', 'Done', mtext(2025, 2)),
        R('A5', 'Review day services', 'Not yet begun', 'Planned', mtext(2026, 5))])
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'static', 'notStarted', 'total'],
               'percent': 'text', 'stale': {'static': -1, 'inProgress': +1}})

    s = b.sheet('Lists', hidden=True)
    s.put(1, 1, 'Status', bold=True)
    for i, w in enumerate(['Completed', 'In progress', 'Static', 'Not started'], start=2):
        s.put(i, 1, w)
    s.put(1, 3, 'RAG', bold=True)
    for i, w in enumerate(['Blue', 'Green', 'Amber', 'Red'], start=2):
        s.put(i, 3, w)

    s = b.sheet('Children & Families')
    s.line('Children & Families', merge_to=5)
    s.line('Updated by the performance team, September 2025', bold=False, gap=1)
    s.table('Children & Families', [('id', '#'), ('action', 'Objective'), ('owner', 'Responsible officer'),
                                    ('target', 'Completion date'), ('status', 'Current status'),
                                    ('progress', 'Comments')], [
        R(1, 'Reduce the number of children in care', 'Down from 312 to 296', 'In progress', mtext(2026, 3)),
        R(2, 'Publish a sufficiency strategy', 'Published', 'Completed', xdate(D(2025, 4, 30))),
        R(3, 'Recruit an independent reviewing officer', 'Post filled', 'Completed', dtext(D(2025, 5, 12))),
        R(None, 'Improve timeliness of health assessments', '', 'Not started', tbc()),
        R(5, 'Launch a young carers service', 'Provider chosen', 'In progress', wc(D(2025, 10, 20)))])

    s = b.sheet('Leisure')
    # the update column is headed by a real date; a second table of later actions sits below
    header_row = s.row
    for i, h in enumerate(['Ref', 'Action', 'Owner', 'Target date', 'Status'], start=1):
        s.put(header_row, i, h, bold=True)
    s.put(header_row, 6, datetime.datetime(2025, 9, 30), bold=True, fmt='dd/mm/yyyy')
    s.row += 1
    st = Stream('Leisure', s.ws.title)
    st.header_row, st.kind = header_row, 'progress'
    for ref, act, status, t in [('L1', 'Reopen the learner pool', 'Completed', mtext(2025, 4)),
                                ('L2', 'Refurbish the gym', 'In progress', endof(2025, 12)),
                                ('L3', 'Agree a new leisure contract', 'Ongoing', qtext('Q4 2025/26', 2025, 4))]:
        r = s.row
        s.put(r, 1, ref)
        s.put(r, 2, act)
        s.put(r, 3, 'Leisure Manager')
        s.put(r, 4, t.value, text=True)
        s.put(r, 5, status)
        s.put(r, 6, 'Update text for ' + ref)
        st.action_rows.append(r)
        st.ids.append(ref)
        word, how = PROGRESS[status]
        st.progress.append(word)
        st.ratings.append(None)
        st.status_cells.append((a1(r, 5), status, how, word, 'progress'))
        st.targets.append(target_truth(t, a1(r, 4)))
        s.row += 1
    b.streams.append(st)
    s.skip(2)
    s.line('Additional actions agreed in September')
    s.table('Additional actions agreed in September', [('id', 'Ref'), ('action', 'Action'), ('owner', 'Owner'),
                                                        ('target', 'Target date'), ('status', 'Status')], [
        R('L4', 'Introduce a concession card', None, 'Not started', mtext(2026, 1)),
        R('L5', 'Extend opening hours', None, 'In progress', dtext(D(2025, 10, 27)))])

    s = b.sheet('Place')
    s.table('Place', [('id', 'Ref'), ('action', 'Measure'), ('target', 'Due'), ('owner', 'Lead officer')], [
        R('P1', 'Adopt a climate action plan', None, None, mtext(2025, 11)),
        R('P2', 'Plant 5,000 trees', None, None, endof(2026, 3)),
        R('P3', 'Cut council emissions by 10%', None, None, dtext(D(2025, 8, 1)))])
    return b


# ======================================================================================
# 7. Several shapes in one workbook
# ======================================================================================

def book_mixed():
    b = Book('mixed-shapes.xlsx', 'Contents')
    s = b.sheets[0]
    s.line('Community Safety Partnership \u2013 Improvement Plan 2025-27')
    s.line('Contents', gap=1)
    for t in ['1. Work streams', '2. Recommendations', '3. Milestones']:
        s.line(t, bold=False)
    # an overview typed by hand, one row per work stream: not a tracker of its own
    s.skip()
    s.line('Overview', gap=0)
    for i, h in enumerate(['Work stream', 'Actions', 'Completed', 'In progress', 'Static', 'RAG'], start=1):
        s.put(s.row, i, h, bold=True)
    s.row += 1
    for name, n, c, p, st, rag in [('Work stream 1: Anti-social behaviour', 4, 2, 1, 0, 'Amber'),
                                   ('Work stream 2: Domestic abuse', 3, 1, 1, 1, 'Red')]:
        for i, v in enumerate([name, n, c, p, st, rag], start=1):
            s.put(s.row, i, v)
        s.row += 1

    s = b.sheet('Work streams')
    s.line('Work stream 1: Anti-social behaviour')
    s.table('Work stream 1: Anti-social behaviour', [('id', 'No'), ('action', 'Action'), ('progress', 'Update'),
                                                      ('status', 'Status'), ('target', 'Due date')], [
        R(1, 'Agree a shared ASB case system', 'System live', 'Completed', dtext(D(2025, 4, 1))),
        R(2, 'Run ASB awareness week', 'Held in July', 'Completed', dtext(D(2025, 7, 18))),
        R(3, 'Recruit two ASB caseworkers', 'One appointed', 'In progress', mtext(2025, 10)),
        R(4, 'Review the community trigger', 'Review not started', 'Not started', qtext('Q3 2025/26', 2025, 3))])
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'static', 'total'], 'percent': 'fraction'})
    s.skip(2)
    s.line('Work stream 2: Domestic abuse')
    s.table('Work stream 2: Domestic abuse', [('id', 'No'), ('action', 'Action'), ('progress', 'Update'),
                                              ('status', 'Status'), ('target', 'Due date')], [
        R(1, 'Commission refuge places', 'Contract signed', 'Complete', mtext(2025, 6)),
        R(2, 'Train GPs in routine enquiry', 'Half of practices trained', 'In progress', endof(2025, 12)),
        R(3, 'Launch a perpetrator programme', 'Funding bid refused', 'Static', dtext(D(2025, 5, 30)))])
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'static', 'total'], 'percent': 'fraction',
               'stale': {'static': -1, 'inProgress': +1}})

    s = b.sheet('Recommendations')
    s.table(None, [('group', 'Section'), ('id', 'No'), ('action', 'Requirement'), ('rating', 'Status'),
                   ('progress', 'Achievements'), ('x', 'Areas for development'), ('target', 'Timescale')], [
        {'group': 'Governance', 'id': 1, 'action': 'Refresh partnership terms of reference', 'rating': 'Green',
         'progress': 'Agreed', 'x': 'None', 'target': recurring('In place')},
        {'group': 'Governance', 'id': 2, 'action': 'Publish a strategic assessment', 'rating': 'Amber',
         'progress': 'Drafted', 'x': 'Data sharing', 'target': qtext('Quarter 2', 2025, 2)},
        {'group': 'Data', 'id': 3, 'action': 'Agree an information sharing protocol', 'rating': 'Red',
         'progress': 'Stalled', 'x': 'Legal advice', 'target': wc(D(2024, 10, 14))},
        {'group': 'Data', 'id': 4, 'action': 'Build a joint dashboard', 'rating': 'Amber',
         'progress': 'Prototype', 'x': 'Licences', 'target': mtext(2024, 10)}], excel_table='Recs')

    s = b.sheet('Milestones')
    s.line('AREA FOR IMPROVEMENT 1: Reducing reoffending', merge_to=5)
    s.table('AREA FOR IMPROVEMENT 1: Reducing reoffending',
            [('id', 'Action'), ('action', 'Description'), ('milestones', 'Milestones'), ('target', 'Target date'),
             ('status', 'Status')], [
        R('1.1', 'Integrated offender management review', None, 'Completed', dtext(D(2025, 1, 31)),
          milestones='Review\nReport'),
        R('1.2', 'Housing pathway for prison leavers', None, 'In progress', mtext(2025, 12).then(mtext(2026, 3)),
          milestones='Pathway\nLaunch')])
    # an overview by area typed under the plan: not part of it
    s.skip(2)
    for i, h in enumerate(['Area', 'Actions', 'Completed', 'In progress', 'Not started'], start=1):
        s.put(s.row, i, h, bold=True)
    s.row += 1
    for i, v in enumerate(['Area for improvement 1', 2, 1, 1, 0], start=1):
        s.put(s.row, i, v)
    s.row += 1

    s = b.sheet('Lookup', hidden=True)
    s.put(1, 1, 'Status')
    for i, w in enumerate(['Completed', 'In progress', 'Static', 'Not started'], start=2):
        s.put(i, 1, w)
    return b


# ======================================================================================
# 8. A 1904-date-system workbook (old Mac Excel)
# ======================================================================================

def book_1904():
    b = Book('dates-1904.xlsx', 'Action plan', date1904=True)
    s = b.sheets[0]
    s.line('Priority 1: Digital inclusion')
    s.table('Priority 1: Digital inclusion', [('id', 'Ref'), ('action', 'Action'), ('status', 'Status'),
                                              ('target', 'Target date')], [
        R('1', 'Open digital help sessions in libraries', None, 'Completed', xdate(D(2025, 3, 31))),
        R('2', 'Lend tablets to residents', None, 'In progress', xdate(D(2025, 10, 6), 'd mmmm yyyy')),
        R('3', 'Train digital champions', None, 'In progress', xdate(D(2025, 8, 29), 'dd/mm/yy')),
        R('4', 'Publish a digital inclusion map', None, 'Not started', xdate(D(2026, 1, 1), 'mmmm yyyy'))])
    return b


# ======================================================================================
# 9. Titles that are not "Work stream n", notes between blocks, RAG counts in a summary
# ======================================================================================

def book_titles():
    b = Book('ws-titles-and-notes.xlsx', 'Monitoring')
    s = b.sheets[0]
    s.line(COUNCIL)
    s.line('Improvement plan \u2013 quarterly monitoring report', gap=1)
    cols = [('id', 'No'), ('action', 'Action'), ('progress', 'Update'), ('status', 'Status'),
            ('target', 'Target date'), ('owner', 'Lead officer')]
    # the first block's title is plain words, with a stray label between it and the header
    s.line('Leadership and governance', merge_to=6)
    s.line('Lead: Chief Executive', bold=False)
    s.table('Leadership and governance', cols, [
        R(1, 'Refresh the council plan', 'Adopted in July', 'Completed', mtext(2025, 7)),
        R(2, 'Agree a performance framework', 'Framework drafted', 'Ongoing', endof(2025, 11)),
        R(3, 'Set up an improvement board', 'Board meets monthly', 'Done', dtext(D(2025, 5, 1))),
        R(4, 'Publish decisions within five days', 'Not yet begun', 'Not started', qtext('Q4 2025/26', 2025, 4)),
        R(5, 'Review the scrutiny function', 'Paused until May', 'On hold', dtext(D(2025, 9, 12)))])
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'static', 'notStarted', 'total'], 'corner': 'Summary',
               'labels': {'completed': 'Complete', 'inProgress': 'Ongoing', 'static': 'On hold'},
               'percent': 'text'})
    s.line('Percentages are rounded to whole numbers', bold=False, gap=2)

    # a title row that also holds the lead officer; ratings rather than progress, counted in the summary
    s.put(s.row, 5, 'Lead officer: Chief Finance Officer')
    s.line('Priority area 2: Financial sustainability')
    s.table('Priority area 2: Financial sustainability',
            [('id', 'Ref'), ('action', 'Action'), ('rating', 'RAG'), ('progress', 'Update'), ('target', 'Deadline')], [
                R('F1', 'Balance the 2025/26 budget', 'Forecast overspend of \u00a30.4m', None, mtext(2026, 3),
                  rating='Amber'),
                R('F2', 'Agree a savings programme', 'Programme agreed', None, mtext(2025, 2), rating='Green'),
                R('F3', 'Sell surplus depots', 'Buyer withdrew', None, dtext(D(2025, 6, 30)), rating='Red'),
                R('F4', 'Introduce zero-based budgeting', 'Pilot in two services', None, qtext('Q3 2025/26', 2025, 3),
                  rating='Green'),
                R('F5', 'Review fees and charges', 'Done in February', None, mtext(2025, 2), rating='Blue'),
                R('F6', 'Improve debt recovery', 'Collection up 2%', None, recurring('Ongoing'), rating='Amber')])
    s.skip()
    s.summary({'fields': ['blue', 'green', 'amber', 'red', 'total'], 'percent': 'text',
               'stale': {'amber': +1, 'red': -1}})
    s.line('Figures checked by the performance team, 3 October 2025', bold=False, gap=1)

    # a title with a letter, a stray label, then a summary with its percentages above its counts
    s.line('Workstream C \u2013 Customer experience')
    s.line('Appendix C', bold=False)
    s.table('Workstream C \u2013 Customer experience', cols, [
        R('C1', 'Answer 80% of calls within a minute', '74% in September', 'In progress', recurring('Monthly')),
        R('C2', 'Publish service standards', 'Published', 'Completed', dtext(D(2025, 4, 30))),
        R('C3', 'Introduce webchat', 'Supplier chosen', 'In progress', mtext(2025, 12)),
        R('C4', 'Run a customer survey', 'Survey in the field', 'in progress', dtext(D(2025, 10, 10)))])
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'static', 'total'], 'percent': 'fraction',
               'percent_first': True, 'row_labels': ('No. of actions', '% of actions'), 'blank': ['total'],
               'dash_zero': True})
    s.skip(2)

    # a label above a plain title, a blank row, then the header
    s.line('Appendix D', bold=False)
    s.line('Housing delivery', gap=1)
    s.table('Housing delivery', cols, [
        R(1, 'Start 150 affordable homes', '96 started', 'In progress', endof(2026, 3)),
        R(2, 'Adopt a housing strategy', 'Adopted', 'Completed', mtext(2025, 3)),
        R(3, 'Bring 40 empty homes back into use', '12 so far', 'Stalled', dtext(D(2025, 8, 31)))])
    return b


# ======================================================================================
# 10. Two Excel Tables on one sheet, one with a totals row; quarterly status columns
# ======================================================================================

def book_two_tables():
    b = Book('register-two-tables.xlsx', 'Audit recommendations')
    s = b.sheets[0]
    s.line('External auditor\u2019s annual report \u2013 recommendations', gap=1)
    s.line('Key recommendations')
    s.table('Key recommendations', [('id', 'No'), ('action', 'Recommendation'), ('rating', 'RAG status'),
                                    ('progress', 'Management response'), ('target', 'Target date')], [
        R(1, 'Set a balanced medium-term financial plan', 'Plan to Council in February', None, mtext(2026, 2),
          rating='Amber'),
        R(2, 'Strengthen oversight of the housing company', 'New shareholder board', None, dtext(D(2025, 7, 1)),
          rating='Green'),
        R(3, 'Improve the governance of major projects', 'Gateway reviews introduced', None, dtext(D(2025, 3, 31)),
          rating='B')], excel_table='KeyRecs')
    s.skip(2)
    s.line('Improvement recommendations')
    streams = s.table('Improvement recommendations', [
        ('id', 'No'), ('action', 'Recommendation'), ('rating', 'RAG status'), ('progress', 'Management response'),
        ('target', 'Target date')], [
        R(4, 'Update the contract procedure rules', 'Draft at committee', None, endof(2025, 12), rating='Amber'),
        R(5, 'Publish a social value policy', 'Published', None, mtext(2025, 5), rating='Blue'),
        R(6, 'Review the risk management strategy', 'Not started', None, tbc(), rating='Red'),
        R(7, 'Report benefits realisation of projects', 'First report due', None, qtext('Q3 2025/26', 2025, 3),
          rating='Green')])
    # a totals row inside the second Table
    r = s.row
    s.put(r, 1, 'Total')
    s.put(r, 3, '=SUBTOTAL(103,ImprovementRecs[RAG status])')
    s.row += 1
    ref = '%s:%s' % (a1(streams[0].header_row, 1), a1(r, 5))
    tab = Table(displayName='ImprovementRecs', ref=ref, totalsRowCount=1)
    tab.tableStyleInfo = TableStyleInfo(name='TableStyleLight9', showRowStripes=True)
    tab._initialise_columns()
    for i, h in enumerate(['No', 'Recommendation', 'RAG status', 'Management response', 'Target date']):
        tab.tableColumns[i].name = h
    tab.tableColumns[0].totalsRowLabel = 'Total'
    tab.tableColumns[2].totalsRowFunction = 'count'
    s.ws.add_table(tab)
    return b


# ======================================================================================
# 11. Council-style headers: merged recommendations over their actions, quarterly
#     status columns, a date-raised column beside the target date
# ======================================================================================

def book_council_style():
    b = Book('council-style-headers.xlsx', 'Peer challenge plan')
    s = b.sheets[0]
    s.line('Corporate Peer Challenge \u2013 Action Plan', gap=1)
    header_row = s.row
    heads = ['Rec. No.', 'Recommendation', 'Key actions', 'Lead officer', 'Timescale', 'Current position',
             'Status / RAG']
    for i, h in enumerate(heads, start=1):
        s.put(header_row, i, h, bold=True)
    s.row += 1
    recs = [
        ('1', 'Develop a shared long-term vision for the district', [
            ('Run a residents\u2019 survey on priorities', 'Survey closed with 2,300 replies', 'Blue', dtext(D(2025, 3, 31))),
            ('Hold member workshops on the vision', 'Two of three held', 'Green', mtext(2025, 11)),
            ('Adopt the vision at Full Council', 'Report drafted', 'Amber', qtext('Q3 2025/26', 2025, 3))]),
        ('2', 'Strengthen financial planning', [
            ('Agree a three-year savings plan', 'Plan slipped to December', 'Red', endof(2025, 6)),
            ('Introduce quarterly budget challenge sessions', 'Sessions held each quarter', 'G', recurring('Quarterly'))]),
        ('3', 'Invest in organisational development', [
            ('Appoint a head of organisational development', 'Post filled in May', 'B', mtext(2025, 5))]),
        ('4', 'Improve the council\u2019s use of data', [
            ('Build a corporate performance dashboard', 'Prototype shared with managers', 'Amber/Green',
             mtext(2025, 12)),
            ('Train managers to use the dashboard', 'Not yet begun', None, tbc()),
            ('Publish performance quarterly', 'First report due in November', 'Green', wc(D(2025, 11, 3)))]),
    ]
    st = Stream("Peer challenge plan", s.ws.title)
    st.header_row, st.kind = header_row, 'ratings'
    for no, rec, acts in recs:
        first = s.row
        for i, (act, pos, rag, t) in enumerate(acts):
            r = s.row
            if i == 0:
                s.put(r, 1, no, text=True)
                s.put(r, 2, rec, wrap=True)
            s.put(r, 3, act, wrap=True)
            s.put(r, 4, 'Chief Executive' if i == 0 else 'Director of Resources')
            s.put(r, 5, t.value, text=True)
            s.put(r, 6, pos, wrap=True)
            if rag is not None:
                s.put(r, 7, rag)
            st.action_rows.append(r)
            st.ids.append(no if i == 0 else None)
            st.progress.append(None)
            word, how = RATING[rag]
            st.ratings.append(word)
            st.status_cells.append((a1(r, 7), rag or '', how, word, 'rating'))
            st.targets.append(target_truth(t, a1(r, 5)))
            s.row += 1
        if len(acts) > 1:
            s.ws.merge_cells(start_row=first, start_column=1, end_row=s.row - 1, end_column=1)
            s.ws.merge_cells(start_row=first, start_column=2, end_row=s.row - 1, end_column=2)
    b.streams.append(st)

    s = b.sheet('Quarterly update')
    s.line('Service plan 2025/26 \u2013 quarterly status', gap=1)
    header_row = s.row
    heads = ['Ref', 'Action', 'Date', 'Target date', 'Lead', 'Q1 status', 'Q2 status', 'Q3 status', 'Comments']
    for i, h in enumerate(heads, start=1):
        s.put(header_row, i, h, bold=True)
    s.row += 1
    rows = [
        ('SP1', 'Review the customer access strategy', 'In progress', 'Completed', dtext(D(2025, 9, 5))),
        ('SP2', 'Renew the leisure management contract', 'In progress', 'In progress', mtext(2026, 3)),
        ('SP3', 'Launch the new website', 'Not started', 'Static', dtext(D(2025, 6, 30))),
        ('SP4', 'Agree the parking strategy', 'Not started', 'Not started', qtext('Q4 2025/26', 2025, 4)),
        ('SP5', 'Move payroll to the new system', 'In progress', 'Completed', mtext(2025, 8)),
        ('SP6', 'Adopt the tree strategy', 'In progress', 'In progress', dtext(D(2025, 10, 8)))]
    st = Stream('Quarterly update', s.ws.title)
    st.header_row, st.kind = header_row, 'progress'
    for ref, act, q1, q2, t in rows:
        r = s.row
        s.put(r, 1, ref)
        s.put(r, 2, act)
        s.put(r, 3, datetime.datetime(2025, 4, 1), fmt='dd/mm/yyyy')
        s.put(r, 4, t.value, text=True)
        s.put(r, 5, 'Head of Service')
        s.put(r, 6, q1)
        s.put(r, 7, q2)
        s.put(r, 9, 'See Q2 status')
        st.action_rows.append(r)
        st.ids.append(ref)
        word, how = PROGRESS[q2]
        st.progress.append(word)
        st.ratings.append(None)
        st.status_cells.append((a1(r, 7), q2, how, word, 'progress'))
        st.targets.append(target_truth(t, a1(r, 4)))
        s.row += 1
    b.streams.append(st)
    s.since_summary = [st]
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'static', 'notStarted', 'total'], 'col': 1, 'percent': 'text'})

    s = b.sheet('Service plan')
    s.table('Service plan', [('id', 'Action no.'), ('action', 'Agreed actions'), ('status', 'Delivery status'),
                             ('target', 'Implementation date'), ('owner', 'Responsible lead'),
                             ('progress', 'Progress commentary')], [
        R(1, 'Publish the annual report', 'Published in July', 'Completed', dtext(D(2025, 7, 31))),
        R(2, 'Run the budget consultation', 'Consultation open', 'In progress', mtext(2025, 12)),
        R(3, 'Refresh the equality objectives', 'Awaiting data', 'Not started', qtext('Q4 2025/26', 2025, 4))])
    return b


# ======================================================================================
# 12. More summary blocks: under a whole plan, under an Excel Table, under sub-streams
#     with a stale total; a key to the statuses under the last table
# ======================================================================================

def book_more_summaries():
    b = Book('summaries-more.xlsx', 'Plan')
    s = b.sheets[0]
    s.line('Climate Emergency Action Plan \u2013 progress', gap=1)
    streams = s.table(None, [('id', 'Ref'), ('action', 'Action'), ('target', 'By when'), ('owner', 'Lead'),
                             ('status', 'Status')], [
        ('heading', 'Objective 1: Council emissions', True),
        R('1.1', 'Switch the fleet to electric vans', None, 'In progress', mtext(2026, 3)),
        R('1.2', 'Install solar panels on the depot', None, 'Completed', dtext(D(2025, 5, 20))),
        R('1.3', 'Buy only renewable electricity', None, 'Completed', mtext(2025, 4)),
        ('heading', 'Objective 2: Biodiversity', True),
        R('2.1', 'Adopt a tree planting plan', None, 'Not started', qtext('Q4 2025/26', 2025, 4)),
        R('2.2', 'Create three wildflower verges', None, 'Completed', mtext(2025, 6)),
        ('heading', 'Objective 3: Engagement', True),
        R('3.1', 'Set up a climate citizens\u2019 panel', None, 'Static', dtext(D(2025, 3, 1))),
        R('3.2', 'Publish an annual climate report', None, 'In progress', endof(2025, 11))])
    s.skip()
    # one block for the whole plan, typed before 2.2 was finished and 3.2 was added
    s.summary({'covers': len(streams), 'fields': ['completed', 'inProgress', 'static', 'notStarted', 'total'],
               'percent': 'fraction', 'stale': {'completed': -1, 'notStarted': +1, 'total': -1, 'inProgress': -1}})

    s = b.sheet('Register')
    s.line('Internal audit follow-up \u2013 RAG register', gap=1)
    s.table('Register', [('id', 'No'), ('action', 'Recommendation'), ('rating', 'RAG'), ('owner', 'Owner'),
                         ('target', 'Due date')], [
        R(1, 'Keep a register of contract waivers', None, None, dtext(D(2025, 6, 30)), rating='Blue'),
        R(2, 'Review user access to the finance system', None, None, mtext(2025, 10), rating='Green'),
        R(3, 'Reconcile the asset register', None, None, qtext('Q2 2025/26', 2025, 2), rating='Amber'),
        R(4, 'Test business continuity plans', None, None, dtext(D(2025, 1, 31)), rating='Red'),
        R(5, 'Train staff on data protection', None, None, recurring('Annually'), rating='Green')],
        excel_table='AuditFollowUp')
    s.skip()
    s.summary({'fields': ['blue', 'green', 'amber', 'red', 'total'], 'percent': 'fraction', 'row_labels':
               ('No.', '%'), 'col': 1})

    s = b.sheet('Streams')
    for key, rows in [('4a', [
            R(1, 'Map the digital skills of staff', 'Survey done', 'Completed', mtext(2025, 5)),
            R(2, 'Offer digital skills training', 'Courses booked', 'In progress', endof(2025, 12)),
            R(3, 'Replace old laptops', 'Half replaced', 'In progress', qtext('Q3 2025/26', 2025, 3))]),
            ('4b', [
            R(4, 'Move to cloud telephony', 'Live', 'Completed', dtext(D(2025, 7, 14))),
            R(5, 'Close the old data centre', 'Waiting for contract end', 'Static', mtext(2026, 3)),
            R(6, 'Adopt a data strategy', 'Draft', 'In progress', mtext(2025, 12)),
            R(7, 'Publish open data', 'Not begun', 'Not started', tbc())])]:
        title = 'Work stream %s: %s' % (key, 'Digital workforce' if key == '4a' else 'Digital infrastructure')
        s.line(title)
        s.table(title, [('id', 'No'), ('action', 'Action'), ('progress', 'Progress'), ('status', 'Status'),
                        ('target', 'Due')], rows)
        s.skip()
    # counts 4a and 4b; typed when 4b had one more action (since dropped)
    s.summary({'covers': 2, 'fields': ['completed', 'inProgress', 'static', 'total'], 'percent': 'text',
               'stale': {'total': +1, 'static': +1}})
    s.skip(2)
    s.line('Work stream 5: Partnerships')
    s.table('Work stream 5: Partnerships', [('id', 'No'), ('action', 'Action'), ('progress', 'Progress'),
                                            ('status', 'Status'), ('target', 'Due')], [
        R(1, 'Agree a compact with the voluntary sector', 'Signed', 'Completed', mtext(2025, 2)),
        R(2, 'Hold a partnership summit', 'Booked for November', 'In progress', dtext(D(2025, 11, 20)))])
    s.skip()
    s.line('Key:', bold=True)
    for w, meaning in [('Completed', 'The action has been delivered'), ('In progress', 'Work has started'),
                       ('Static', 'No progress since the last report'), ('Not started', 'Work has not begun')]:
        s.put(s.row, 1, w)
        s.put(s.row, 2, meaning)
        s.row += 1

    s = b.sheet('Communities')
    s.line(COUNCIL)
    s.line('Communities directorate \u2013 service plan actions', gap=1)
    s.line('Community safety')
    s.put(s.row, 3, 'Progress', bold=True)
    s.ws.merge_cells(start_row=s.row, start_column=3, end_row=s.row, end_column=4)
    s.row += 1
    s.table('Community safety', [('id', 'No'), ('action', 'Action'), ('x', 'Q1'), ('x', 'Q2'), ('status', 'Status')], [
        R(1, 'Install CCTV in the town centre', None, 'Completed', x='Cameras ordered'),
        R(2, 'Run a knife crime campaign', None, 'In progress', x='Schools visited'),
        R(3, 'Train licensing staff in safeguarding', None, 'Not started', x='')])
    s.skip()
    s.summary({'fields': ['completed', 'inProgress', 'static', 'notStarted', 'total'], 'percent': 'text'})
    s.skip(2)
    s.line('Culture and leisure')
    s.table('Culture and leisure', [('id', 'No'), ('action', 'Action'), ('x', 'Q1'), ('x', 'Q2'), ('status', 'Status')], [
        R(1, 'Reopen the museum gallery', None, 'In progress'),
        R(2, 'Bid for arts council funding', None, 'Completed')])
    # a total typed under the actions, in the action column
    s.put(s.row, 2, 'Total')
    s.put(s.row, 5, None)
    s.put(s.row, 3, 2)
    s.row += 1

    s = b.sheet('Reg no sections')
    s.line('Audit actions', gap=1)
    s.table('Reg no sections', [('group', 'Section'), ('id', 'No'), ('action', 'Requirement'), ('rating', 'RAG')], [
        {'group': None, 'id': 1, 'action': 'Agree the audit plan', 'rating': 'Green'},
        {'group': None, 'id': 2, 'action': 'Appoint an independent member', 'rating': 'Amber'},
        {'group': 'Finance', 'id': 3, 'action': 'Clear old debts', 'rating': 'Red'},
        {'group': 'Finance', 'id': 4, 'action': 'Reconcile the bank', 'rating': 'Green'}])
    return b



def main():
    os.makedirs(OUT, exist_ok=True)
    books = [book_blocks_b(), book_blocks_c(), book_register_tables(), book_register_range(), book_milestones(),
             book_per_sheet(), book_mixed(), book_1904(), book_titles(), book_two_tables(),
             book_council_style(), book_more_summaries()]
    expected = {'note': 'All content is invented. Computed by scripts/make-variant-trackers.py from the cells it '
                        'wrote: what each status spelling and each target text means, and what each hand-typed '
                        'summary says against what the rows say.',
                'as_of': AS_OF.isoformat(), 'files': {}}
    for bk in books:
        expected['files'][bk.name] = bk.save(OUT)
    with open(os.path.join(OUT, 'expected.json'), 'w', encoding='utf-8') as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write('\n')
    if '--no-lo' not in sys.argv:
        if not lo_copies([os.path.join(OUT, bk.name) for bk in books], LO_DIR):
            print('soffice not found: LibreOffice copies not made')
    print('ok: %d workbooks, %d work streams' % (len(books), sum(len(bk.streams) for bk in books)))


def set_of_argv():
    """--set variants (the default: the 12 files of tests/fixtures/variants) or --set unseen (the corpus of
    tests/fixtures/trackers, scripts/unseen_trackers.py)."""
    args = sys.argv[1:]
    if '--set' in args:
        i = args.index('--set')
        if i + 1 >= len(args) or args[i + 1] not in ('variants', 'unseen'):
            sys.exit('usage: make-variant-trackers.py [--set variants|unseen] [--no-lo]')
        return args[i + 1]
    return 'variants'


if __name__ == '__main__':
    if set_of_argv() == 'unseen':
        import unseen_trackers
        unseen_trackers.main(no_lo='--no-lo' in sys.argv)
    else:
        main()
