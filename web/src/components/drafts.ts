// Form input kept in sessionStorage as it is typed, so an expired sign-in, a lost connection
// or a reload never loses it. Cleared when the form is sent successfully.
import { useCallback, useEffect, useState } from 'react';

export function useDraft<T extends object>(key: string, initial: T): [T, (next: T | ((previous: T) => T)) => void, (next?: T) => void] {
  const storageKey = `draft:${key}`;
  const [value, setValue] = useState<T>(() => {
    const saved = window.sessionStorage.getItem(storageKey);
    if (!saved) return initial;
    try {
      return { ...initial, ...(JSON.parse(saved) as T) };
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    window.sessionStorage.setItem(storageKey, JSON.stringify(value));
  }, [storageKey, value]);
  // `next`: what the form shows once cleared (a saved record as the server returned it), when
  // that is newer than the `initial` the form was opened with.
  const clear = useCallback((next?: T) => {
    window.sessionStorage.removeItem(storageKey);
    setValue(next ?? initial);
    // `initial` is a fresh object each render; the key names the draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey]);
  return [value, setValue, clear];
}
