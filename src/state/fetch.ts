const base = import.meta.env.BASE_URL;

/** A JSON file served with the app (relative to its base URL). */
export async function fetchJson<T>(path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Text of an optional file, or null when it is absent (dev servers answer a missing file with index.html). */
export async function fetchOptionalText(path: string): Promise<string | null> {
  const response = await fetch(`${base}${path}`);
  const html = response.headers.get('content-type')?.includes('text/html');
  return response.ok && !html ? await response.text() : null;
}
