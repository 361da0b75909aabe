import type { ReactNode } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';

// A plain message box. Errors are an alert (read out at once); the rest are a polite
// status. Built here rather than with Fluent's MessageBar, which needs
// ResizeObserver and adds weight the pane does not need.

export type NoticeIntent = 'error' | 'warning' | 'info' | 'success';

const useStyles = makeStyles({
  root: {
    borderRadius: tokens.borderRadiusMedium,
    borderLeftWidth: '4px',
    borderLeftStyle: 'solid',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
    overflowWrap: 'anywhere',
  },
  error: { backgroundColor: tokens.colorStatusDangerBackground1, borderLeftColor: tokens.colorStatusDangerBorderActive },
  warning: { backgroundColor: tokens.colorStatusWarningBackground1, borderLeftColor: tokens.colorStatusWarningBorderActive },
  info: { backgroundColor: tokens.colorNeutralBackground3, borderLeftColor: tokens.colorBrandStroke1 },
  success: { backgroundColor: tokens.colorStatusSuccessBackground1, borderLeftColor: tokens.colorStatusSuccessBorderActive },
  title: { fontWeight: tokens.fontWeightSemibold, display: 'block' },
});

export interface NoticeProps {
  intent: NoticeIntent;
  title?: string;
  children?: ReactNode;
  className?: string;
}

export function Notice({ intent, title, children, className }: NoticeProps) {
  const s = useStyles();
  return (
    <div role={intent === 'error' ? 'alert' : 'status'} className={mergeClasses(s.root, s[intent], className)}>
      {title && <strong className={s.title}>{title}</strong>}
      {children}
    </div>
  );
}
