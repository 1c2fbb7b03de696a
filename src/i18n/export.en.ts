import type { exportUiId } from './export.id.ts';

/** Messages of the exports in English, typed against the Indonesian keys. Merged into `en.ts`. */
export const exportUiEn: Record<keyof typeof exportUiId, string> = {
  'export.section': 'Download and print',
  'export.png.screen': 'PNG (screen)',
  'export.png.poster': 'PNG (poster {width} px)',
  'export.png.screenLabel': 'Download the map as a PNG image as wide as the screen',
  'export.png.posterLabel': 'Download the map as a PNG image {width} pixels wide for a poster',
  'export.png.busy': 'Making the map image…',
  'export.png.done': 'Map image downloaded: {file} ({width} × {height} px)',
  'export.png.failed': 'The map image could not be made: {reason}',
  'export.print': 'Print A4 brief',
  'export.print.map': 'Print A4 map',
  'export.print.of': 'Brief for',
  'export.print.shortlist': 'the shortlist (whole kabupaten)',
  'export.print.kecamatan': 'Kecamatan {name}',
  'export.print.busy': 'Preparing the brief for printing…',
  'export.print.explain': 'Ctrl+P prints this brief too, not the app screen.',
  'export.print.mapAlt': 'Map: {title}',
  'export.project.save': 'Save project',
  'export.project.open': 'Open project',
  'export.project.explain':
    'The project file (.json) keeps the aggregate data, the view, the scenarios, the shortlist and the notes. Its figures are exact: an internal working file, not for handing out.',
  'export.project.saved': 'Project saved: {file}',
  'export.project.opened':
    'Project {file} opened: data "{dataset}", {saved} saved scenarios, the scenario being worked on restored.',
  'export.project.notStored':
    'The project data is shown but could not be stored in this browser (storage full or turned off): for this visit only.',
  'export.project.failed': 'The project could not be saved: {reason}',
  'export.map.date': 'Date: {date}',
  'export.map.made': 'Made with Kantong',
  'export.map.north': 'N',
  'export.sheet.title': 'Map: {title}',
};
