// One labelled text field (a line, a date or several lines) with the server's messages under
// it: marked invalid and described by them, so a screen reader reads why with the field.
import type { ChangeEvent } from 'react';
import { FieldError } from './user-errors';

interface TextFieldProps {
  /** The control's id; its messages are `${id}-error`. */
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  messages: string[];
  /** `textarea` for several lines, else the input's type. */
  kind?: 'textarea' | 'text' | 'date';
  placeholder?: string;
}

export function TextField({ id, label, value, onChange, messages, kind = 'text', placeholder }: TextFieldProps) {
  const control = {
    id,
    value,
    placeholder,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value),
    'aria-invalid': messages.length ? true : undefined,
    'aria-describedby': messages.length ? `${id}-error` : undefined,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {kind === 'textarea' ? <textarea {...control} /> : <input type={kind} {...control} />}
      <FieldError id={`${id}-error`} messages={messages} />
    </div>
  );
}
