// Server userErrors shown at the field they name (`field` is the path inside `input`).
export interface UserErrorLike {
  field?: readonly string[] | null;
  message: string;
  code: string;
}

export function errorsAt(errors: readonly UserErrorLike[] | undefined, path: string): string[] {
  const last = path.split('.').pop() ?? path;
  // Shown beside its field, "daysRequested: must be at most 200 days" reads better without the name.
  const withoutName = (message: string) => message.replace(new RegExp(`^(${escape(path)}|${escape(last)}):\\s*`), '');
  return (errors ?? []).filter((e) => (e.field ?? []).join('.') === path).map((e) => capitalise(withoutName(e.message)));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Errors naming no field this form shows, for the summary at the top of the form. */
export function otherErrors(errors: readonly UserErrorLike[] | undefined, shown: readonly string[]): UserErrorLike[] {
  return (errors ?? []).filter((e) => !shown.includes((e.field ?? []).join('.')));
}

export function FieldError({ id, messages }: { id: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <p className="field-error" id={id}>
      {messages.join(' ')}
    </p>
  );
}

export function FormErrors({ errors }: { errors: UserErrorLike[] }) {
  if (!errors.length) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">This could not be saved</p>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            {e.field?.length ? `${e.field.join('.')}: ` : ''}
            {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
