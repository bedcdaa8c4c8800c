// "When I can help": the stretches of days a person is free to support (both ends included;
// none means always). Ranking excludes a person from a need whose window meets none of them
// (NOT_AVAILABLE_IN_WINDOW). Dates stay as typed (YYYY-MM-DD) for the server to judge, so its
// message shows at the field it names. Focus follows add/remove so a keyboard user is never
// left on a button that has just disappeared.
import { useEffect, useRef, useState } from 'react';
import { errorsAt, FieldError, type UserErrorLike } from './user-errors';

export interface WindowDraft {
  from: string;
  to: string;
}

/** The field paths this section shows errors at (for the form's summary of the rest). */
export const availabilityFieldPaths = (windows: readonly WindowDraft[]): string[] => [
  'availability',
  ...windows.flatMap((_, i) => [`availability.${i}`, `availability.${i}.from`, `availability.${i}.to`]),
];

/** A stored Date as the date input wants it. */
export const dayOf = (value: string): string => value.slice(0, 10);

export function AvailabilityFields({
  idBase,
  windows,
  errors,
  onChange,
}: {
  idBase: string;
  windows: WindowDraft[];
  errors: readonly UserErrorLike[];
  onChange: (next: WindowDraft[]) => void;
}) {
  // Where focus goes once the list has re-rendered: a window's "From" field, or the add button.
  const [focusTarget, setFocusTarget] = useState<number | 'add' | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusTarget === null) return;
    if (focusTarget === 'add') addButton.current?.focus();
    else document.getElementById(`${idBase}-w${focusTarget}-from`)?.focus();
    setFocusTarget(null);
  }, [focusTarget, idBase]);

  const set = (index: number, change: Partial<WindowDraft>) => onChange(windows.map((w, i) => (i === index ? { ...w, ...change } : w)));
  const remove = (index: number) => {
    onChange(windows.filter((_, i) => i !== index));
    // The window that moves into this place, else the one before, else the add button.
    const remaining = windows.length - 1;
    setFocusTarget(remaining === 0 ? 'add' : Math.min(index, remaining - 1));
  };

  return (
    <fieldset>
      <legend>When I can help</legend>
      <p className="hint" id={`${idBase}-hint`}>
        The days you are free to support other schools, both ends included. Leave the list empty if you are free all year; needs outside every range
        you give are not offered to you.
      </p>
      <FieldError id={`${idBase}-error`} messages={errorsAt(errors, 'availability')} />
      {windows.length === 0 ? <p className="hint">Free all year (no ranges given).</p> : null}
      {windows.map((w, i) => {
        const base = `${idBase}-w${i}`;
        const at = (f: 'from' | 'to') => errorsAt(errors, `availability.${i}.${f}`);
        const whole = errorsAt(errors, `availability.${i}`);
        const field = (f: 'from' | 'to', title: string) => {
          const messages = at(f);
          return (
            <div className="field">
              <label htmlFor={`${base}-${f}`}>{title}</label>
              <input
                id={`${base}-${f}`}
                type="date"
                value={w[f]}
                onChange={(e) => set(i, { [f]: e.target.value })}
                aria-invalid={messages.length ? true : undefined}
                aria-describedby={messages.length ? `${base}-${f}-error` : undefined}
              />
              <FieldError id={`${base}-${f}-error`} messages={messages} />
            </div>
          );
        };
        return (
          <fieldset key={i} className="availability-entry">
            <legend>Range {i + 1}</legend>
            <FieldError id={`${base}-error`} messages={whole} />
            <div className="expertise-row">
              {field('from', 'From')}
              {field('to', 'To (last free day)')}
            </div>
            <button type="button" className="button-danger" onClick={() => remove(i)}>
              Remove range {i + 1}
            </button>
          </fieldset>
        );
      })}
      <button
        ref={addButton}
        type="button"
        className="button-secondary"
        onClick={() => {
          onChange([...windows, { from: '', to: '' }]);
          setFocusTarget(windows.length);
        }}
      >
        Add a range of dates
      </button>
    </fieldset>
  );
}
