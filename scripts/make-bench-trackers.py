"""Generates a directorate's worth of tracker workbooks for `npm run bench` (section e).

    /usr/bin/python3 scripts/make-bench-trackers.py OUTDIR [--count 800] [--seed 1]

Writes OUTDIR/service-NN/tracker-NNN.xlsx: `count` trackers spread over ten service
folders, of varied size: each holds 20 to 2,000 actions (log-uniform, so most are
small and a few are large, as a directorate's are), on one sheet per 600 actions,
in the work-stream-block shape of scripts/make-bench-workbook.py (title rows, stray
labels, header, actions with typed and real dates, blank and note rows, hand-typed
summary blocks, some stale). Every fifth tracker is `service-NN/team-NNN/Tracker.xlsx`,
as teams name theirs, so the same name turns up in many folders.

Deterministic: tracker i is the same bytes whatever the count (its own seed), so the
first 50 of 800 are the 50 of a 50-tracker run; `manifest.json` lists each file with
its actions.
"""
import argparse
import datetime
import importlib.util
import json
import math
import os
import random
import sys
import zipfile

from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location('bench_workbook', os.path.join(HERE, 'make-bench-workbook.py'))
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

MIN_ACTIONS = 20
MAX_ACTIONS = 2000
PER_SHEET = 600
SERVICES = 10


def size_of(seed, i):
    """Log-uniform between MIN_ACTIONS and MAX_ACTIONS."""
    rng = random.Random(seed * 1_000_003 + i)
    return int(round(MIN_ACTIONS * (MAX_ACTIONS / MIN_ACTIONS) ** rng.random()))


def file_of(i):
    service = 'service-%02d' % (i % SERVICES + 1)
    if i % 5 == 4:
        return os.path.join(service, 'team-%03d' % (i + 1), 'Tracker.xlsx')
    return os.path.join(service, 'tracker-%03d.xlsx' % (i + 1))


def write_tracker(path, seed, i, actions):
    rng = random.Random(seed * 7_919 + i)
    sheets = max(1, math.ceil(actions / PER_SHEET))
    wb = Workbook(write_only=True)
    wb.properties.creator = 'Ragbook benchmark'
    wb.properties.created = bench.FIXED_TIME
    wb.properties.modified = bench.FIXED_TIME
    per = [actions // sheets + (1 if k < actions % sheets else 0) for k in range(sheets)]
    stream = 1
    for k, n in enumerate(per):
        stream = bench.write_sheet(wb, rng, k, n, stream)
    tmp = path + '.tmp'
    wb.save(tmp)
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=6) as zout:
        for item in zin.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 9, 30, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, zin.read(item.filename))
    os.remove(tmp)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('out')
    ap.add_argument('--count', type=int, default=800)
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()
    manifest = []
    for i in range(args.count):
        rel = file_of(i)
        actions = size_of(args.seed, i)
        path = os.path.join(args.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_tracker(path, args.seed, i, actions)
        manifest.append({'file': rel.replace(os.sep, '/'), 'actions': actions})
    with open(os.path.join(args.out, 'manifest.json'), 'w') as f:
        json.dump({'seed': args.seed, 'trackers': manifest}, f, indent=1)
    total = sum(m['actions'] for m in manifest)
    print('wrote %d trackers (%d actions) under %s' % (args.count, total, args.out))


if __name__ == '__main__':
    sys.exit(main())
