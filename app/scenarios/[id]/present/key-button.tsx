import type { ButtonHTMLAttributes } from 'react';

/** A button that also answers to a key: the key is part of its visible label and its name. */
export function KeyButton({
  label,
  shortcut,
  primary = false,
  ...rest
}: {
  label: string;
  shortcut: string;
  primary?: boolean;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'type' | 'className'>) {
  return (
    <button
      type="button"
      className={`button p-button${primary ? ' button--primary' : ''}`}
      aria-keyshortcuts={shortcut.toLowerCase()}
      {...rest}
    >
      {label} <span className="p-button__key">({shortcut})</span>
    </button>
  );
}
