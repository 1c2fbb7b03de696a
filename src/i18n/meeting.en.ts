import type { meetingId } from './meeting.id.ts';

/** Messages of the meeting room and the field in English, typed against the Indonesian keys. */
export const meetingEn: Record<keyof typeof meetingId, string> = {
  'present.enter': 'Presentation mode',
  'present.enterLabel': 'Presentation mode (key P): full screen for a projector, slides with ← →',
  'present.leave': 'Leave the presentation (Esc)',
  'present.slideOf': 'Slide {n} of {count}',
  'present.noSlides': 'No slides yet: this view is shown.',
  'present.keys': '← → PageUp PageDown Space: slides · Home/End · Esc: leave',
  'present.prev': 'Previous slide',
  'present.next': 'Next slide',
  'slides.section': 'Presentation slides',
  'slides.caption': 'Slide caption',
  'slides.captionPlaceholder': 'e.g. Pockets on the north coast',
  'slides.add': 'Add this view',
  'slides.added': 'Slide {n} added: {caption}',
  'slides.empty':
    'No slides yet. Set up the map (level, indicator, mode, focus), give a caption, then add it.',
  'slides.untitled': 'Slide {n}',
  'slides.show': 'Show slide {n}',
  'slides.rename': 'Caption of slide {n}',
  'slides.up': 'Move slide {n} up',
  'slides.down': 'Move slide {n} down',
  'slides.delete': 'Delete slide {n}',
  'slides.storeError': 'Slides were not stored in the browser: {reason}',
  'legend.collapse': 'Hide the legend',
  'legend.expand': 'Show the legend',
  'card.collapse': 'Collapse the card',
  'card.expand': 'Expand the card',
};
