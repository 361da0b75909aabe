import { useId, useMemo, useState } from 'react';
import { Button, Checkbox, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { TableEvidence, TableOverride } from '../../core/table-evidence';
import { wholePercent } from '../../core/percent';
import {
  COLUMN_ROLES,
  COLUMN_ROLE_WORDS,
  NO_ROLE,
  ROW_KIND_WORDS,
  ROW_REASON_WORDS,
  TABLE_STATE_WORDS,
  TITLE_SOURCE_WORDS,
  UNREAD_REASON_WORDS,
  type ColumnSource,
} from '../../core/vocabulary/evidence';
import { Notice } from '../Notice';
import { errorMessage, plural } from '../format';
import {
  type RoleChoice,
  type TableRow,
  changed,
  chooseRole,
  forget,
  isIgnored,
  roleChoice,
  setIgnored,
  setTitle,
  tablesForm,
  titleOf,
} from './tables-form';

// Every table Ragbook read, and how: the column behind each role, its score, why
// rows were headings or notes. The officer corrects what was read wrongly (a
// column's role, a work stream's title, a table that is not a tracker at all);
// the corrections are saved in the workbook's settings, travel with it, and apply
// from the next recalculation, in the pane and on the command line alike.

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  table: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  h3: {
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
    overflowWrap: 'anywhere',
  },
  meta: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  toggle: { alignSelf: 'flex-start' },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS}`,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  rows: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export interface TablesPanelProps {
  /** How each table was read (the engine result's `tables`). */
  tables: readonly TableEvidence[];
  /** The corrections in force when they were read (the result's settings `tables`). */
  saved: readonly TableOverride[];
  /** Stores the corrections in the workbook's settings; the panel says they apply from the next recalculation. */
  onSave: (overrides: TableOverride[]) => Promise<void>;
}

/** Said under a column whose role did not come from its header's words alone. */
const SOURCE_HINT: Record<ColumnSource, string | undefined> = {
  header: undefined,
  values: 'Its values decided this (for example, RAG words make a status column a rating).',
  override: 'As your saved corrections say.',
};

function roleWords(role: TableEvidence['columns'][number]['role']): string {
  return role === null ? 'not read' : COLUMN_ROLE_WORDS[role];
}

function scoreText(t: TableEvidence): string {
  return t.score === null ? 'not scored' : `score ${wholePercent(t.score)}%`;
}

function headerText(t: TableEvidence): string {
  if (t.headerRows.length === 0) return 'no header row';
  return t.headerRows.length === 1 ? `header row ${t.headerRows[0]}` : `header rows ${t.headerRows.join(' and ')}`;
}

export function TablesPanel({ tables, saved, onSave }: TablesPanelProps) {
  const s = useStyles();
  const form = useMemo(() => tablesForm(tables, saved), [tables, saved]);
  const [edited, setEdited] = useState<TableOverride[]>(() => saved.slice());
  // Titles as typed: the corrections keep them trimmed, the fields keep the spaces being typed.
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const baseId = useId();

  const edit = (next: TableOverride[]) => {
    setEdited(next);
    setOutcome(null);
  };
  const dirty = changed(saved, edited);

  const save = async () => {
    setSaving(true);
    try {
      await onSave(edited);
      setOutcome({ ok: true, text: 'Corrections saved in the workbook. They apply from the next recalculation.' });
    } catch (e) {
      setOutcome({ ok: false, text: `The corrections were not saved: ${errorMessage(e)}` });
    } finally {
      setSaving(false);
    }
  };

  if (tables.length === 0 && form.orphans.length === 0) {
    return (
      <p className={s.empty}>
        Ragbook found no table in this workbook. Recalculate after opening a tracker to see how its tables are read.
      </p>
    );
  }

  const toggle = (i: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });

  return (
    <div className={s.root}>
      <ul className={s.list}>
        {form.rows.map((row, i) => (
          <li key={`${row.evidence.sheet}!${row.evidence.range}`} className={s.table}>
            <TableCard
              row={row}
              id={`${baseId}-t${i}`}
              expanded={open.has(i)}
              onToggle={() => toggle(i)}
              edited={edited}
              onEdit={edit}
              typed={typed}
              onType={(key, text) => setTyped((prev) => ({ ...prev, [key]: text }))}
            />
          </li>
        ))}
      </ul>

      {form.orphans.length > 0 && (
        <fieldset className={s.fieldset}>
          <legend className={s.legend}>Saved corrections that match no table now</legend>
          <ul className={s.rows}>
            {form.orphans.map((o) => {
              const kept = edited.some((e) => e.sheet === o.sheet && e.range === o.range);
              return (
                <li key={`${o.sheet}!${o.range}`}>
                  {o.sheet}!{o.range}
                  {kept ? ' ' : ' (will be removed) '}
                  {kept && (
                    <Button size="small" appearance="subtle" onClick={() => edit(forget(edited, o))}>
                      {`Remove the correction for ${o.sheet}!${o.range}`}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}

      <div className={s.actions}>
        <Button appearance="primary" disabledFocusable={saving || !dirty} onClick={() => void save()}>
          Save corrections
        </Button>
        <Button
          appearance="subtle"
          disabled={saving || !dirty}
          onClick={() => {
            setTyped({});
            edit(saved.slice());
          }}
        >
          Undo changes
        </Button>
      </div>
      {outcome && <Notice intent={outcome.ok ? 'success' : 'error'}>{outcome.text}</Notice>}
    </div>
  );
}

interface TableCardProps {
  row: TableRow;
  id: string;
  expanded: boolean;
  onToggle: () => void;
  edited: TableOverride[];
  onEdit: (next: TableOverride[]) => void;
  typed: Readonly<Record<string, string>>;
  onType: (key: string, text: string) => void;
}

function TableCard({ row, id, expanded, onToggle, edited, onEdit, typed, onType }: TableCardProps) {
  const s = useStyles();
  const t = row.evidence;
  const ignored = isIgnored(edited, row.target);
  const where = `${t.sheet}!${t.range}`;
  const streams = t.workstreams.length;
  return (
    <>
      <h3 className={s.h3} id={`${id}-h`}>
        {where}
        {t.excelTable ? ` (Excel Table ${t.excelTable})` : ''}
      </h3>
      <p className={s.meta}>
        {TABLE_STATE_WORDS[t.state]} · {headerText(t)} · {scoreText(t)}
        {t.state === 'read' ? ` · ${plural(streams, 'work stream')}` : ''}
        {t.overridden ? ' · changed by your corrections' : ''}
      </p>
      {t.unreadReason && <p className={s.meta}>Not read because {UNREAD_REASON_WORDS[t.unreadReason]}.</p>}
      {t.summaries.length > 0 && (
        <p className={s.meta}>
          Hand-typed {t.summaries.length === 1 ? 'summary' : 'summaries'} checked: {t.summaries.join(', ')}
        </p>
      )}
      <Checkbox
        checked={ignored}
        onChange={(_, d) => onEdit(setIgnored(edited, row.target, d.checked === true))}
        label={`Ignore ${where}: it is not a tracker`}
      />
      <Button
        className={s.toggle}
        appearance="secondary"
        size="small"
        aria-expanded={expanded}
        aria-controls={`${id}-body`}
        onClick={onToggle}
      >
        {expanded ? `Hide how ${where} was read` : `Show how ${where} was read`}
      </Button>
      <div id={`${id}-body`} hidden={!expanded}>
        {expanded && (
          <div className={s.root}>
            <fieldset className={s.fieldset}>
              <legend className={s.legend}>Columns</legend>
              {t.columns.map((c) => (
                <Field
                  key={c.column}
                  label={`Column ${c.column}${c.header ? `: ${c.header}` : ' (no header)'}`}
                  hint={SOURCE_HINT[c.source ?? 'header']}
                >
                  <Select
                    value={roleChoice(edited, row.target, c.column)}
                    onChange={(_, d) => onEdit(chooseRole(edited, row.target, c.column, d.value as RoleChoice))}
                  >
                    <option value="">{`As read (${roleWords(c.role)})`}</option>
                    {COLUMN_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {COLUMN_ROLE_WORDS[r]}
                      </option>
                    ))}
                    <option value={NO_ROLE}>Not read</option>
                  </Select>
                </Field>
              ))}
            </fieldset>

            {streams > 0 && (
              <fieldset className={s.fieldset}>
                <legend className={s.legend}>Work streams</legend>
                {row.workstreams.map((w) => {
                  const key = `${w.target.sheet}!${w.target.range}`;
                  return (
                    <Field
                      key={w.evidence.range}
                      label={`Title of the work stream in ${w.evidence.range}`}
                      hint={`Read as “${w.evidence.title}”, from ${TITLE_SOURCE_WORDS[w.evidence.titleSource]}. Leave empty to keep it.`}
                    >
                      <Input
                        value={typed[key] ?? titleOf(edited, w.target)}
                        placeholder={w.evidence.title}
                        onChange={(_, d) => {
                          onType(key, d.value);
                          onEdit(setTitle(edited, w.target, d.value));
                        }}
                      />
                    </Field>
                  );
                })}
              </fieldset>
            )}

            {t.rows.length > 0 && (
              <fieldset className={s.fieldset}>
                <legend className={s.legend}>Rows that are not actions</legend>
                <ul className={s.rows}>
                  {t.rows.map((r) => (
                    <li key={`${r.row}-${r.kind}`}>
                      Row {r.row}, {ROW_KIND_WORDS[r.kind].toLowerCase()}
                      {r.text ? ` “${r.text}”` : ''}: {ROW_REASON_WORDS[r.reason]}.
                    </li>
                  ))}
                </ul>
              </fieldset>
            )}
          </div>
        )}
      </div>
    </>
  );
}
