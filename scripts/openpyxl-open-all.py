"""Opens many workbooks with openpyxl in one process and prints the failures as JSON.

Usage: /usr/bin/python3 scripts/openpyxl-open-all.py LIST.json

LIST.json is a JSON list of {"name": ..., "output": path, "input": path or null}:
each output is what Ragbook wrote into the input. Every output is opened with
openpyxl.load_workbook; when one fails, its input is opened too, so a reader of
the result can tell a failure Ragbook caused (the input opens) from one openpyxl
has with the original file anyway. Prints a JSON list of
{"name", "output_error", "input_error"} (input_error null when the input opens)
and nothing else on standard output. Run by tests/external/realworld-openpyxl.test.ts
(Debian python3-openpyxl).
"""
import json
import sys
import warnings

import openpyxl


def error_of(path):
    """None when openpyxl opens the file, else the error as one line."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            openpyxl.load_workbook(path).close()
        return None
    except Exception as e:  # openpyxl raises anything from KeyError to TypeError on odd files
        return ('%s: %s' % (type(e).__name__, e)).splitlines()[0][:300]


def main(list_path):
    with open(list_path, encoding='utf-8') as f:
        items = json.load(f)
    failures = []
    for item in items:
        output_error = error_of(item['output'])
        if output_error is None:
            continue
        input_error = error_of(item['input']) if item.get('input') else 'no input given'
        failures.append({'name': item['name'], 'output_error': output_error, 'input_error': input_error})
    json.dump(failures, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
