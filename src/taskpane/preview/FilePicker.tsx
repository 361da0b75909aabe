import { useId, useRef } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';

// A native file input that looks like a Fluent button. The input itself is the
// control (opacity 0, laid over the face), so it keeps its own keyboard and screen
// reader behaviour and its accessible name is exactly the label given:
// tests drive it by role button and name "Open workbook". The face is the input's
// <label>, so a test (or a user) that finds the visible words instead of the role
// still reaches the input: clicking the words opens the file chooser, and
// Playwright's setInputFiles on the label goes to its input.

const useStyles = makeStyles({
  root: {
    position: 'relative',
    display: 'inline-flex',
    borderRadius: tokens.borderRadiusMedium,
    ':focus-within': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  face: {
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '32px',
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
  },
  hover: {
    ':hover > label': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  input: {
    position: 'absolute',
    inset: 0,
    width: '100%',
    height: '100%',
    margin: 0,
    opacity: 0,
    cursor: 'pointer',
    fontSize: 0,
  },
});

export interface FilePickerProps {
  label: string;
  accept: string;
  /** The files chosen: one, or several when `multiple`. */
  onFiles: (files: File[]) => void;
  multiple?: boolean;
  /**
   * While a file is read, the picker refuses another but stays focusable: a disabled
   * input would drop the keyboard user's focus to the page, the moment after they chose.
   */
  busy?: boolean;
}

export function FilePicker({ label, accept, onFiles, multiple, busy }: FilePickerProps) {
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  return (
    <span className={`${s.root} ${s.hover}`}>
      {/* aria-hidden: the input's name comes from its aria-label, once, not from the label as well. */}
      <label htmlFor={id} className={s.face} aria-hidden="true">
        {label}
      </label>
      <input
        id={id}
        ref={input}
        className={s.input}
        type="file"
        accept={accept}
        multiple={multiple}
        aria-label={label}
        aria-disabled={busy ? true : undefined}
        onClick={(e) => {
          if (busy) e.preventDefault();
        }}
        onKeyDown={(e) => {
          if (busy && (e.key === 'Enter' || e.key === ' ')) e.preventDefault();
        }}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          // Cleared so choosing the same file again (after editing it) is noticed.
          if (input.current) input.current.value = '';
          if (files.length && !busy) onFiles(files);
        }}
      />
    </span>
  );
}
