import { useId } from 'react';
import { ProgressBar, makeStyles, tokens } from '@fluentui/react-components';

// The stage of a running recalculation, named, with a bar: "Reading trackers 3 of 10".

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  label: { fontSize: tokens.fontSizeBase300 },
});

export interface ProgressViewProps {
  stage: string;
  done: number;
  total: number;
}

export function ProgressView({ stage, done, total }: ProgressViewProps) {
  const s = useStyles();
  const id = useId();
  const known = total > 1 && done >= 0 && done <= total;
  const label = known ? `${stage} (${done} of ${total})` : stage;
  return (
    <div className={s.root}>
      <span id={id} className={s.label} role="status">
        {label}
      </span>
      {/* Without a known total the bar is indeterminate rather than stuck at 0%. */}
      <ProgressBar aria-labelledby={id} value={known ? done / total : undefined} max={1} thickness="large" />
    </div>
  );
}
