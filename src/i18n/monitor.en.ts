import type { monitorUiId } from './monitor.id.ts';

/** English messages of periods and the Pemantauan (monitoring) mode. */
export const monitorUiEn: Record<keyof typeof monitorUiId, string> = {
  'periods.confirm.add': 'Add as period {periods} to the data "{name}"?',
  'periods.confirm.addYes': 'Add period',
  'periods.confirm.separate': 'Keep as separate data',
  'periods.confirm.replace':
    'Period {periods} is already in the data "{name}". Replace that period with the new file, or cancel?',
  'periods.confirm.replaceYes': 'Replace period',
  'periods.confirm.alsoAdded': 'The new period {periods} is added too.',
  'periods.confirm.cancel': 'Cancel',
  'periods.label': 'Periods in this data',
  'periods.remove': 'Remove period {periode}',
  'periods.removeConfirm': 'Remove period {periode} from this data?',
  'periods.removeYes': 'Yes, remove the period',
  'periods.removeNo': 'No',
  'periods.base': 'Base period',
  'periods.comparison': 'Comparison period',
  'periods.baseAfter': 'The base period must come before the comparison period.',
};
