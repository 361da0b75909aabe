import { useId } from 'react';
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { isValidIsoDate } from '../core/iso-date';

// The one thing a manager needs: the as-of date and the Recalculate summary button.
// It is a form, so Enter in the date field recalculates too.

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  date: { minWidth: '10em', flexGrow: 1 },
  hint: { flexBasis: '100%', margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

export interface RecalculateBarProps {
  asOf: string;
  onAsOfChange: (iso: string) => void;
  onRecalculate: () => void;
  busy: boolean;
  /** Why the button cannot be used yet (no workbook open, Excel too old); null when it can. */
  blockedReason?: string | null;
}

export function RecalculateBar({ asOf, onAsOfChange, onRecalculate, busy, blockedReason }: RecalculateBarProps) {
  const s = useStyles();
  const hintId = useId();
  const dateError =
    asOf === '' ? 'Enter the date the figures are judged at.' : !isValidIsoDate(asOf) ? 'That is not a real date.' : undefined;
  const unavailable = busy || Boolean(blockedReason) || Boolean(dateError);
  return (
    <form
      className={s.form}
      aria-label="Recalculate"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!unavailable) onRecalculate();
      }}
    >
      <Field
        className={s.date}
        label="As of"
        validationMessage={dateError}
        hint={dateError ? undefined : 'Overdue and due soon are judged at this date.'}
      >
        <Input type="date" value={asOf} onChange={(_, d) => onAsOfChange(d.value)} />
      </Field>
      {/* disabledFocusable keeps the button in the tab order while it cannot run, so focus is not lost mid-run. */}
      <Button type="submit" appearance="primary" disabledFocusable={unavailable} aria-describedby={blockedReason ? hintId : undefined}>
        Recalculate summary
      </Button>
      {blockedReason && (
        <p id={hintId} className={s.hint}>
          {blockedReason}
        </p>
      )}
    </form>
  );
}
