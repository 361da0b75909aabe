#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Checks tests/fixtures/trackers/expected.json against the workbooks as committed, without writing
anything: every cell the truth names holds what it says (in each workbook and its LibreOffice copy),
counts add up to totals, rows lie inside their tables, ranges are well formed, and the structure has
every field README.md promises.

    /usr/bin/python3 scripts/check-unseen-truth.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from unseen_trackers import LO_DIR, OUT, check_file  # noqa: E402

STREAM_FIELDS = {'title', 'sheet', 'header_row', 'header_rows', 'table_range', 'columns', 'action_rows', 'ids',
                 'kind', 'counts', 'ratings', 'overdue', 'due_soon', 'rag', 'stated', 'targets', 'status_cells',
                 'percent_complete_column', 'target_column', 'slips', 'no_target', 'hidden_rows', 'merged_actions'}
COUNTS = ['completed', 'inProgress', 'static', 'notStarted', 'withdrawn', 'unrecognised', 'noStatus', 'total']


def main():
    with open(os.path.join(OUT, 'expected.json'), encoding='utf-8') as f:
        expected = json.load(f)
    problems = []
    for name, truth in expected['files'].items():
        for key in ('date1904', 'workstreams', 'overall', 'unread', 'legends', 'judgement'):
            if key not in truth:
                problems.append((name, 'missing', key))
        for st in truth['workstreams']:
            if set(st) != STREAM_FIELDS:
                problems.append((name, st['title'], 'fields', sorted(set(st) ^ STREAM_FIELDS)))
            if list(st['counts']) != COUNTS:
                problems.append((name, st['title'], 'count keys', list(st['counts'])))
            if len(st['ids']) != len(st['action_rows']) or len(set(st['action_rows'])) != len(st['action_rows']):
                problems.append((name, st['title'], 'action rows'))
            for e in st['status_cells']:
                if e['dimension'] not in ('progress', 'rating', 'percent', 'colour'):
                    problems.append((name, e['cell'], 'dimension'))
        titles = {st['title'] for st in truth['workstreams']}
        for j in truth['judgement']:
            if j['stream'] is not None and j['stream'] not in titles:
                problems.append((name, 'judgement names no stream', j['stream']))
        problems += [(name,) + tuple(p) for p in check_file(name, truth)]
        if os.path.exists(os.path.join(LO_DIR, name)):
            problems += [('lo/' + name,) + tuple(p) for p in check_file(name, truth, LO_DIR)]
    for p in problems:
        print('PROBLEM:', p)
    print('%d files checked, %d problems' % (len(expected['files']), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
