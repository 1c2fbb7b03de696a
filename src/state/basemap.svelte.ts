import type { BasemapChoice } from '../map/basemap.ts';

/**
 * The basemap under the district: none by default, so the app makes no request to any other host until
 * the user turns the online basemap on. Deliberately not in the URL: opening a shared link never starts
 * fetching tiles on someone else's behalf.
 */
export class BasemapState {
  choice = $state.raw<BasemapChoice>({ kind: 'none' });
  attribution = $state<string | null>(null);
  error = $state<string | null>(null);
}
